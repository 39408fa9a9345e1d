import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { simplifyJob } from '../../helpers/simplifyResources';
import { instaviewApiRequestAllItems } from '../../transport';
import { readMax, returnAllFields, simplifiedItems } from '../listFields';
import { jobSimplifyField } from './job.descriptions';

export const description = showOnlyFor({ resource: ['job'], operation: ['getAll'] }, [...returnAllFields, jobSimplifyField]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const max = readMax(this, i);
	// The jobs list has no documented filters; InstaView accepts only page and limit.
	const jobs = await instaviewApiRequestAllItems.call(this, '/jobs', {}, { max, itemIndex: i });
	return simplifiedItems(this, i, jobs, simplifyJob);
}
