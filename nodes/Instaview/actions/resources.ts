import type { INodeProperties } from 'n8n-workflow';

import * as agent from './agent/Agent.resource';
import * as billing from './billing/Billing.resource';
import * as candidate from './candidate/Candidate.resource';
import * as interview from './interview/Interview.resource';
import * as job from './job/Job.resource';
import type { OperationDefinition, ResourceDefinition } from './types';

/**
 * Every resource of the InstaView node, keyed by the Resource field's value. A new resource
 * is a folder under actions/ and one line here; the node's fields and the router follow.
 */
export const resources: Record<string, ResourceDefinition> = {
	interview,
	candidate,
	job,
	agent,
	billing,
};

/** The resource a new node starts on. */
const DEFAULT_RESOURCE = 'interview';

const own = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** The operation chosen by the two fields, or undefined when the pair does not exist. */
export function findOperation(resource: string, operation: string): OperationDefinition | undefined {
	if (!own(resources, resource)) return undefined;
	const { operations } = resources[resource];
	return own(operations, operation) ? operations[operation] : undefined;
}

/** The Resource field followed by the fields of every resource, for the node's description. */
export function resourceProperties(): INodeProperties[] {
	const entries = Object.entries(resources);
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: entries.map(([value, definition]) => ({ name: definition.displayName, value })),
			default: DEFAULT_RESOURCE,
		},
		...entries.flatMap(([, definition]) => definition.description),
	];
}

/**
 * The canvas subtitle: "Interview: Get Analysis PDF" rather than the raw values. A flat map
 * keyed "resource:operation", built from the table, so new resources get words too.
 */
export function subtitleExpression(): string {
	const words: Record<string, string> = {};
	for (const [resource, definition] of Object.entries(resources)) {
		const operationField = definition.description.find((property) => property.name === 'operation');
		for (const option of operationField?.options ?? []) {
			if ('value' in option) words[`${resource}:${String(option.value)}`] = `${definition.displayName}: ${option.name}`;
		}
	}
	return `={{ ${JSON.stringify(words)}[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}
