import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAnalysisPdf from './getAnalysisPdf.operation';

export const operations = { create, delete: del, get, getAll, getAnalysisPdf };

export type InterviewOperation = keyof typeof operations;

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
		],
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...getAnalysisPdf.description,
];
