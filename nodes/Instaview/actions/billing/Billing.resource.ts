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
		// `action` is what an AI agent sees as the tool's description ("<action> in InstaView"),
		// so each says what the operation does, which IDs it needs and what it returns.
		options: [
			{
				name: 'Get Usage',
				value: 'getUsage',
				description: 'Read the interviews and the minutes or credits used in a period, e.g. before scheduling many interviews',
				action: 'Get billing usage over the last 30 days or a given period and return the number of interviews and the minutes or credits used in total and per cost key',
			},
		],
	},
	...getUsage.description,
];
