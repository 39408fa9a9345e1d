import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { enumLabel, INTERVIEW_STATUSES } from '../../helpers/enums';
import { asText, requireUuid } from '../../helpers/validation';
import { instaviewApiRequestAllItems } from '../../transport';
import { addDetailsField, idLocator, simplifyField } from '../../descriptions/common';
import { locatorValue } from '../../trigger/output/fields';
import type { ExecutionRun } from '../types';
import { interviewOutput } from './output';

const properties: INodeProperties[] = [
	idLocator({
		name: 'candidateId',
		displayName: 'Candidate',
		searchListMethod: 'searchCandidates',
		description: 'InstaView lists interviews one candidate at a time, so a candidate is required',
	}),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			idLocator({
				name: 'agentId',
				displayName: 'Agent',
				searchListMethod: 'searchAgents',
				description: 'Only interviews run by this agent',
				required: false,
			}),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'COMPLETED',
				options: INTERVIEW_STATUSES.map((value) => ({ name: enumLabel(value), value })),
				description: 'Only interviews in this status',
			},
		],
	},
	simplifyField,
	addDetailsField,
];

export const description = showOnlyFor({ resource: ['interview'], operation: ['getAll'] }, properties);

export async function execute(this: IExecuteFunctions, i: number, run: ExecutionRun): Promise<INodeExecutionData[]> {
	const candidateId = requireUuid(this.getNodeParameter('candidateId', i, '', { extractValue: true }), 'Candidate');
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = { candidateId };
	const agentId = locatorValue(filters.agentId);
	if (agentId) qs.agentId = requireUuid(agentId, 'Agent');
	if (asText(filters.status)) qs.status = asText(filters.status);
	const max = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
	const interviews = await instaviewApiRequestAllItems.call(this, '/interviews', qs, { max, itemIndex: i });
	const output: INodeExecutionData[] = [];
	for (const interview of interviews) output.push({ json: await interviewOutput(this, i, run, interview) });
	return output;
}
