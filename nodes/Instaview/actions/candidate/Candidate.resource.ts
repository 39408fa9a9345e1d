import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const displayName = 'Candidate';

export const operations = { create, delete: del, get, getAll, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['candidate'] } },
		default: 'upsert',
		options: [
			{ name: 'Create', value: 'create', description: 'Create a candidate, in the talent pool or assigned to jobs', action: 'Create a candidate' },
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a candidate',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete a candidate (their interviews stay readable)', action: 'Delete a candidate' },
			{ name: 'Get', value: 'get', description: 'Get a candidate with their status and overall rating', action: 'Get a candidate' },
			{ name: 'Get Many', value: 'getAll', description: 'List candidates, filtered by name, job, status or email', action: 'Get many candidates' },
			{
				name: 'Update',
				value: 'update',
				description: 'Change a candidate\'s status, contact details, GDPR date, jobs or metadata',
				action: 'Update a candidate',
			},
		],
	},
	...create.description,
	...upsert.description,
	...get.description,
	...getAll.description,
	...update.description,
	...del.description,
];
