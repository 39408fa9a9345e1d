import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { enumLabel, INTERVIEW_STATUSES } from '../../helpers/enums';
import { asText, requireUuid } from '../../helpers/validation';
import { instaviewApiRequestAllItems } from '../../transport';
import { addDetailsField, resourceLocator, simplifyField } from '../../descriptions/common';
import { locatorValue } from '../../trigger/output/fields';
import { filtersField, readMax, returnAllFields } from '../listFields';
import type { ExecutionRun } from '../types';
import { interviewOutput } from './output';

const properties: INodeProperties[] = [
	resourceLocator('candidate', 'InstaView lists interviews one candidate at a time, so a candidate is required'),
	...returnAllFields,
	filtersField([
		resourceLocator('agent', 'Only interviews run by this agent', false),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'COMPLETED',
			options: INTERVIEW_STATUSES.map((value) => ({ name: enumLabel(value), value })),
			description: 'Only interviews in this status',
		},
	]),
	simplifyField,
	addDetailsField,
];

export const description = showOnlyFor({ resource: ['interview'], operation: ['getAll'] }, properties);

export async function execute(this: IExecuteFunctions, i: number, run: ExecutionRun): Promise<INodeExecutionData[]> {
	const candidateId = requireUuid(this.getNodeParameter('candidateId', i, '', { extractValue: true }), 'Candidate');
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = { candidateId };
	const agentId = locatorValue(filters.agentId);
	if (agentId) qs.agentId = requireUuid(agentId, 'Agent');
	if (asText(filters.status)) qs.status = asText(filters.status);
	const max = readMax(this, i);
	const interviews = await instaviewApiRequestAllItems.call(this, '/interviews', qs, { max, itemIndex: i });
	const output: INodeExecutionData[] = [];
	for (const interview of interviews) output.push({ json: await interviewOutput(this, i, run, interview) });
	return output;
}
