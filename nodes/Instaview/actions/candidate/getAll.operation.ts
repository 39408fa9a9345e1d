import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { normalizeEmail, readCandidateStatus } from '../../helpers/candidateWrite';
import { showOnlyFor } from '../../helpers/displayOptions';
import { CANDIDATE_STATUSES, enumLabel } from '../../helpers/enums';
import { simplifyCandidate } from '../../helpers/simplifyResources';
import { asText, requireEmail, requireUuid } from '../../helpers/validation';
import { instaviewApiRequestAllItems } from '../../transport';
import { returnAllFields } from '../listFields';
import { candidateSimplifyField } from './candidate.descriptions';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'e.g. name@email.com',
				description: 'Only candidates with exactly this email (case ignored). InstaView cannot filter on email, so the node reads the candidates and keeps the matches.',
			},
			{
				displayName: 'Job ID',
				name: 'jobId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f',
				description: 'Only candidates assigned to this job',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. Jane',
				description: 'Part of a first or last name (not a full name)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'APPLIED',
				options: CANDIDATE_STATUSES.map((value) => ({ name: enumLabel(value), value })),
				description: 'Only candidates in this status',
			},
		],
	},
	candidateSimplifyField,
];

export const description = showOnlyFor({ resource: ['candidate'], operation: ['getAll'] }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = {};
	if (asText(filters.jobId)) qs.jobId = requireUuid(filters.jobId, 'Job ID');
	if (asText(filters.status)) qs.status = readCandidateStatus(filters.status);
	if (asText(filters.search)) qs.search = asText(filters.search);
	const email = asText(filters.email) ? normalizeEmail(requireEmail(filters.email, 'Email')) : undefined;
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const max = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
	const candidates = await instaviewApiRequestAllItems.call(this, '/candidates', qs, {
		max,
		itemIndex: i,
		keep: email ? (candidate) => normalizeEmail(candidate.email) === email : undefined,
	});
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	return candidates.map((candidate) => ({ json: simplify ? simplifyCandidate(candidate) : candidate }));
}
