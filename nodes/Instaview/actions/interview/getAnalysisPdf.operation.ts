import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { InvalidFieldError } from '../../helpers/InvalidFieldError';
import { asText, requireUuid } from '../../helpers/validation';
import { instaviewApiRequest, isDataObject } from '../../transport';
import { interviewIdField } from '../common.descriptions';

export const description = showOnlyFor({ resource: ['interview'], operation: ['getAnalysisPdf'] }, [
	interviewIdField,
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the PDF in',
	},
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = requireUuid(this.getNodeParameter('interviewId', i), 'Interview ID');
	const property = asText(this.getNodeParameter('binaryPropertyName', i, 'data'));
	if (!property) {
		throw new InvalidFieldError('Put Output File in Field', 'is empty', 'Enter a field name such as data.');
	}
	let payload: unknown;
	try {
		payload = await instaviewApiRequest.call(this, {
			method: 'GET',
			path: `/interviews/${id}/analysis-pdf`,
			itemIndex: i,
			subject: `interview ${id}`,
		});
	} catch (error) {
		// InstaView answers 404 both for a missing interview and for an analysis not ready yet.
		if (error instanceof NodeApiError && error.httpCode === '404') {
			throw new NodeApiError(this.getNode(), { message: error.message, httpCode: '404' }, {
				message: `The analysis PDF of interview ${id} is not available`,
				description:
					'Either the interview does not exist, or its analysis has not completed yet. Run Get first: the PDF exists once analysis status is COMPLETED. To act as soon as it does, use the InstaView Trigger.',
				httpCode: '404',
				itemIndex: i,
			});
		}
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	const base64 = isDataObject(payload) ? payload.analysisPdfBase64 : undefined;
	if (typeof base64 !== 'string' || base64 === '') {
		throw new NodeApiError(this.getNode(), { message: 'No analysisPdfBase64 in the response' }, {
			message: `InstaView returned no PDF for interview ${id}`,
			description: 'The analysis may still be processing. Try again once Get shows the analysis as COMPLETED.',
			itemIndex: i,
		});
	}
	const buffer = Buffer.from(base64, 'base64');
	const fileName = `instaview-analysis-${id}.pdf`;
	const binary = await this.helpers.prepareBinaryData(buffer, fileName, 'application/pdf');
	const json: IDataObject = { interviewId: id, fileName, fileSize: buffer.length };
	return [{ json, binary: { [property]: binary } }];
}
