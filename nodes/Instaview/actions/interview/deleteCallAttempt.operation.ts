import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { requireUuid } from '../../helpers/validation';
import { instaviewApiRequest } from '../../transport';
import { attemptIdField, interviewIdField, PHONE_ONLY_NOTE } from './interview.descriptions';

export const description = showOnlyFor({ resource: ['interview'], operation: ['deleteCallAttempt'] }, [
	{ ...interviewIdField, description: `The interview the call attempt belongs to. ${PHONE_ONLY_NOTE}` },
	attemptIdField,
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(this.getNodeParameter('interviewId', i), 'Interview ID');
	const attemptId = requireUuid(this.getNodeParameter('attemptId', i), 'Call Attempt ID');
	await instaviewApiRequest.call(this, {
		method: 'DELETE',
		path: `/interviews/${id}/call-attempts/${attemptId}`,
		itemIndex: i,
		subject: `call attempt ${attemptId}`,
	});
	return [{ json: { deleted: true, interviewId: id, attemptId } }];
}
