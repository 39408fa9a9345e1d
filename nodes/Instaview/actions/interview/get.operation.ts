import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { simplifyInterview } from '../../helpers/simplify';
import { requireUuid } from '../../helpers/validation';
import { instaviewApiRequest } from '../../transport';
import { simplifyField } from '../../descriptions/common';
import { interviewIdField } from './interview.descriptions';

export const description = showOnlyFor({ resource: ['interview'], operation: ['get'] }, [interviewIdField, simplifyField]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(this.getNodeParameter('interviewId', i), 'Interview ID');
	const interview = (await instaviewApiRequest.call(this, {
		method: 'GET',
		path: `/interviews/${id}`,
		itemIndex: i,
		subject: `interview ${id}`,
	})) as IDataObject;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	return [{ json: simplify ? simplifyInterview(interview) : interview }];
}
