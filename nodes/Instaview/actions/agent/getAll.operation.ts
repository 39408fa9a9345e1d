import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { AGENT_FOCUSES, AGENT_TYPES, enumLabel, LANGUAGES } from '../../helpers/enums';
import { simplifyAgent } from '../../helpers/simplifyResources';
import { asText } from '../../helpers/validation';
import { instaviewApiRequestAllItems } from '../../transport';
import { returnAllFields } from '../listFields';
import { agentSimplifyField } from './agent.descriptions';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'InstaView lists agents without filters, so the node keeps the matching ones itself',
		options: [
			{ displayName: 'Focus', name: 'focus', type: 'options', default: 'SCREENING', options: AGENT_FOCUSES.map((value) => ({ name: enumLabel(value), value })), description: 'Only agents with this focus' },
			{ displayName: 'Language', name: 'language', type: 'options', default: 'EN', options: LANGUAGES.map((value) => ({ name: value, value })), description: 'Only agents that interview in this language' },
			{ displayName: 'Type', name: 'type', type: 'options', default: 'ONLINE', options: AGENT_TYPES.map((value) => ({ name: enumLabel(value), value })), description: 'Only online or only phone agents' },
		],
	},
	agentSimplifyField,
];

export const description = showOnlyFor({ resource: ['agent'], operation: ['getAll'] }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const wanted = (['focus', 'language', 'type'] as const).filter((key) => asText(filters[key]));
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const max = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
	const agents = await instaviewApiRequestAllItems.call(this, '/agents', {}, {
		max,
		itemIndex: i,
		keep: wanted.length ? (agent) => wanted.every((key) => agent[key] === asText(filters[key])) : undefined,
	});
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	return agents.map((agent) => ({ json: simplify ? simplifyAgent(agent) : agent }));
}
