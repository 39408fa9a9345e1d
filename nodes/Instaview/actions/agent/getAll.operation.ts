import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { AGENT_FOCUSES, AGENT_TYPES, enumLabel, LANGUAGES } from '../../helpers/enums';
import { simplifyAgent } from '../../helpers/simplifyResources';
import { asText } from '../../helpers/validation';
import { instaviewApiRequestAllItems } from '../../transport';
import { filtersField, readMax, returnAllFields, simplifiedItems } from '../listFields';
import { agentSimplifyField } from './agent.descriptions';

const properties: INodeProperties[] = [
	...returnAllFields,
	filtersField(
		[
			{ displayName: 'Focus', name: 'focus', type: 'options', default: 'SCREENING', options: AGENT_FOCUSES.map((value) => ({ name: enumLabel(value), value })), description: 'Only agents with this focus' },
			{ displayName: 'Language', name: 'language', type: 'options', default: 'EN', options: LANGUAGES.map((value) => ({ name: value, value })), description: 'Only agents that interview in this language' },
			{ displayName: 'Type', name: 'type', type: 'options', default: 'ONLINE', options: AGENT_TYPES.map((value) => ({ name: enumLabel(value), value })), description: 'Only online or only phone agents' },
		],
		'InstaView lists agents without filters, so the node keeps the matching ones itself',
	),
	agentSimplifyField,
];

export const description = showOnlyFor({ resource: ['agent'], operation: ['getAll'] }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const wanted = (['focus', 'language', 'type'] as const).filter((key) => asText(filters[key]));
	const max = readMax(this, i);
	const agents = await instaviewApiRequestAllItems.call(this, '/agents', {}, {
		max,
		itemIndex: i,
		keep: wanted.length ? (agent) => wanted.every((key) => agent[key] === asText(filters[key])) : undefined,
	});
	return simplifiedItems(this, i, agents, simplifyAgent);
}
