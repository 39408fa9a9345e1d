import type { INodeProperties } from 'n8n-workflow';

export const interviewIdField: INodeProperties = {
	displayName: 'Interview ID',
	name: 'interviewId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
	description: 'The ID of the interview, as returned by Create or Get Many',
};

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

interface NowOrScheduled {
	/** The choice: its parameter, label and what it says. */
	choice: Pick<INodeProperties, 'name' | 'displayName' | 'description'>;
	/** The option that means "now", the default. */
	now: { name: string; value: string };
	/** The time field shown for "At a Scheduled Time". */
	time: Pick<INodeProperties, 'name' | 'description'>;
}

/** Now or at a scheduled time: the choice, and the required time field shown only for the latter. */
export function nowOrScheduledFields({ choice, now, time }: NowOrScheduled): INodeProperties[] {
	return [
		{
			...choice,
			type: 'options',
			noDataExpression: true,
			default: now.value,
			options: [now, { name: 'At a Scheduled Time', value: 'scheduled' }],
		},
		{
			...time,
			displayName: 'Scheduled Time',
			type: 'dateTime',
			required: true,
			default: '',
			displayOptions: { show: { [choice.name]: ['scheduled'] } },
		},
	];
}
