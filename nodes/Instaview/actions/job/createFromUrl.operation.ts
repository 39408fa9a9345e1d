import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { requireHttpUrl } from '../../helpers/jobWrite';
import { isDataObject, instaviewApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Posting URL',
		name: 'jobUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://careers.example.com/jobs/backend-engineer',
		description: 'The public page of a job posting; InstaView reads it and extracts the job with AI',
	},
	{
		displayName: 'Create Job',
		name: 'createJob',
		type: 'boolean',
		default: true,
		description: 'Whether to create the job in InstaView. Off: only return what InstaView extracted, to check or edit it first.',
	},
];

export const description = showOnlyFor({ resource: ['job'], operation: ['createFromUrl'] }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const jobUrl = requireHttpUrl(this.getNodeParameter('jobUrl', i, ''), 'Posting URL');
	const createJob = this.getNodeParameter('createJob', i, true) as boolean;
	let answer: unknown;
	try {
		answer = await instaviewApiRequest.call(this, { method: 'POST', path: '/jobs/url', body: { jobUrl, createJob }, itemIndex: i, subject: 'job' });
	} catch (error) {
		// 422: InstaView could not read a job from the page; say what to try rather than "rejected".
		if (error instanceof NodeApiError && error.httpCode === '422') {
			throw new NodeOperationError(this.getNode(), `InstaView could not read a job posting at ${jobUrl}`, {
				itemIndex: i,
				description: `${error.message}. Check that the address opens a public job posting without a login, or create the job with Job → Create instead.`,
			});
		}
		throw error instanceof NodeApiError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
	}
	// `{ data: <job or extraction>, sourceUrl }`; the job goes out flat with the address it came from.
	const job = isDataObject(answer) && isDataObject(answer.data) ? answer.data : (answer as IDataObject);
	const sourceUrl = isDataObject(answer) && typeof answer.sourceUrl === 'string' ? answer.sourceUrl : jobUrl;
	return [{ json: { ...job, sourceUrl, created: createJob } }];
}
