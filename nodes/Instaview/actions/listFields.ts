import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collectionField } from '../descriptions/common';

/** Return All and Limit, with n8n's standard texts, for every Get Many. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

/** Simplify, described for what it keeps. */
export function simplifyFieldFor(keeps: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data: ${keeps}`,
	};
}

/** One output item per resource, simplified by `simplify` unless the item's Simplify is off. */
export function simplifiedItems(
	context: IExecuteFunctions,
	i: number,
	resources: IDataObject[],
	simplify: (resource: IDataObject) => IDataObject,
): INodeExecutionData[] {
	const wanted = context.getNodeParameter('simplify', i, true) as boolean;
	return resources.map((resource) => ({ json: wanted ? simplify(resource) : resource }));
}

/** The Filters of a Get Many; `description` says what the node filters itself when InstaView cannot. */
export function filtersField(options: INodeProperties[], description?: string): INodeProperties {
	return collectionField({ displayName: 'Filters', name: 'filters', placeholder: 'Add Filter', ...(description ? { description } : {}) }, options);
}

/** How many results item `i` asks for: undefined for Return All. */
export function readMax(context: IExecuteFunctions, i: number): number | undefined {
	const returnAll = context.getNodeParameter('returnAll', i, false) as boolean;
	return returnAll ? undefined : (context.getNodeParameter('limit', i, 50) as number);
}
