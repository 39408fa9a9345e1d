/** Webhook event names (three documented encodings) and the `data` of each event's payload. */
import { interviewAnalysisPdf } from '../pdf';
import type { EmulatorState } from '../store';
import type { Interview } from '../types';

/** Dotted label (payload `event`, config read-back), upper-case label, older guide index. */
const EVENT_TABLE: Array<[dotted: string, upper: string, index?: number]> = [
	['analysis.completed', 'ANALYSIS_COMPLETED', 0],
	['analysis.failed', 'ANALYSIS_FAILED', 1],
	['ping', 'PING', 2],
	['interview.completed', 'INTERVIEW_COMPLETED', 3],
	['interview.failed', 'INTERVIEW_FAILED', 4],
	['interview.started', 'INTERVIEW_STARTED', 5],
	['sourcing.completed', 'SOURCING_COMPLETED'],
	['sourcing.failed', 'SOURCING_FAILED'],
	['enrich.completed', 'ENRICH_COMPLETED'],
	['enrich.failed', 'ENRICH_FAILED'],
];

export const WEBHOOK_EVENTS = EVENT_TABLE.map(([dotted]) => dotted);

/** Any documented encoding → the dotted name; undefined when unknown. */
export function normalizeEvent(v: unknown): string | undefined {
	for (const [dotted, upper, index] of EVENT_TABLE) {
		if (v === dotted || v === upper || (index !== undefined && v === index)) return dotted;
	}
	return undefined;
}

/** Interview status reached through the lifecycle → the event it fires. CANCELLED fires none (none documented). */
export const STATUS_EVENTS: Record<string, string | undefined> = {
	IN_PROGRESS: 'interview.started',
	COMPLETED: 'interview.completed',
	FAILED: 'interview.failed',
};

/** Analysis status (3 COMPLETED, 4 FAILED) → event. */
export const ANALYSIS_EVENTS: Record<number, string | undefined> = { 3: 'analysis.completed', 4: 'analysis.failed' };

/** The call attempt an event is about: the latest one that was not cancelled, or null (ONLINE interviews). */
function callAttemptId(iv: Interview): string | null {
	for (let i = iv.callAttempts.length - 1; i >= 0; i--) {
		if (iv.callAttempts[i].status !== 'CANCELLED') return iv.callAttempts[i].id;
	}
	return null;
}

/** `{ interviewId, callAttemptId, candidateId, jobId, status }`; jobId is absent (as on the interview) when there is no job. */
function interviewData(iv: Interview): Record<string, unknown> {
	const data: Record<string, unknown> = { interviewId: iv.id, callAttemptId: callAttemptId(iv), candidateId: iv.candidateId };
	if (iv.jobId !== undefined) data.jobId = iv.jobId;
	data.status = iv.status;
	return data;
}

export function eventData(state: EmulatorState, event: string, iv: Interview): Record<string, unknown> {
	const data = interviewData(iv);
	if (event === 'interview.failed') {
		const reason = iv.callAttempts.find((a) => a.id === data.callAttemptId)?.reasonCode;
		data.errorMessage = reason ? `Interview failed: ${reason}` : 'Interview failed: technical failure during the interview';
	}
	if (event === 'analysis.completed' && iv.analysis) {
		data.analysis = JSON.parse(JSON.stringify(iv.analysis)) as unknown;
		data.analysisPdfBase64 = interviewAnalysisPdf(state, iv).toString('base64');
	}
	if (event === 'analysis.failed') {
		data.analysisId = iv.analysis?.id ?? null;
		data.errorMessage = 'Analysis processing failed';
	}
	return data;
}
