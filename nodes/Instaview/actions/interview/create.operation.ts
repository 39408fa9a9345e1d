import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, NodeApiError } from 'n8n-workflow';

import { newCandidateFields, readNewCandidate } from '../../descriptions/candidate';
import { idLocator, simplifyField } from '../../descriptions/common';
import { newJobFields, readNewJob } from '../../descriptions/job';
import { buildCreateInterviewBody, type CandidateInput, type JobInput } from '../../helpers/createInterviewBody';
import { showOnlyFor } from '../../helpers/displayOptions';
import { simplifyInterview } from '../../helpers/simplify';
import { instaviewApiRequest } from '../../transport';
import { explainJobRefusal } from './candidateJobs';

const candidateFields: INodeProperties[] = [
	{
		displayName: 'Candidate Source',
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
			displayName: 'Candidate',
			searchListMethod: 'searchCandidates',
			description: 'The candidate to interview',
		}),
		displayOptions: { show: { candidateSource: ['existing'] } },
	},
	...showOnlyFor({ candidateSource: ['new'] }, [
		...newCandidateFields,
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
		displayName: 'Job Source',
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
			displayName: 'Job',
			searchListMethod: 'searchJobs',
			description: "The job the interview is for (needed when the candidate has several jobs). The list shows the chosen candidate's jobs.",
		}),
		displayOptions: { show: { jobSource: ['existing'] } },
	},
	...showOnlyFor({ jobSource: ['new'] }, newJobFields),
];

const properties: INodeProperties[] = [
	idLocator({
		name: 'agentId',
		displayName: 'Agent',
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
				...simplifyField,
				description:
					'Whether to return the created interview simplified like Get (status, dates, metadata, IDs) instead of the raw response',
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
		return { source: 'new', ...readNewCandidate(context, i), jobId: extra.jobId };
	}
	return { source: 'existing', id: context.getNodeParameter('candidateId', i, '', { extractValue: true }) };
}

function readJob(context: IExecuteFunctions, i: number): JobInput {
	const source = context.getNodeParameter('jobSource', i) as string;
	if (source === 'existing') {
		return { source: 'existing', id: context.getNodeParameter('jobId', i, '', { extractValue: true }) };
	}
	if (source === 'new') {
		return { source: 'new', ...readNewJob(context, i) };
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
	let interview: IDataObject;
	try {
		interview = (await instaviewApiRequest.call(this, { method: 'POST', path: '/interviews', body, itemIndex: i })) as IDataObject;
	} catch (error) {
		throw await explainJobRefusal(this, i, error as NodeApiError, body.candidateId, body.jobId);
	}
	return [{ json: extra.simplify === false ? interview : simplifyInterview(interview) }];
}
