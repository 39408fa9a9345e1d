import type { INodeProperties } from 'n8n-workflow';

export const PHONE_ONLY_NOTE = 'Only for phone interviews; InstaView refuses call attempts on online interviews.';

export const attemptIdField: INodeProperties = {
	displayName: 'Call Attempt ID',
	name: 'attemptId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 6a1f0c2e-8d3b-4c5a-9e7f-0b1c2d3e4f5a',
	description: 'The ID of the call attempt, from the callAttempts of Get (with Simplify off)',
};
