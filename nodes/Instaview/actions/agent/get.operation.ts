import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { simplifyAgent } from '../../helpers/simplifyResources';
import { requireUuid } from '../../helpers/validation';
import { instaviewApiRequest } from '../../transport';
import { agentIdField, agentSimplifyField } from './agent.descriptions';

export const description = showOnlyFor({ resource: ['agent'], operation: ['get'] }, [agentIdField, agentSimplifyField]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(this.getNodeParameter('agentId', i, '', { extractValue: true }), 'Agent');
	const agent = (await instaviewApiRequest.call(this, { method: 'GET', path: `/agents/${id}`, itemIndex: i, subject: `agent ${id}` })) as IDataObject;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	return [{ json: simplify ? simplifyAgent(agent) : agent }];
}
