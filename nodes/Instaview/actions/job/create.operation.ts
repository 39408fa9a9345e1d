import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { buildJobBody } from '../../helpers/jobWrite';
import { instaviewApiRequest } from '../../transport';
import { jobCreateFields, readJobWrite } from './job.descriptions';

export const description = showOnlyFor({ resource: ['job'], operation: ['create'] }, jobCreateFields);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const body = buildJobBody(readJobWrite(this, i, false), false);
	const job = await instaviewApiRequest.call(this, { method: 'POST', path: '/jobs', body, itemIndex: i, subject: 'job' });
	return [{ json: job as IDataObject }];
}
