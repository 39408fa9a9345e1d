import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as createFromUrl from './createFromUrl.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const displayName = 'Job';

export const operations = { create, createFromUrl, delete: del, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		default: 'create',
		// `action` is what an AI agent sees as the tool's description ("<action> in InstaView"),
		// so each says what the operation does, which IDs it needs and what it returns.
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a job that interviews and candidates can be assigned to',
				action: 'Create a job given its title and optionally description and skills and terms and location and salary and return the job with its job ID',
			},
			{
				name: 'Create From Posting URL',
				value: 'createFromUrl',
				description: 'Let InstaView read a public job posting and create the job from it, or only extract it',
				action: 'Create a job from the URL of a public job posting or only extract it and return the job with its job ID when created and whether it was created',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a job',
				action: 'Delete a job by job ID and return a confirmation with the job ID',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a job',
				action: 'Get a job by job ID and return its title and status and skills and experience and contract type and location and salary',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the jobs of the company',
				action: 'Get many jobs of the company and return each with its job ID and title and status and skills and location',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a job\'s title, description, status, skills or terms',
				action: 'Update a job by job ID changing title or description or status or skills or terms and return the updated job',
			},
		],
	},
	...create.description,
	...createFromUrl.description,
	...get.description,
	...getAll.description,
	...update.description,
	...del.description,
];
