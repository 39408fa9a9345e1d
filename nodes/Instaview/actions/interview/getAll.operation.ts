import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { enumLabel, INTERVIEW_STATUSES } from '../../helpers/enums';
import { simplifyInterview } from '../../helpers/simplify';
import { asText, requireUuid } from '../../helpers/validation';
import { instaviewApiRequestAllItems } from '../../transport';
import { idLocator, simplifyField } from '../../descriptions/common';

const properties: INodeProperties[] = [
	idLocator({
		name: 'candidateId',
		displayName: 'Candidate Name or ID',
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
			{
				displayName: 'Agent ID',
				name: 'agentId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f',
				description: 'Only interviews run by this agent',
			},
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
];

export const description = showOnlyFor({ resource: ['interview'], operation: ['getAll'] }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const candidateId = requireUuid(this.getNodeParameter('candidateId', i, '', { extractValue: true }), 'Candidate');
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = { candidateId };
	if (asText(filters.agentId)) qs.agentId = requireUuid(filters.agentId, 'Agent ID');
	if (asText(filters.status)) qs.status = asText(filters.status);
	const max = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
	const interviews = await instaviewApiRequestAllItems.call(this, '/interviews', qs, { max, itemIndex: i });
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	return interviews.map((interview) => ({ json: simplify ? simplifyInterview(interview) : interview }));
}
