import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { idLocator, simplifyField } from './actions/common.descriptions';
import { searchAgents, searchCandidates, searchJobs } from './methods/listSearch';
import { pollManual, pollProduction, type TriggerOptions } from './trigger/poll';

/** A resource locator's value whether n8n hands over the locator object or the plain value. */
function locatorValue(value: unknown): string {
	if (value && typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value ?? '').trim();
	return typeof value === 'string' ? value.trim() : '';
}

function readOptions(context: IPollFunctions): TriggerOptions {
	const scope = context.getNodeParameter('scope', 'all') as TriggerOptions['scope'];
	const extra = context.getNodeParameter('options', {}) as IDataObject;
	const maxRequests = Math.min(500, Math.max(3, Math.floor(Number(extra.maxRequests ?? 25)) || 25));
	return {
		event: context.getNodeParameter('event', 'analysisCompleted') as TriggerOptions['event'],
		scope,
		jobId: scope === 'job' ? locatorValue(context.getNodeParameter('jobId', '', { extractValue: true })) : undefined,
		candidateId:
			scope === 'candidate' ? locatorValue(context.getNodeParameter('candidateId', '', { extractValue: true })) : undefined,
		agentId: locatorValue(extra.agentId) || undefined,
		minRating: Math.max(0, Number(extra.minRating ?? 0) || 0),
		emitExisting: extra.emitExisting === true,
		maxRequests,
		simplify: extra.simplify !== false,
		downloadPdf: extra.downloadPdf === true,
		binaryProperty: typeof extra.binaryPropertyName === 'string' && extra.binaryPropertyName ? extra.binaryPropertyName : 'data',
	};
}

/**
 * Polls InstaView for analyses that finished since the last poll. InstaView has no feed, so
 * the trigger watches each candidate's analysis count within a request budget; the design is
 * described at the top of trigger/state.ts.
 */
export class InstaviewTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'InstaView Trigger',
		name: 'instaviewTrigger',
		icon: { light: 'file:instaview.svg', dark: 'file:instaview.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Analysis " + ($parameter["event"] === "analysisCompletedOrFailed" ? "completed or failed" : "completed")}}',
		description: 'Starts the workflow when an InstaView interview analysis completes',
		defaults: { name: 'InstaView Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'instaviewApi', required: true }],
		hints: [
			{
				message: 'Multiple items will be returned if several analyses complete within one polling interval',
				type: 'info',
				whenToDisplay: 'beforeExecution',
				location: 'outputPane',
			},
		],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Analysis Completed', value: 'analysisCompleted', description: 'An interview analysis finished successfully' },
					{
						name: 'Analysis Completed or Failed',
						value: 'analysisCompletedOrFailed',
						description: 'An interview analysis finished, successfully or not',
					},
				],
				default: 'analysisCompleted',
			},
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'All Candidates', value: 'all', description: 'Watch every candidate of the company' },
					{ name: 'Candidates of a Job', value: 'job', description: 'Watch only the candidates assigned to one job' },
					{ name: 'One Candidate', value: 'candidate', description: 'Watch a single candidate' },
				],
				default: 'all',
				description: 'Which candidates to watch. A narrower scope needs fewer requests per poll.',
			},
			{
				...idLocator({ name: 'jobId', displayName: 'Job', searchListMethod: 'searchJobs', description: 'The job whose candidates to watch' }),
				displayOptions: { show: { scope: ['job'] } },
			},
			{
				...idLocator({
					name: 'candidateId',
					displayName: 'Candidate',
					searchListMethod: 'searchCandidates',
					description: 'The candidate to watch',
				}),
				displayOptions: { show: { scope: ['candidate'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						...idLocator({
							name: 'agentId',
							displayName: 'Agent',
							searchListMethod: 'searchAgents',
							description: 'Only analyses of interviews held by this agent',
							required: false,
						}),
					},
					{
						displayName: 'Download PDF',
						name: 'downloadPdf',
						type: 'boolean',
						default: false,
						description: 'Whether to add the analysis report as a PDF file (binary data) to each completed analysis',
					},
					{
						displayName: 'Emit Existing Analyses on First Poll',
						name: 'emitExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether to also emit analyses that had already finished when the workflow was activated. Off: only analyses finishing after activation trigger the workflow.',
					},
					{
						displayName: 'Max Requests per Poll',
						name: 'maxRequests',
						type: 'number',
						typeOptions: { minValue: 3, maxValue: 500 },
						default: 25,
						description:
							'Most API requests one poll may send (InstaView allows 60 a minute by default). Work left over continues on the next poll.',
					},
					{
						displayName: 'Minimum Overall Rating',
						name: 'minRating',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 100 },
						default: 0,
						description: 'Only completed analyses rated at least this (0–100). Failed analyses have no rating and are not affected.',
					},
					{
						displayName: 'Put PDF in Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						hint: 'The name of the output binary field to put the PDF in',
						displayOptions: { show: { downloadPdf: [true] } },
					},
					simplifyField,
				],
			},
		],
	};

	methods = { listSearch: { searchAgents, searchCandidates, searchJobs } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = readOptions(this);
		return this.getMode() === 'manual' ? pollManual(this, options) : pollProduction(this, options);
	}
}
