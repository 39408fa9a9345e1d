import type { INodeProperties } from 'n8n-workflow';

import { UUID_REGEX } from '../helpers/validation';

interface LocatorOptions {
	name: string;
	displayName: string;
	searchListMethod: 'searchAgents' | 'searchCandidates' | 'searchJobs';
	description: string;
	required?: boolean;
}

/** "From list" (searchable, loaded from InstaView) or "By ID" (a UUID), as n8n's UX guidelines ask. */
export function idLocator({ name, displayName, searchListMethod, description, required = true }: LocatorOptions): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true, searchFilterRequired: false },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID_REGEX, errorMessage: 'Not a valid InstaView ID (a UUID)' },
					},
				],
			},
		],
	};
}

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return a simplified version of the response instead of the raw data: status, rating, company fit, strong and weak points, evaluation, dates, type-specific results and your metadata, IDs last',
};

export const addDetailsField: INodeProperties = {
	displayName: 'Add Candidate and Job Details',
	name: 'addDetails',
	type: 'boolean',
	default: true,
	description:
		"Whether to add the candidate's name, email, phone and status and the job's title to each interview. Each distinct candidate and job is read once per run (one request each).",
};
