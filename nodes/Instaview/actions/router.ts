import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InvalidFieldError } from '../helpers/InvalidFieldError';
import { instaviewApiRequest } from '../transport';
import { PeopleDirectory } from '../trigger/output/people';
import { findOperation } from './resources';
import type { ExecutionRun } from './types';

/**
 * Runs the chosen operation (looked up in the resource table) once per input item. Resource
 * and operation are read per item, so expressions work; a failed item either stops the run
 * or, with Continue On Fail, becomes an error item paired with its input while the rest go on.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const run: ExecutionRun = {
		people: new PeopleDirectory(async (path, subject) => await instaviewApiRequest.call(this, { method: 'GET', path, subject })),
	};

	for (let i = 0; i < items.length; i++) {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const chosen = findOperation(resource, operation);
			if (!chosen) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`, {
					itemIndex: i,
				});
			}
			const output = await chosen.execute.call(this, i, run);
			for (const entry of output) returnData.push({ ...entry, pairedItem: { item: i } });
		} catch (caught) {
			const error =
				caught instanceof InvalidFieldError
					? new NodeOperationError(this.getNode(), caught.message, { itemIndex: i, description: caught.hint })
					: caught;
			if (this.continueOnFail()) {
				const failure = error as NodeApiError | NodeOperationError;
				returnData.push({
					json: {
						error: failure.message,
						...(failure.description ? { description: failure.description } : {}),
						...(failure instanceof NodeApiError && failure.httpCode ? { httpCode: failure.httpCode } : {}),
					},
					pairedItem: { item: i },
				});
				continue;
			}
			throw error;
		}
	}
	return [returnData];
}
