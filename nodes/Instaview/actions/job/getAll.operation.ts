import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { simplifyJob } from '../../helpers/simplifyResources';
import { instaviewApiRequestAllItems } from '../../transport';
import { returnAllFields } from '../listFields';
import { jobSimplifyField } from './job.descriptions';

export const description = showOnlyFor({ resource: ['job'], operation: ['getAll'] }, [...returnAllFields, jobSimplifyField]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const max = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
	// The jobs list has no documented filters; InstaView accepts only page and limit.
	const jobs = await instaviewApiRequestAllItems.call(this, '/jobs', {}, { max, itemIndex: i });
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	return jobs.map((job) => ({ json: simplify ? simplifyJob(job) : job }));
}
