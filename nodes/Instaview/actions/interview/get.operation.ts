import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { addDetailsField, simplifyField } from '../../descriptions/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireUuid } from '../../helpers/validation';
import { instaviewApiRequest } from '../../transport';
import type { ExecutionRun } from '../types';
import { interviewIdField } from './interview.descriptions';
import { interviewOutput } from './output';

export const description = showOnlyFor({ resource: ['interview'], operation: ['get'] }, [
	interviewIdField,
	simplifyField,
	addDetailsField,
]);

export async function execute(this: IExecuteFunctions, i: number, run: ExecutionRun): Promise<INodeExecutionData[]> {
	const id = requireUuid(this.getNodeParameter('interviewId', i), 'Interview ID');
	const interview = (await instaviewApiRequest.call(this, {
		method: 'GET',
		path: `/interviews/${id}`,
		itemIndex: i,
		subject: `interview ${id}`,
	})) as IDataObject;
	return [{ json: await interviewOutput(this, i, run, interview) }];
}
