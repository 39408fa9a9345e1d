import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteCallAttempt from './deleteCallAttempt.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAnalysisPdf from './getAnalysisPdf.operation';
import * as rescheduleCallAttempt from './rescheduleCallAttempt.operation';
import * as scheduleCallAttempt from './scheduleCallAttempt.operation';

export const displayName = 'Interview';

export const operations = {
	create,
	delete: del,
	deleteCallAttempt,
	get,
	getAll,
	getAnalysisPdf,
	rescheduleCallAttempt,
	scheduleCallAttempt,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['interview'] } },
		default: 'create',
		// `action` is what an AI agent sees as the tool's description ("<action> in InstaView"),
		// so each says what the operation does, which IDs it needs and what it returns.
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Schedule an AI interview, with a new or existing candidate and job',
				action: 'Create an interview that an AI agent holds with a candidate given the agent ID and a candidate ID or new candidate details plus a job ID when the candidate has several jobs and return the interview ID and status',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an interview (a scheduled one is never called)',
				action: 'Delete an interview by interview ID so a scheduled one is never held',
			},
			{
				name: 'Delete Call Attempt',
				value: 'deleteCallAttempt',
				description: 'Cancel and remove a call attempt of a phone interview',
				action: 'Delete a call attempt of a phone interview given the interview ID and the call attempt ID',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an interview with its analysis and call attempts',
				action: 'Get an interview by interview ID with its status and analysis including overall rating 0–100 and company fit and strong and weak points and evaluation and the candidate name and job title',
			},
			{
				name: 'Get Analysis PDF',
				value: 'getAnalysisPdf',
				description: 'Download the analysis report of a completed interview as a PDF file',
				action: 'Get the analysis PDF of an interview',
				// Binary only: an AI agent cannot read a PDF, so tools do not offer it.
				displayOptions: { hide: { '@tool': [true] } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many interviews of a candidate',
				action: 'Get many interviews of one candidate by candidate ID with the status and rating and analysis of each',
			},
			{
				name: 'Reschedule Call Attempt',
				value: 'rescheduleCallAttempt',
				description: 'Move a scheduled call attempt of a phone interview to another time',
				action: 'Reschedule a call attempt of a phone interview given the interview ID and the call attempt ID and the new time',
			},
			{
				name: 'Schedule Call Attempt',
				value: 'scheduleCallAttempt',
				description: 'Call the candidate of a phone interview again, now or later',
				action: 'Schedule a call attempt for a phone interview given the interview ID to call now or at a given time',
			},
		],
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...getAnalysisPdf.description,
	...scheduleCallAttempt.description,
	...rescheduleCallAttempt.description,
	...deleteCallAttempt.description,
];
