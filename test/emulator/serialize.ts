/** Public JSON shapes of the resources (deep copies; internal fields stripped). */
import type { EmulatorState } from './store';
import type { Agent, Candidate, Interview, Job } from './types';

const clone = <T>(v: T): T => (v === null || v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export function interviewJson(iv: Interview): Record<string, unknown> {
	const out: Record<string, unknown> = {
		id: iv.id,
		candidateId: iv.candidateId,
		agentId: iv.agentId,
	};
	if (iv.jobId !== undefined) out.jobId = iv.jobId; // absent, not null, when there is no job
	Object.assign(out, {
		status: iv.status,
		scheduledAt: iv.scheduledAt,
		durationMinutes: iv.durationMinutes,
		finishedDate: iv.finishedDate,
		metadata: clone(iv.metadata),
		callAttempts: clone(iv.callAttempts),
		analysis: clone(iv.analysis),
		isTest: iv.isTest,
		createdAt: iv.createdAt,
		updatedAt: iv.updatedAt,
	});
	return out;
}

export function candidateJson(state: EmulatorState, c: Candidate): Record<string, unknown> {
	return {
		id: c.id,
		firstName: c.firstName,
		lastName: c.lastName,
		status: c.status,
		email: c.email,
		phoneNumber: c.phoneNumber,
		gdprExpiryDate: c.gdprExpiryDate,
		jobId: c.jobIds[0] ?? null,
		jobIds: [...c.jobIds],
		overallRating: state.candidateOverallRating(c.id),
		metadata: clone(c.metadata),
		analysisCount: c.analysisCount,
		interviewCount: c.interviewCount,
		links: {
			analyses: `/v1/public/candidates/${c.id}/analyses`,
			interviews: `/v1/public/candidates/${c.id}/interviews`,
		},
		createdAt: c.createdAt,
		updatedAt: c.updatedAt,
	};
}

export function jobJson(j: Job): Record<string, unknown> {
	const { deletedAt: _d, ...rest } = j;
	void _d;
	return clone(rest);
}

export function agentJson(a: Agent): Record<string, unknown> {
	const { deletedAt: _d, ...rest } = a;
	void _d;
	return clone(rest);
}
