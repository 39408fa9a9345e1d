import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	EDUCATION_LEVELS,
	enumLabel,
	KNOWN_CONTRACT_TYPES,
	KNOWN_EXPERIENCE_LEVELS,
	KNOWN_SALARY_PERIODS,
	KNOWN_WORK_MODES,
	LANGUAGES,
} from '../helpers/enums';
import type { InlineJobInput } from '../helpers/job';

const options = (values: readonly string[]) => values.map((value) => ({ name: enumLabel(value), value }));
const OTHER_VALUES = 'Values InstaView added later can be set with an expression.';

/** The fields of a new job, shown wherever one is defined. */
export const newJobFields: INodeProperties[] = [
	{
		displayName: 'Job Title',
		name: 'jobTitle',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Senior Backend Engineer',
		description: '5 to 200 characters',
	},
	{
		displayName: 'Job Details',
		name: 'jobDetails',
		type: 'collection',
		placeholder: 'Add Detail',
		default: {},
		options: [
			{ displayName: 'Contract Type', name: 'contractType', type: 'options', default: 'FULL_TIME', options: options(KNOWN_CONTRACT_TYPES), description: OTHER_VALUES },
			{ displayName: 'Description', name: 'jobDescription', type: 'string', typeOptions: { rows: 4 }, default: '' },
			{ displayName: 'Education', name: 'education', type: 'multiOptions', default: [], options: options(EDUCATION_LEVELS) },
			{ displayName: 'Experience', name: 'experience', type: 'options', default: 'UNDEFINED', options: options(KNOWN_EXPERIENCE_LEVELS), description: OTHER_VALUES },
			{ displayName: 'Languages', name: 'languages', type: 'multiOptions', default: [], options: options(LANGUAGES).map((o) => ({ ...o, name: o.value })), description: 'Languages the job requires. Values InstaView added later can be set with an expression.' },
			{ displayName: 'Nice-to-Have Skills', name: 'niceToHaveSkills', type: 'string', default: '', placeholder: 'e.g. Redis, AWS', description: 'Comma-separated; at most 10 skills together with Required Skills, each up to 128 characters' },
			{ displayName: 'Required Skills', name: 'requiredSkills', type: 'string', default: '', placeholder: 'e.g. TypeScript, NestJS, PostgreSQL', description: 'Comma-separated; at most 10 skills together with Nice-to-Have Skills, each up to 128 characters' },
		],
	},
	{
		displayName: 'Location',
		name: 'location',
		type: 'collection',
		placeholder: 'Add Location Field',
		default: {},
		options: [
			{ displayName: 'City', name: 'city', type: 'string', default: '' },
			{ displayName: 'Country Code', name: 'countryCode', type: 'string', default: '', placeholder: 'e.g. SK' },
			{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
			{ displayName: 'Street', name: 'street', type: 'string', default: '' },
			{ displayName: 'Work Mode', name: 'workMode', type: 'options', default: 'REMOTE', options: options(KNOWN_WORK_MODES), description: OTHER_VALUES },
		],
	},
	{
		displayName: 'Salary',
		name: 'salary',
		type: 'collection',
		placeholder: 'Add Salary Field',
		default: {},
		options: [
			{ displayName: 'Currency', name: 'currency', type: 'string', default: '', placeholder: 'e.g. EUR' },
			{ displayName: 'Maximum', name: 'max', type: 'number', default: 0 },
			{ displayName: 'Minimum', name: 'min', type: 'number', default: 0 },
			{ displayName: 'Period', name: 'period', type: 'options', default: 'YEARLY', options: options(KNOWN_SALARY_PERIODS), description: OTHER_VALUES },
		],
	},
];

/** The new job's fields of item `i`, unchecked (buildInlineJob checks them). */
export function readNewJob(context: IExecuteFunctions, i: number): InlineJobInput {
	const details = context.getNodeParameter('jobDetails', i, {}) as IDataObject;
	return {
		jobTitle: context.getNodeParameter('jobTitle', i, ''),
		...details,
		location: context.getNodeParameter('location', i, {}) as IDataObject,
		salary: context.getNodeParameter('salary', i, {}) as IDataObject,
	};
}
