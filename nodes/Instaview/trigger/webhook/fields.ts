import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { addDetailsField, idLocator, simplifyField } from '../../descriptions/common';
import { agentOption, downloadPdfOption, locatorValue, minRatingOption, pdfFieldOption, readOutputOptions } from '../output/fields';
import type { OutputOptions } from '../output/item';
import { normalizeEventName, isInterviewEvent, type InterviewEvent } from './events';

/** The fields only the webhook trigger has; the rest are shared with the polling trigger. */
export const eventsField: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	required: true,
	options: [
		{ name: 'Analysis Completed', value: 'analysis.completed', description: 'An interview analysis finished successfully' },
		{ name: 'Analysis Failed', value: 'analysis.failed', description: 'An interview analysis could not be produced' },
		{ name: 'Interview Completed', value: 'interview.completed', description: 'An interview finished (its analysis follows)' },
		{ name: 'Interview Failed', value: 'interview.failed', description: 'An interview failed for a technical reason' },
		{ name: 'Interview Started', value: 'interview.started', description: 'An interview session started' },
	],
	default: ['analysis.completed'],
};

export const confirmOption: INodeProperties = {
	displayName: 'Confirm With InstaView',
	name: 'confirm',
	type: 'boolean',
	default: true,
	description:
		'Whether to read the interview from InstaView before emitting (one request per event) and emit only what it confirms. Off: the event is emitted as received.',
};

export const jobOption: INodeProperties = idLocator({
	name: 'jobId',
	displayName: 'Job',
	searchListMethod: 'searchJobs',
	description: 'Only events of interviews for this job',
	required: false,
});

export const webhookOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [addDetailsField, agentOption, confirmOption, downloadPdfOption, jobOption, minRatingOption, pdfFieldOption, simplifyField],
};

export interface WebhookFilter {
	events: InterviewEvent[];
	jobId?: string;
	agentId?: string;
	minRating: number;
}

export interface WebhookTriggerOptions {
	filter: WebhookFilter;
	output: OutputOptions;
	confirm: boolean;
}

/** The Events field and the Options collection, read into what the receiving side needs. */
export function readWebhookOptions(events: unknown, options: IDataObject): WebhookTriggerOptions {
	const chosen = (Array.isArray(events) ? events : [events]).map(normalizeEventName).filter(isInterviewEvent);
	return {
		filter: {
			events: [...new Set(chosen)],
			jobId: locatorValue(options.jobId) || undefined,
			agentId: locatorValue(options.agentId) || undefined,
			minRating: Math.max(0, Number(options.minRating ?? 0) || 0),
		},
		output: readOutputOptions(options),
		confirm: options.confirm !== false,
	};
}
