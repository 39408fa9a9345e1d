import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { buildJobBody } from '../../helpers/jobWrite';
import { requireUuid } from '../../helpers/validation';
import { instaviewApiRequest } from '../../transport';
import { jobIdField, jobUpdateFields, readJobId, readJobWrite } from './job.descriptions';

export const description = showOnlyFor({ resource: ['job'], operation: ['update'] }, [jobIdField, ...jobUpdateFields]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(readJobId(this, i), 'Job');
	const body = buildJobBody(readJobWrite(this, i, true), true);
	const job = await instaviewApiRequest.call(this, { method: 'PATCH', path: `/jobs/${id}`, body, itemIndex: i, subject: `job ${id}` });
	return [{ json: job as IDataObject }];
}
