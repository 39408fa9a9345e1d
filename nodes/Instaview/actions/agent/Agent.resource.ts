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
		options: [
			{ name: 'Get', value: 'get', description: 'Get an agent (an interview template): type, focus, language, duration', action: 'Get an agent' },
			{ name: 'Get Many', value: 'getAll', description: 'List the agents (interview templates) to pick one for an interview', action: 'Get many agents' },
		],
	},
	...get.description,
	...getAll.description,
];
