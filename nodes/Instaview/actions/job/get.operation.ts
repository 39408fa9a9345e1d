import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { simplifyJob } from '../../helpers/simplifyResources';
import { requireUuid } from '../../helpers/validation';
import { instaviewApiRequest } from '../../transport';
import { jobIdField, jobSimplifyField, readJobId } from './job.descriptions';

export const description = showOnlyFor({ resource: ['job'], operation: ['get'] }, [jobIdField, jobSimplifyField]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(readJobId(this, i), 'Job');
	const job = (await instaviewApiRequest.call(this, { method: 'GET', path: `/jobs/${id}`, itemIndex: i, subject: `job ${id}` })) as IDataObject;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	return [{ json: simplify ? simplifyJob(job) : job }];
}
