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
		// `action` is what an AI agent sees as the tool's description ("<action> in InstaView"),
		// so each says what the operation does, which IDs it needs and what it returns.
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a candidate, in the talent pool or assigned to jobs',
				action: 'Create a candidate given first name and last name and email or phone number and GDPR expiry date and optionally the job ID of each job to assign and return the candidate with its candidate ID',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a candidate matched by email given first name and last name and email and GDPR expiry date and optionally the job ID of each job to add and return the candidate with its candidate ID and whether it was created or updated or unchanged',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a candidate (their interviews stay readable)',
				action: 'Delete a candidate by candidate ID and return a confirmation with the candidate ID',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a candidate with their status and overall rating',
				action: 'Get a candidate by candidate ID and return their name and email and phone number and status and the job ID of each of their jobs and overall rating and interview count',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List candidates, filtered by name, job, status or email',
				action: 'Get many candidates optionally filtered by name or email or job ID or status and return each with its candidate ID and name and email and status and overall rating',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a candidate\'s status, contact details, GDPR date, jobs or metadata',
				action: 'Update a candidate by candidate ID changing status or contact details or GDPR expiry date or jobs or metadata and return the updated candidate',
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
