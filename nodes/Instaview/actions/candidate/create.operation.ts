import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { newCandidateFields, readNewCandidate } from '../../descriptions/candidate';
import { buildCandidateCreateBody } from '../../helpers/candidateWrite';
import { showOnlyFor } from '../../helpers/displayOptions';
import { instaviewApiRequest } from '../../transport';
import { jobIdsOption, metadataOption, readOptions } from './candidate.descriptions';

export const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{ ...jobIdsOption, description: `${jobIdsOption.description}. The candidate is assigned to these jobs; without any, it joins the talent pool.` },
		metadataOption,
	],
};

export const description = showOnlyFor({ resource: ['candidate'], operation: ['create'] }, [...newCandidateFields, additionalFields]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const extra = readOptions(this, i);
	const body = buildCandidateCreateBody({ ...readNewCandidate(this, i), jobIds: extra.jobIds, metadata: extra.metadata }, Date.now(), this.getTimezone());
	const candidate = await instaviewApiRequest.call(this, { method: 'POST', path: '/candidates', body, itemIndex: i, subject: 'candidate' });
	return [{ json: candidate as IDataObject }];
}
