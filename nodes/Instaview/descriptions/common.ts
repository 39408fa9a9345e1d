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

/** The resources a field can pick, each with its parameter name, label and list search. */
const PICKABLE = {
	agent: { name: 'agentId', displayName: 'Agent', searchListMethod: 'searchAgents' },
	candidate: { name: 'candidateId', displayName: 'Candidate', searchListMethod: 'searchCandidates' },
	job: { name: 'jobId', displayName: 'Job', searchListMethod: 'searchJobs' },
} as const;

/** The locator of an agent, a candidate or a job, described for the place it stands in. */
export function resourceLocator(resource: keyof typeof PICKABLE, description: string, required = true): INodeProperties {
	return idLocator({ ...PICKABLE[resource], description, required });
}

type CollectionHeader = Pick<INodeProperties, 'displayName' | 'name' | 'placeholder' | 'description'>;

/** An n8n collection: optional fields the user adds one by one. */
export function collectionField(header: CollectionHeader, options: INodeProperties[]): INodeProperties {
	return { ...header, type: 'collection', default: {}, options };
}

/** The optional fields of a create. */
export function additionalFieldsField(options: INodeProperties[]): INodeProperties {
	return collectionField({ displayName: 'Additional Fields', name: 'additionalFields', placeholder: 'Add Field' }, options);
}

/** The fields of an update (a PATCH): only those added are sent. */
export function updateFieldsField(options: INodeProperties[]): INodeProperties {
	return collectionField(
		{ displayName: 'Update Fields', name: 'updateFields', placeholder: 'Add Field', description: 'Only the fields added here are sent; the others stay as they are' },
		options,
	);
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
