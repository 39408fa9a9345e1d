import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../descriptions/common';
import { newJobFields } from '../../descriptions/job';
import { CEFR_LEVELS } from '../../helpers/enums';
import type { JobWriteInput } from '../../helpers/jobWrite';
import { simplifyFieldFor } from '../listFields';

export const jobIdField: INodeProperties = idLocator({
	name: 'jobId',
	displayName: 'Job',
	searchListMethod: 'searchJobs',
	description: 'The job, picked from the list or given by its InstaView ID',
});

export const jobSimplifyField = simplifyFieldFor('title, status, skills, experience, contract type, work mode, place, salary, URL');

const STATUS_TEXT = 'OPEN is the documented status; other statuses InstaView uses can be set with an expression';

/** The details of the inline job's form (skills, education, experience, ...), with the Jobs API's extras. */
function jobDetailOptions(): INodeProperties[] {
	const details = newJobFields.find((field) => field.name === 'jobDetails')?.options as INodeProperties[];
	const extras: INodeProperties[] = [
		{ displayName: 'Benefits', name: 'benefits', type: 'string', typeOptions: { rows: 2 }, default: '' },
		{ displayName: 'Job URL', name: 'jobUrl', type: 'string', default: '', placeholder: 'e.g. https://careers.example.com/jobs/42', description: 'The public page of the job' },
		{
			displayName: 'Language Level',
			name: 'languageLevel',
			type: 'options',
			default: 'B2',
			options: CEFR_LEVELS.map((value) => ({ name: value, value })),
			description: 'The CEFR level required for every language listed under Languages',
		},
		{
			displayName: 'Metadata',
			name: 'metadata',
			type: 'json',
			default: '{}',
			description: 'Your own references as a JSON object, e.g. {"atsJobId": "J-42"} (at most 10 KB, 5 levels, 50 keys)',
		},
	];
	return [...details.filter((option) => option.name !== 'jobDescription'), ...extras].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

const nestedField = (name: 'location' | 'salary') => newJobFields.find((field) => field.name === name) as INodeProperties;

/** Create: title, description and status up front; everything else in collections. */
export const jobCreateFields: INodeProperties[] = [
	{ displayName: 'Title', name: 'title', type: 'string', required: true, default: '', placeholder: 'e.g. Senior Backend Engineer', description: '5 to 200 characters' },
	{ displayName: 'Description', name: 'description', type: 'string', required: true, typeOptions: { rows: 4 }, default: '', description: '10 to 5,000 characters' },
	{ displayName: 'Status', name: 'status', type: 'options', default: 'OPEN', options: [{ name: 'Open', value: 'OPEN' }], description: STATUS_TEXT },
	{ displayName: 'Job Details', name: 'jobDetails', type: 'collection', placeholder: 'Add Detail', default: {}, options: jobDetailOptions() },
	nestedField('location'),
	nestedField('salary'),
];

/** Update: every field optional; only what is added is sent. Location and salary are replaced whole. */
export const jobUpdateFields: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent; the others stay as they are',
		options: ([
			{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 4 }, default: '', description: '10 to 5,000 characters' },
			{ displayName: 'Status', name: 'status', type: 'string', default: '', placeholder: 'e.g. OPEN', description: STATUS_TEXT },
			{ displayName: 'Title', name: 'title', type: 'string', default: '', description: '5 to 200 characters' },
			...jobDetailOptions(),
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	{ ...nestedField('location'), description: 'Replaces the job\'s whole location when any field is set' },
	{ ...nestedField('salary'), description: 'Replaces the job\'s whole salary when any field is set' },
];

/** The job fields of item `i`, unchecked (buildJobBody checks them). */
export function readJobWrite(context: IExecuteFunctions, i: number, update: boolean): JobWriteInput {
	const details = context.getNodeParameter(update ? 'updateFields' : 'jobDetails', i, {}) as IDataObject;
	const top = update
		? {}
		: {
				title: context.getNodeParameter('title', i, ''),
				description: context.getNodeParameter('description', i, ''),
				status: context.getNodeParameter('status', i, ''),
			};
	return {
		...details,
		...top,
		location: context.getNodeParameter('location', i, {}) as IDataObject,
		salary: context.getNodeParameter('salary', i, {}) as IDataObject,
	};
}

export function readJobId(context: IExecuteFunctions, i: number): unknown {
	return context.getNodeParameter('jobId', i, '', { extractValue: true });
}
