import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { ANALYSIS_STATUS } from '../../helpers/analysisStatus';
import { instaviewApiRequest, isDataObject, type InstaviewContext, type RequestMeter } from '../../transport';
import { analysisOf } from '../output/analysis';
import type { InterviewEvent } from './events';

/**
 * Confirmation reads the interview before anything is emitted, so a workflow acts on what
 * InstaView says now, not on what a delivery claims (a late retry, a re-run analysis).
 *
 * InstaView waits `timeoutMs` (30 s in its examples) for an answer; everything read for one
 * delivery (the confirmation, then the candidate and job details) shares one deadline well
 * below that, so a slow API never makes InstaView deliver the event again while this one is
 * still being handled.
 */
export const confirmSettings = {
	deadlineMs: 20 * 1000,
	maxRateLimitWaitMs: 10 * 1000,
};

export type Confirmation =
	| { kind: 'confirmed'; interview: IDataObject }
	/** InstaView answered, and the event does not hold (any more): nothing is emitted. */
	| { kind: 'refuted'; reason: string }
	/** InstaView could not be asked: the event is emitted marked unconfirmed. */
	| { kind: 'unavailable'; reason: string };

const STARTED_OR_LATER = new Set(['IN_PROGRESS', 'COMPLETED', 'FAILED']);

/** Whether the interview as read now bears the event out. */
export function bearsOut(event: InterviewEvent, interview: IDataObject): boolean {
	switch (event) {
		case 'analysis.completed':
			return analysisOf(interview)?.status === ANALYSIS_STATUS.COMPLETED;
		case 'analysis.failed':
			return analysisOf(interview)?.status === ANALYSIS_STATUS.FAILED;
		case 'interview.completed':
			return interview.status === 'COMPLETED';
		case 'interview.failed':
			return interview.status === 'FAILED';
		case 'interview.started':
			// A start reported late may find the interview already finished: it did start.
			return typeof interview.status === 'string' && STARTED_OR_LATER.has(interview.status);
	}
}

class DeadlineExceeded extends Error {}

/** When InstaView must have answered every read for one delivery (confirmation and details alike). */
export function deliveryDeadline(): number {
	return Date.now() + confirmSettings.deadlineMs;
}

/**
 * One GET for a delivery, given up on at `deadlineAt`. (n8n's helpers offer no cancellable
 * timer, so the timer runs out on its own after an early answer; it holds nothing. The read
 * may still fail after the deadline; nobody is waiting for it then.)
 */
export async function readBeforeDeadline(
	context: InstaviewContext,
	request: { path: string; subject: string; meter?: RequestMeter },
	deadlineAt: number,
): Promise<unknown> {
	const read = instaviewApiRequest.call(context, { method: 'GET', ...request, maxRateLimitWaitMs: confirmSettings.maxRateLimitWaitMs });
	read.catch(() => undefined);
	const deadline = sleep(Math.max(0, deadlineAt - Date.now())).then(() => {
		throw new DeadlineExceeded(`InstaView did not answer within ${Math.round(confirmSettings.deadlineMs / 1000)} s`);
	});
	deadline.catch(() => undefined);
	return await Promise.race([read, deadline]);
}

/** Reads GET /interviews/{id} and judges the event against it. */
export async function confirmEvent(
	context: InstaviewContext,
	event: InterviewEvent,
	interviewId: string,
	deadlineAt: number,
	meter?: RequestMeter,
): Promise<Confirmation> {
	let interview: unknown;
	try {
		interview = await readBeforeDeadline(context, { path: `/interviews/${encodeURIComponent(interviewId)}`, subject: `interview ${interviewId}`, meter }, deadlineAt);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') {
			return { kind: 'refuted', reason: `interview ${interviewId} no longer exists` };
		}
		return { kind: 'unavailable', reason: (error as Error).message };
	}
	if (!isDataObject(interview)) return { kind: 'unavailable', reason: 'InstaView returned no interview' };
	if (!bearsOut(event, interview)) {
		return { kind: 'refuted', reason: `interview ${interviewId} does not show ${event} (status ${String(interview.status)})` };
	}
	return { kind: 'confirmed', interview };
}
