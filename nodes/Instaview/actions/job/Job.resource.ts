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
		options: [
			{ name: 'Create', value: 'create', description: 'Create a job that interviews and candidates can be assigned to', action: 'Create a job' },
			{
				name: 'Create From Posting URL',
				value: 'createFromUrl',
				description: 'Let InstaView read a public job posting and create the job from it, or only extract it',
				action: 'Create a job from a posting URL',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete a job', action: 'Delete a job' },
			{ name: 'Get', value: 'get', description: 'Get a job', action: 'Get a job' },
			{ name: 'Get Many', value: 'getAll', description: 'List the jobs of the company', action: 'Get many jobs' },
			{ name: 'Update', value: 'update', description: 'Change a job\'s title, description, status, skills or terms', action: 'Update a job' },
		],
	},
	...create.description,
	...createFromUrl.description,
	...get.description,
	...getAll.description,
	...update.description,
	...del.description,
];
