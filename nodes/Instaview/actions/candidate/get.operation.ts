import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { simplifyCandidate } from '../../helpers/simplifyResources';
import { requireUuid } from '../../helpers/validation';
import { instaviewApiRequest } from '../../transport';
import { candidateIdField, candidateSimplifyField, readCandidateId } from './candidate.descriptions';

export const description = showOnlyFor({ resource: ['candidate'], operation: ['get'] }, [candidateIdField, candidateSimplifyField]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(readCandidateId(this, i), 'Candidate');
	const candidate = (await instaviewApiRequest.call(this, { method: 'GET', path: `/candidates/${id}`, itemIndex: i, subject: `candidate ${id}` })) as IDataObject;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	return [{ json: simplify ? simplifyCandidate(candidate) : candidate }];
}
