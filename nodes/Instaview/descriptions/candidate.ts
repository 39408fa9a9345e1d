import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { NewCandidateInput } from '../helpers/candidate';

/** The fields of a new candidate, shown wherever one is created. */
export const newCandidateFields: INodeProperties[] = [
	{ displayName: 'First Name', name: 'firstName', type: 'string', required: true, default: '', placeholder: 'e.g. Jane' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', required: true, default: '', placeholder: 'e.g. Doe' },
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		placeholder: 'e.g. name@email.com',
		description: 'Email or Phone Number is required (or both)',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. +421905123456',
		description: 'In international E.164 form, starting with + and the country code. Email or Phone Number is required (or both).',
	},
	{
		displayName: 'GDPR Expiry Date',
		name: 'gdprExpiryDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Until when InstaView may keep the candidate\'s data; must be after today (judged in UTC, as InstaView does)',
		hint: 'A date after today (UTC), e.g. 2027-06-30. For a rolling date, use an expression such as $today.plus({ years: 1 })',
	},
];

/** The new candidate's fields of item `i`, unchecked (buildCandidateBody checks them). */
export function readNewCandidate(context: IExecuteFunctions, i: number): NewCandidateInput {
	return {
		firstName: context.getNodeParameter('firstName', i, ''),
		lastName: context.getNodeParameter('lastName', i, ''),
		email: context.getNodeParameter('email', i, ''),
		phoneNumber: context.getNodeParameter('phoneNumber', i, ''),
		gdprExpiryDate: context.getNodeParameter('gdprExpiryDate', i, ''),
	};
}
