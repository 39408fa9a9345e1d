import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { requireUuid } from '../../helpers/validation';
import { instaviewApiRequest } from '../../transport';
import { jobIdField, readJobId } from './job.descriptions';

export const description = showOnlyFor({ resource: ['job'], operation: ['delete'] }, [
	{ ...jobIdField, description: 'The job to delete. Its interviews keep their job; no new interview or candidate can name it.' },
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(readJobId(this, i), 'Job');
	await instaviewApiRequest.call(this, { method: 'DELETE', path: `/jobs/${id}`, itemIndex: i, subject: `job ${id}` });
	return [{ json: { deleted: true, id } }];
}
