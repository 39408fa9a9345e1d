import type { IBinaryData, IExecuteFunctions, IPollFunctions, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { instaviewApiRequest, isDataObject, RequestNotSentError, type InstaviewRequest } from '../transport';

/** Every context that can turn bytes into n8n binary data (the action node and the triggers). */
export type BinaryDataContext = IExecuteFunctions | IPollFunctions | IWebhookFunctions;

/** One name for the report wherever it is downloaded, so workflows can rely on it. */
export function analysisPdfFileName(interviewId: string): string {
	return `instaview-analysis-${interviewId}.pdf`;
}

export interface AnalysisPdf {
	binary: IBinaryData;
	fileName: string;
	fileSize: number;
}

/**
 * The analysis report of one interview as n8n binary data. `request` carries what the caller's
 * use of the transport needs: the item index for errors, or a trigger's request meter and
 * rate-limit wait bound.
 */
export async function downloadAnalysisPdf(
	context: BinaryDataContext,
	interviewId: string,
	request: Pick<InstaviewRequest, 'itemIndex' | 'meter' | 'maxRateLimitWaitMs'> = {},
): Promise<AnalysisPdf> {
	const read = await instaviewApiRequest
		.call(context, {
			...request,
			method: 'GET',
			path: `/interviews/${encodeURIComponent(interviewId)}/analysis-pdf`,
			subject: `interview ${interviewId}`,
		})
		.then(
			(payload: unknown) => ({ payload, error: undefined }),
			(error: unknown) => ({ payload: undefined, error }),
		);
	// Never sent (a polling trigger's cap or quota): an internal signal the trigger acts on, as is.
	if (read.error instanceof RequestNotSentError) throw read.error;
	if (read.error !== undefined) {
		const error = read.error;
		// InstaView answers 404 both for a missing interview and for an analysis not ready yet.
		if (error instanceof NodeApiError && error.httpCode === '404') {
			throw new NodeApiError(context.getNode(), { message: error.message, httpCode: '404' }, {
				message: `The analysis PDF of interview ${interviewId} is not available`,
				description:
					'Either the interview does not exist, or its analysis has not completed yet. Run Get first: the PDF exists once analysis status is COMPLETED. To act as soon as it does, use the InstaView Trigger.',
				httpCode: '404',
				itemIndex: request.itemIndex,
			});
		}
		throw new NodeApiError(context.getNode(), error as JsonObject);
	}
	const payload = read.payload;
	const base64 = isDataObject(payload) ? payload.analysisPdfBase64 : undefined;
	if (typeof base64 !== 'string' || base64 === '') {
		throw new NodeApiError(context.getNode(), { message: 'No analysisPdfBase64 in the response' }, {
			message: `InstaView returned no PDF for interview ${interviewId}`,
			description: 'The analysis may still be processing. Try again once Get shows the analysis as COMPLETED.',
			itemIndex: request.itemIndex,
		});
	}
	const buffer = Buffer.from(base64, 'base64');
	const fileName = analysisPdfFileName(interviewId);
	const binary = await context.helpers.prepareBinaryData(buffer, fileName, 'application/pdf');
	return { binary, fileName, fileSize: buffer.length };
}
