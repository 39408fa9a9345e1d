import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { normalizeScheduleTime } from '../../helpers/dates';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireUuid } from '../../helpers/validation';
import { instaviewApiRequest } from '../../transport';
import { interviewIdField, nowOrScheduledFields, PHONE_ONLY_NOTE } from './interview.descriptions';

export const description = showOnlyFor({ resource: ['interview'], operation: ['scheduleCallAttempt'] }, [
	{ ...interviewIdField, description: `The interview to call again. ${PHONE_ONLY_NOTE}` },
	...nowOrScheduledFields({
		choice: { displayName: 'Call', name: 'callWhen', description: 'A new attempt replaces any attempt already scheduled for the interview' },
		now: { name: 'As Soon as Possible', value: 'asap' },
		time: { name: 'scheduledAt', description: 'A time without an offset is read in the workflow\'s timezone and sent with that offset' },
	}),
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(this.getNodeParameter('interviewId', i), 'Interview ID');
	const scheduled = this.getNodeParameter('callWhen', i) === 'scheduled';
	const scheduledAt = scheduled ? normalizeScheduleTime(this.getNodeParameter('scheduledAt', i, ''), Date.now(), this.getTimezone()) : null;
	const answer = await instaviewApiRequest.call(this, {
		method: 'POST',
		path: `/interviews/${id}/call-attempts`,
		body: { scheduledAt },
		itemIndex: i,
		subject: `interview ${id}`,
	});
	const json: IDataObject = { interviewId: id, scheduledAt, ...(typeof answer === 'object' && answer ? (answer as IDataObject) : {}) };
	return [{ json }];
}
