import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const displayName = 'Agent';

export const operations = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		default: 'getAll',
		// `action` is what an AI agent sees as the tool's description ("<action> in InstaView"),
		// so each says what the operation does, which IDs it needs and what it returns.
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get an agent (an interview template): type, focus, language, duration',
				action: 'Get an interview agent by agent ID and return its name and whether it interviews online or by phone and its focus and language and duration and question count',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the agents (interview templates) to pick one for an interview',
				action: 'Get many interview agents optionally filtered by type or focus or language and return each with its agent ID and name and type and focus and language and duration',
			},
		],
	},
	...get.description,
	...getAll.description,
];
