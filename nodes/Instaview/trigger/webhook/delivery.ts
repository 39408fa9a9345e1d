import type { IDataObject } from 'n8n-workflow';

import { isDataObject } from '../../transport';
import { analysisOf } from '../output/analysis';
import { normalizeEventName, PING_EVENT } from './events';
import type { WebhookFilter } from './fields';

/** One delivery as InstaView documents it: `{ event, timestamp, deliveryId, data }`. */
export interface Delivery {
	/** Dotted name, whatever encoding arrived; undefined for an event this node does not know. */
	event: string | undefined;
	deliveryId: string;
	timestamp?: string;
	data: IDataObject;
	raw: IDataObject;
}

/** The delivery in a request body, or undefined when the body is not one. */
export function parseDelivery(body: unknown): Delivery | undefined {
	if (!isDataObject(body)) return undefined;
	const deliveryId = typeof body.deliveryId === 'string' ? body.deliveryId.trim() : '';
	if (!deliveryId || body.event === undefined) return undefined;
	return {
		event: normalizeEventName(body.event),
		deliveryId,
		timestamp: typeof body.timestamp === 'string' ? body.timestamp : undefined,
		data: isDataObject(body.data) ? body.data : {},
		raw: body,
	};
}

export function isPing(delivery: Delivery): boolean {
	return delivery.event === PING_EVENT;
}

export function interviewIdOf(delivery: Delivery): string | undefined {
	const id = delivery.data.interviewId;
	return typeof id === 'string' && id ? id : undefined;
}

/**
 * The interview as far as a delivery tells it (an unconfirmed event, or confirmation off):
 * the same keys as an interview read from the API, so items keep one shape.
 */
export function interviewFromDelivery(delivery: Delivery): IDataObject {
	const { data } = delivery;
	return {
		id: data.interviewId,
		candidateId: data.candidateId,
		...(data.jobId !== undefined ? { jobId: data.jobId } : {}),
		status: data.status,
		analysis: isDataObject(data.analysis) ? data.analysis : null,
	};
}

/** What the filters look at; `agentId`/`rating` undefined when the source does not say. */
export interface FilterFacts {
	jobId?: unknown;
	agentId?: unknown;
	rating?: unknown;
}

/** Facts of an interview read from the API: everything is known. */
export function factsOfInterview(interview: IDataObject): FilterFacts {
	const analysis = isDataObject(interview.analysis) ? interview.analysis : undefined;
	const general = analysis && isDataObject(analysis.general) ? analysis.general : {};
	return { jobId: interview.jobId ?? null, agentId: interview.agentId ?? null, rating: general.overallRating ?? null };
}

/** Facts of a delivery: the job (absent = none) and the rating it carries; never the agent. */
export function factsOfDelivery(delivery: Delivery): FilterFacts {
	const interview = interviewFromDelivery(delivery);
	const analysis = analysisOf(interview);
	const general = isDataObject(interview.analysis) && isDataObject(interview.analysis.general) ? interview.analysis.general : {};
	return { jobId: delivery.data.jobId ?? null, rating: analysis ? general.overallRating ?? null : undefined };
}

/**
 * Whether an event passes the Job, Agent and Minimum Overall Rating filters. The rating filter
 * concerns completed analyses only. A filter on a fact the source does not give (the agent of
 * an unconfirmed event) lets the event through: losing it would be worse, and the item says it
 * is unconfirmed.
 */
export function passesFilter(filter: WebhookFilter, event: string, facts: FilterFacts): boolean {
	if (filter.jobId && facts.jobId !== filter.jobId) return false;
	if (filter.agentId && facts.agentId !== undefined && facts.agentId !== filter.agentId) return false;
	if (filter.minRating > 0 && event === 'analysis.completed' && facts.rating !== undefined) {
		const rating = Number(facts.rating);
		if (facts.rating === null || !(rating >= filter.minRating)) return false;
	}
	return true;
}
