import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { idLocator } from '../../descriptions/common';
import { locatorValue, readAnalysisFilter, readOutputOptions } from '../output/fields';
import type { PollOptions } from './poll';

/** The fields only polling needs: which candidates to watch, and how much one poll may do. */
export const scopeFields: INodeProperties[] = [
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'All Candidates', value: 'all', description: 'Watch every candidate of the company' },
			{ name: 'Candidates of a Job', value: 'job', description: 'Watch only the candidates assigned to one job' },
			{ name: 'One Candidate', value: 'candidate', description: 'Watch a single candidate' },
		],
		default: 'all',
		description: 'Which candidates to watch. A narrower scope needs fewer requests per poll.',
	},
	{
		...idLocator({ name: 'jobId', displayName: 'Job', searchListMethod: 'searchJobs', description: 'The job whose candidates to watch' }),
		displayOptions: { show: { scope: ['job'] } },
	},
	{
		...idLocator({
			name: 'candidateId',
			displayName: 'Candidate',
			searchListMethod: 'searchCandidates',
			description: 'The candidate to watch',
		}),
		displayOptions: { show: { scope: ['candidate'] } },
	},
];

export const emitExistingOption: INodeProperties = {
	displayName: 'Emit Existing Analyses on First Poll',
	name: 'emitExisting',
	type: 'boolean',
	default: false,
	description:
		'Whether to also emit analyses that had already finished when the workflow was activated. Off: only analyses finishing after activation trigger the workflow.',
};

export const MIN_REQUESTS_PER_POLL = 3;
export const MAX_REQUESTS_PER_POLL = 500;
export const DEFAULT_REQUESTS_PER_POLL = 25;

export const maxRequestsOption: INodeProperties = {
	displayName: 'Max Requests per Poll',
	name: 'maxRequests',
	type: 'number',
	typeOptions: { minValue: MIN_REQUESTS_PER_POLL, maxValue: MAX_REQUESTS_PER_POLL },
	default: DEFAULT_REQUESTS_PER_POLL,
	description:
		'Most API requests one poll may send, retries included (InstaView allows 60 a minute by default). Work left over continues on the next poll. Left unset, the one-time check after activation may also use requests the rate-limit headers show are spare.',
};

/** Every field of the polling trigger, read once per poll. */
export function readPollOptions(context: IPollFunctions): PollOptions {
	const scope = context.getNodeParameter('scope', 'all') as PollOptions['scope'];
	const extra = context.getNodeParameter('options', {}) as IDataObject;
	const requested = Math.floor(Number(extra.maxRequests ?? DEFAULT_REQUESTS_PER_POLL)) || DEFAULT_REQUESTS_PER_POLL;
	return {
		...readAnalysisFilter(context.getNodeParameter('event', 'analysisCompleted'), extra),
		...readOutputOptions(extra),
		scope,
		jobId: scope === 'job' ? locatorValue(context.getNodeParameter('jobId', '', { extractValue: true })) : undefined,
		candidateId:
			scope === 'candidate' ? locatorValue(context.getNodeParameter('candidateId', '', { extractValue: true })) : undefined,
		emitExisting: extra.emitExisting === true,
		maxRequests: Math.min(MAX_REQUESTS_PER_POLL, Math.max(MIN_REQUESTS_PER_POLL, requested)),
		// A budget the user set is a hard cap; the default lets the activation check use the spare.
		useSpare: extra.maxRequests === undefined,
	};
}
