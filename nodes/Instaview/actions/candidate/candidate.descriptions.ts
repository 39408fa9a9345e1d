import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idLocator } from '../../descriptions/common';
import { simplifyFieldFor } from '../listFields';

export const candidateIdField: INodeProperties = idLocator({
	name: 'candidateId',
	displayName: 'Candidate',
	searchListMethod: 'searchCandidates',
	description: 'The candidate, picked from the list or given by its InstaView ID',
});

export const candidateSimplifyField = simplifyFieldFor('name, email, phone, status, job IDs, rating, interview and analysis counts, GDPR date, dates');

export const jobIdsOption: INodeProperties = {
	displayName: 'Job IDs',
	name: 'jobIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. 3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f, 9a8b7c6d-…',
	description: 'IDs of existing InstaView jobs, comma-separated (1 to 50), or an array by expression',
};

export const metadataOption: INodeProperties = {
	displayName: 'Metadata',
	name: 'metadata',
	type: 'json',
	default: '{}',
	description: 'Your own references as a JSON object, e.g. {"atsId": "A-123", "resumeUrl": "https://…"} (at most 10 KB, 5 levels, 50 keys)',
};

/** The item's candidate ID from the locator (checked by the caller). */
export function readCandidateId(context: IExecuteFunctions, i: number): unknown {
	return context.getNodeParameter('candidateId', i, '', { extractValue: true });
}

export function readOptions(context: IExecuteFunctions, i: number, name = 'additionalFields'): IDataObject {
	return context.getNodeParameter(name, i, {}) as IDataObject;
}
