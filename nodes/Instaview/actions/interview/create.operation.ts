import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildCreateInterviewBody, type CandidateInput, type JobInput } from '../../helpers/createInterviewBody';
import { showOnlyFor } from '../../helpers/displayOptions';
import {
	EDUCATION_LEVELS,
	enumLabel,
	KNOWN_CONTRACT_TYPES,
	KNOWN_EXPERIENCE_LEVELS,
	KNOWN_SALARY_PERIODS,
	KNOWN_WORK_MODES,
	LANGUAGES,
} from '../../helpers/enums';
import { instaviewApiRequest } from '../../transport';
import { idLocator } from '../common.descriptions';

const options = (values: readonly string[]) => values.map((value) => ({ name: enumLabel(value), value }));
const OTHER_VALUES = 'Values InstaView added later can be set with an expression.';

const candidateFields: INodeProperties[] = [
	{
		displayName: 'Candidate',
		name: 'candidateSource',
		type: 'options',
		noDataExpression: true,
		default: 'existing',
		options: [
			{ name: 'Existing Candidate', value: 'existing', description: 'A candidate already in InstaView' },
			{ name: 'Define New Candidate', value: 'new', description: 'Create the candidate with the interview' },
		],
	},
	{
		...idLocator({
			name: 'candidateId',
			displayName: 'Candidate Name or ID',
			searchListMethod: 'searchCandidates',
			description: 'The candidate to interview',
		}),
		displayOptions: { show: { candidateSource: ['existing'] } },
	},
	...showOnlyFor({ candidateSource: ['new'] }, [
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
			description: 'Until when InstaView may keep the candidate\'s data; must be after today',
		},
		{
			displayName: 'Candidate Options',
			name: 'candidateOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Candidate Job ID (Compact Form)',
					name: 'jobId',
					type: 'string',
					default: '',
					placeholder: 'e.g. 3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f',
					description:
						'Attach the new candidate to this existing job (sent as candidate.jobId). Use only with Job set to "No Job".',
				},
			],
		},
	]),
];

const jobFields: INodeProperties[] = [
	{
		displayName: 'Job',
		name: 'jobSource',
		type: 'options',
		noDataExpression: true,
		default: 'none',
		options: [
			{ name: 'No Job', value: 'none', description: 'InstaView picks the candidate\'s only job, or none for a generic agent' },
			{ name: 'Existing Job', value: 'existing', description: 'A job already in InstaView' },
			{ name: 'Define New Job', value: 'new', description: 'Create the job with the interview' },
		],
	},
	{
		...idLocator({
			name: 'jobId',
			displayName: 'Job Name or ID',
			searchListMethod: 'searchJobs',
			description: 'The job the interview is for (needed when the candidate has several jobs)',
		}),
		displayOptions: { show: { jobSource: ['existing'] } },
	},
	...showOnlyFor({ jobSource: ['new'] }, [
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
	]),
];

const properties: INodeProperties[] = [
	idLocator({
		name: 'agentId',
		displayName: 'Agent Name or ID',
		searchListMethod: 'searchAgents',
		description: 'The AI interviewer (agent) that runs the interview',
	}),
	...candidateFields,
	...jobFields,
	{
		displayName: 'Start',
		name: 'start',
		type: 'options',
		noDataExpression: true,
		default: 'immediately',
		options: [
			{ name: 'Immediately', value: 'immediately' },
			{ name: 'At a Scheduled Time', value: 'scheduled' },
		],
	},
	{
		displayName: 'Scheduled Time',
		name: 'scheduleTime',
		type: 'dateTime',
		required: true,
		default: '',
		displayOptions: { show: { start: ['scheduled'] } },
		description:
			'At most 30 days ahead. A time without an offset is read in the workflow\'s timezone and sent with that offset.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Metadata',
				name: 'metadata',
				type: 'json',
				default: '{}',
				description: 'Your own references as a JSON object, e.g. {"externalInterviewId": "INT-789"} (at most 10 KB, 5 levels, 50 keys)',
			},
			{
				displayName: 'Test Interview',
				name: 'isTest',
				type: 'boolean',
				default: false,
				description: 'Whether to create a test interview: it completes at once, uses no billing minutes and is left out of usage',
			},
		],
	},
];

export const description = showOnlyFor({ resource: ['interview'], operation: ['create'] }, properties);

function readCandidate(context: IExecuteFunctions, i: number): CandidateInput {
	const source = context.getNodeParameter('candidateSource', i) as string;
	if (source === 'new') {
		const extra = context.getNodeParameter('candidateOptions', i, {}) as IDataObject;
		return {
			source: 'new',
			firstName: context.getNodeParameter('firstName', i, ''),
			lastName: context.getNodeParameter('lastName', i, ''),
			email: context.getNodeParameter('email', i, ''),
			phoneNumber: context.getNodeParameter('phoneNumber', i, ''),
			gdprExpiryDate: context.getNodeParameter('gdprExpiryDate', i, ''),
			jobId: extra.jobId,
		};
	}
	return { source: 'existing', id: context.getNodeParameter('candidateId', i, '', { extractValue: true }) };
}

function readJob(context: IExecuteFunctions, i: number): JobInput {
	const source = context.getNodeParameter('jobSource', i) as string;
	if (source === 'existing') {
		return { source: 'existing', id: context.getNodeParameter('jobId', i, '', { extractValue: true }) };
	}
	if (source === 'new') {
		const details = context.getNodeParameter('jobDetails', i, {}) as IDataObject;
		return {
			source: 'new',
			jobTitle: context.getNodeParameter('jobTitle', i, ''),
			...details,
			location: context.getNodeParameter('location', i, {}) as IDataObject,
			salary: context.getNodeParameter('salary', i, {}) as IDataObject,
		};
	}
	return { source: 'none' };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const extra = this.getNodeParameter('options', i, {}) as IDataObject;
	const start = this.getNodeParameter('start', i) as string;
	const body = buildCreateInterviewBody({
		agentId: this.getNodeParameter('agentId', i, '', { extractValue: true }),
		candidate: readCandidate(this, i),
		job: readJob(this, i),
		start: start === 'scheduled' ? { mode: 'scheduled', time: this.getNodeParameter('scheduleTime', i, '') } : { mode: 'immediately' },
		isTest: extra.isTest === true,
		metadata: extra.metadata === '{}' ? undefined : extra.metadata,
		now: Date.now(),
		timeZone: this.getTimezone(),
	});
	const interview = await instaviewApiRequest.call(this, { method: 'POST', path: '/interviews', body, itemIndex: i });
	return [{ json: interview as IDataObject }];
}
