import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { requireUuid } from '../../helpers/validation';
import { instaviewApiRequest } from '../../transport';
import { interviewIdField } from './interview.descriptions';

export const description = showOnlyFor({ resource: ['interview'], operation: ['delete'] }, [
	{
		...interviewIdField,
		description:
			'The interview to delete. A scheduled interview is taken off the queue; one in progress finishes its call but gets no analysis.',
	},
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(this.getNodeParameter('interviewId', i), 'Interview ID');
	// The API answers `true` (bare or enveloped); any 2xx means the interview is gone.
	await instaviewApiRequest.call(this, { method: 'DELETE', path: `/interviews/${id}`, itemIndex: i, subject: `interview ${id}` });
	return [{ json: { deleted: true, id } }];
}
