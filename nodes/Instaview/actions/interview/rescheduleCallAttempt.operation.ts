import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { normalizeScheduleTime } from '../../helpers/dates';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireUuid } from '../../helpers/validation';
import { instaviewApiRequest } from '../../transport';
import { attemptIdField, interviewIdField, PHONE_ONLY_NOTE } from './interview.descriptions';

export const description = showOnlyFor({ resource: ['interview'], operation: ['rescheduleCallAttempt'] }, [
	{ ...interviewIdField, description: `The interview the call attempt belongs to. ${PHONE_ONLY_NOTE}` },
	attemptIdField,
	{
		displayName: 'New Time',
		name: 'scheduledAt',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Only scheduled attempts can be moved. A time without an offset is read in the workflow\'s timezone.',
	},
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(this.getNodeParameter('interviewId', i), 'Interview ID');
	const attemptId = requireUuid(this.getNodeParameter('attemptId', i), 'Call Attempt ID');
	const scheduledAt = normalizeScheduleTime(this.getNodeParameter('scheduledAt', i, ''), Date.now(), this.getTimezone(), 'New Time');
	await instaviewApiRequest.call(this, {
		method: 'PATCH',
		path: `/interviews/${id}/call-attempts/${attemptId}`,
		body: { scheduledAt },
		itemIndex: i,
		subject: `call attempt ${attemptId}`,
	});
	return [{ json: { rescheduled: true, interviewId: id, attemptId, scheduledAt } }];
}
