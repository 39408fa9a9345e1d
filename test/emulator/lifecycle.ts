/** Interview lifecycle: status changes and analyses (used by the control API and isTest). */
import { randomUUID } from 'node:crypto';
import type { AdvanceInterviewBody, Analysis, AnalysisStatus, Interview } from './types';
import type { EmulatorState } from './store';
import { ApiError, notFound } from './util';

const STRONG = ['Clear, structured communication', 'Solid hands-on experience with the core stack', 'Good problem-solving approach'];
const WEAK = ['Limited leadership experience', 'Little exposure to cloud infrastructure'];

function fitFor(rating: number | null): string {
	if (rating === null) return 'UNDEFINED';
	if (rating >= 75) return 'HIGH';
	if (rating >= 50) return 'MEDIUM';
	return 'LOW';
}

export function makeAnalysis(status: AnalysisStatus, rating: number | null, at: string): Analysis {
	const r = status === 3 ? rating : null;
	return {
		id: randomUUID(),
		general: {
			overallRating: r,
			companyFitRating: fitFor(r),
			education: status === 3 ? 'MASTER_LEVEL' : 'UNDEFINED',
			experience: status === 3 ? 'THREE_TO_5_YEARS' : 'UNDEFINED',
			strongPoints: status === 3 ? [...STRONG] : [],
			weakPoints: status === 3 ? [...WEAK] : [],
			evaluation:
				status === 3
					? [r !== null && r >= 75 ? 'Recommended for the next round' : 'Consider for a follow-up conversation']
					: [],
			status,
			createdAt: at,
			updatedAt: at,
		},
		specific: null,
	};
}

/** Set analysis status (creating the analysis if missing; creation increments candidate.analysisCount). */
export function setAnalysis(
	state: EmulatorState,
	iv: Interview,
	status: AnalysisStatus,
	rating: number | undefined,
	at: string,
): void {
	const defaultRating = 60 + (parseInt(iv.id.slice(0, 4), 16) % 36);
	if (!iv.analysis) {
		iv.analysis = makeAnalysis(status, rating ?? defaultRating, at);
		const c = state.candidates.get(iv.candidateId);
		if (c) c.analysisCount += 1; // candidate.updatedAt deliberately NOT touched
		return;
	}
	const g = iv.analysis.general;
	const filled = makeAnalysis(status, rating ?? g.overallRating ?? defaultRating, g.createdAt);
	iv.analysis.general = { ...filled.general, createdAt: g.createdAt, updatedAt: at };
}

export function advanceInterview(state: EmulatorState, id: string, body: AdvanceInterviewBody): Interview {
	const iv = state.interviews.get(id);
	if (!iv || iv.deletedAt) throw notFound('Interview', id);
	let at = state.nowIso();
	if (body.at !== undefined) {
		const ms = Date.parse(body.at);
		if (Number.isNaN(ms)) throw new ApiError(400, 'VALIDATION_ERROR', `invalid "at": ${body.at}`, {});
		at = new Date(ms).toISOString();
	}
	if (body.analysisStatus !== undefined && ![1, 2, 3, 4].includes(body.analysisStatus)) {
		throw new ApiError(400, 'VALIDATION_ERROR', 'analysisStatus must be 1, 2, 3 or 4', {});
	}
	if (body.durationMinutes !== undefined && (typeof body.durationMinutes !== 'number' || !(body.durationMinutes > 0))) {
		throw new ApiError(400, 'VALIDATION_ERROR', 'durationMinutes must be a positive number', {});
	}
	const agent = state.agents.get(iv.agentId);
	if (body.status) {
		const allowed = ['IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELLED'];
		if (!allowed.includes(body.status)) {
			throw new ApiError(400, 'VALIDATION_ERROR', `status must be one of ${allowed.join(', ')}`, {});
		}
		iv.status = body.status;
		iv.updatedAt = at;
		const live = iv.callAttempts.find((a) => a.status === 'IN_PROGRESS') ?? iv.callAttempts.find((a) => a.status === 'SCHEDULED');
		if (body.status === 'IN_PROGRESS' && live) {
			live.status = 'IN_PROGRESS';
			live.calledAt = at;
		}
		if (body.status === 'COMPLETED') {
			const startMs = Date.parse(iv.scheduledAt);
			const derived = Math.max(1, Math.min(agent?.duration ?? 20, Math.round((Date.parse(at) - startMs) / 60000) || (agent?.duration ?? 20)));
			const minutes = body.durationMinutes ?? derived;
			iv.finishedDate = at;
			iv.durationMinutes = minutes;
			if (live) {
				live.status = 'COMPLETED';
				live.calledAt = live.calledAt ?? at;
				live.duration = minutes * 60;
				live.recordingUrl = `https://storage.example.com/recordings/${iv.id}.mp3`;
			}
		}
		if (body.status === 'FAILED') {
			iv.finishedDate = at;
			if (live) {
				live.status = 'FAILED';
				live.reasonCode = 'NO_ANSWER';
				live.calledAt = live.calledAt ?? at;
			}
		}
		if (body.status === 'CANCELLED') {
			for (const a of iv.callAttempts) if (a.status === 'SCHEDULED') a.status = 'CANCELLED';
		}
	}
	if (body.analysisStatus !== undefined) {
		setAnalysis(state, iv, body.analysisStatus, body.overallRating, at);
	} else if (body.overallRating !== undefined && iv.analysis) {
		iv.analysis.general.overallRating = body.overallRating;
		iv.analysis.general.updatedAt = at;
	}
	state.webhooks.interviewChanged(iv, body.status, body.analysisStatus);
	return iv;
}

/** isTest interviews complete immediately with a COMPLETED analysis. */
export function completeTestInterview(state: EmulatorState, iv: Interview): void {
	advanceInterview(state, iv.id, { status: 'COMPLETED', analysisStatus: 3 });
}
