import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildCandidateUpdateBody } from '../../helpers/candidateWrite';
import { showOnlyFor } from '../../helpers/displayOptions';
import { CANDIDATE_STATUSES, enumLabel } from '../../helpers/enums';
import { requireUuid } from '../../helpers/validation';
import { instaviewApiRequest } from '../../transport';
import { candidateIdField, jobIdsOption, metadataOption, readCandidateId } from './candidate.descriptions';

const properties: INodeProperties[] = [
	candidateIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent; the others stay as they are',
		options: [
			{ displayName: 'Email', name: 'email', type: 'string', default: '', placeholder: 'e.g. name@email.com' },
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{
				displayName: 'GDPR Expiry Date',
				name: 'gdprExpiryDate',
				type: 'dateTime',
				default: '',
				description: 'Until when InstaView may keep the candidate\'s data; must be after today',
			},
			{
				...jobIdsOption,
				description: `${jobIdsOption.description}. Replaces the candidate's job assignments (InstaView does not add to them): list every job the candidate should keep.`,
			},
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			{
				...metadataOption,
				description: `${metadataOption.description}. Replaces the candidate's metadata whole (InstaView does not merge it): include the keys you want to keep.`,
			},
			{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '', placeholder: 'e.g. +421905123456', description: 'In international E.164 form' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'IN_PROCESS',
				options: CANDIDATE_STATUSES.map((value) => ({ name: enumLabel(value), value })),
				description: 'Where the candidate stands, e.g. move them on after the analysis',
			},
		],
	},
];

export const description = showOnlyFor({ resource: ['candidate'], operation: ['update'] }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(readCandidateId(this, i), 'Candidate');
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body = buildCandidateUpdateBody(fields, Date.now(), this.getTimezone());
	const candidate = await instaviewApiRequest.call(this, { method: 'PATCH', path: `/candidates/${id}`, body, itemIndex: i, subject: `candidate ${id}` });
	return [{ json: candidate as IDataObject }];
}
