import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { resourceProperties, subtitleExpression } from './actions/resources';
import { route } from './actions/router';
import { searchAgents, searchCandidates, searchJobs } from './methods/listSearch';

/**
 * Programmatic rather than declarative: the three documented list shapes, the envelope,
 * rate-limit pacing and the no-blind-retry rule for POST all live in one transport.
 */
export class Instaview implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'InstaView',
		name: 'instaview',
		icon: { light: 'file:instaview.svg', dark: 'file:instaview.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(),
		description: 'Schedule AI interviews with candidates and read their analysis in InstaView',
		defaults: { name: 'InstaView' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'instaviewApi', required: true }],
		properties: resourceProperties(),
	};

	methods = { listSearch: { searchAgents, searchCandidates, searchJobs } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return route.call(this);
	}
}
