import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { addDetailsField, simplifyField } from './descriptions/common';
import { searchAgents, searchCandidates, searchJobs } from './methods/listSearch';
import { agentOption, downloadPdfOption, eventField, minRatingOption, pdfFieldOption } from './trigger/output/fields';
import { emitExistingOption, maxRequestsOption, readPollOptions, scopeFields } from './trigger/polling/fields';
import { pollManual, pollProduction } from './trigger/polling/poll';

/**
 * Polls InstaView for analyses that finished since the last poll. InstaView has no feed, so
 * the trigger watches what the candidates list shows of each candidate (analysis count and
 * more) within a request budget shared fairly between kinds of work; the design is described
 * at the top of trigger/polling/state.ts, the sharing in trigger/polling/shares.ts.
 */
export class InstaviewTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'InstaView Polling Trigger',
		name: 'instaviewTrigger',
		icon: { light: 'file:instaview.svg', dark: 'file:instaview.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Analysis " + ($parameter["event"] === "analysisCompletedOrFailed" ? "completed or failed" : "completed")}}',
		description: 'Starts the workflow when an InstaView interview analysis completes, by polling (works where InstaView cannot reach n8n)',
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
			eventField,
			...scopeFields,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					addDetailsField,
					agentOption,
					downloadPdfOption,
					emitExistingOption,
					maxRequestsOption,
					minRatingOption,
					pdfFieldOption,
					simplifyField,
				],
			},
		],
	};

	methods = { listSearch: { searchAgents, searchCandidates, searchJobs } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = readPollOptions(this);
		return this.getMode() === 'manual' ? pollManual(this, options) : pollProduction(this, options);
	}
}
