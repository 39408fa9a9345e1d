import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { requireUuid } from '../../helpers/validation';
import { instaviewApiRequest } from '../../transport';
import { candidateIdField, readCandidateId } from './candidate.descriptions';

export const description = showOnlyFor({ resource: ['candidate'], operation: ['delete'] }, [
	{
		...candidateIdField,
		description: 'The candidate to delete. Their interviews stay readable, but no new interview can be scheduled for them.',
	},
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(readCandidateId(this, i), 'Candidate');
	await instaviewApiRequest.call(this, { method: 'DELETE', path: `/candidates/${id}`, itemIndex: i, subject: `candidate ${id}` });
	return [{ json: { deleted: true, id } }];
}
