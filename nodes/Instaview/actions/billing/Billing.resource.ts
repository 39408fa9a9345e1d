import type { INodeProperties } from 'n8n-workflow';

import * as getUsage from './getUsage.operation';

export const displayName = 'Billing';

export const operations = { getUsage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['billing'] } },
		default: 'getUsage',
		options: [
			{
				name: 'Get Usage',
				value: 'getUsage',
				description: 'Read the interviews and the minutes or credits used in a period, e.g. before scheduling many interviews',
				action: 'Get billing usage',
			},
		],
	},
	...getUsage.description,
];
