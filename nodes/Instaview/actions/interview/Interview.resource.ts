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
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Schedule an AI interview, with a new or existing candidate and job',
				action: 'Create an interview',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an interview (a scheduled one is never called)',
				action: 'Delete an interview',
			},
			{
				name: 'Delete Call Attempt',
				value: 'deleteCallAttempt',
				description: 'Cancel and remove a call attempt of a phone interview',
				action: 'Delete a call attempt of an interview',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an interview with its analysis and call attempts',
				action: 'Get an interview',
			},
			{
				name: 'Get Analysis PDF',
				value: 'getAnalysisPdf',
				description: 'Download the analysis report of a completed interview as a PDF file',
				action: 'Get the analysis PDF of an interview',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many interviews of a candidate',
				action: 'Get many interviews',
			},
			{
				name: 'Reschedule Call Attempt',
				value: 'rescheduleCallAttempt',
				description: 'Move a scheduled call attempt of a phone interview to another time',
				action: 'Reschedule a call attempt of an interview',
			},
			{
				name: 'Schedule Call Attempt',
				value: 'scheduleCallAttempt',
				description: 'Call the candidate of a phone interview again, now or later',
				action: 'Schedule a call attempt for an interview',
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
