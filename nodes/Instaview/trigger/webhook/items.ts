import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { analysisPdfFileName, downloadAnalysisPdf } from '../../helpers/analysisPdf';
import { ANALYSIS_STATUS } from '../../helpers/analysisStatus';
import type { RequestMeter } from '../../transport';
import { analysisOf } from '../output/analysis';
import { buildAnalysisItem, type OutputOptions } from '../output/item';
import type { PeopleDirectory } from '../output/people';
import { confirmSettings } from './confirm';
import { interviewFromDelivery, type Delivery } from './delivery';

/** How an item came to be: read back from InstaView, or taken from the delivery alone. */
export type Provenance = { confirmed: true } | { confirmed: false; confirmationError: string };

/**
 * The PDF of a completed analysis as binary data: from the delivery when it carries
 * `analysisPdfBase64` (no request), else downloaded. A PDF that cannot be had does not cost
 * the item: it gets `pdfError` instead.
 */
async function attachPdf(
	context: IWebhookFunctions,
	item: INodeExecutionData,
	interviewId: string,
	delivery: Delivery,
	output: OutputOptions,
	meter?: RequestMeter,
): Promise<void> {
	const property = output.binaryProperty || 'data';
	const carried = delivery.data.analysisPdfBase64;
	try {
		if (typeof carried === 'string' && carried !== '') {
			const buffer = Buffer.from(carried, 'base64');
			const binary = await context.helpers.prepareBinaryData(buffer, analysisPdfFileName(interviewId), 'application/pdf');
			item.binary = { [property]: binary };
			return;
		}
		const { binary } = await downloadAnalysisPdf(context, interviewId, { meter, maxRateLimitWaitMs: confirmSettings.maxRateLimitWaitMs });
		item.binary = { [property]: binary };
	} catch (error) {
		item.json.pdfError = (error as Error).message;
	}
}

/**
 * One item for an event, in the polling trigger's shape (the interview, simplified or raw, with
 * `event` and, with `addDetails`, the candidate and job details from `people`), plus
 * `deliveryId` and whether InstaView confirmed it.
 */
export async function buildEventItem(
	context: IWebhookFunctions,
	delivery: Delivery,
	interview: IDataObject,
	provenance: Provenance,
	output: OutputOptions,
	people?: PeopleDirectory,
	meter?: RequestMeter,
): Promise<INodeExecutionData> {
	const event = String(delivery.event);
	const analysisStatus = analysisOf(interview)?.status ?? ANALYSIS_STATUS.PENDING;
	const item = await buildAnalysisItem(context, interview, analysisStatus, { ...output, downloadPdf: false }, {}, people);
	Object.assign(item.json, { event, deliveryId: delivery.deliveryId, ...provenance });
	if (output.downloadPdf && event === 'analysis.completed' && analysisStatus === ANALYSIS_STATUS.COMPLETED) {
		await attachPdf(context, item, String(interview.id), delivery, output, meter);
	}
	return item;
}

/**
 * Confirmation off: the delivery as received, its PDF (a large base64 text) moved to binary or
 * left out. With `addDetails`, the candidate and job details (of the IDs the delivery names) go
 * beside `data`, which stays as InstaView sent it.
 */
export async function buildReceivedItem(
	context: IWebhookFunctions,
	delivery: Delivery,
	output: OutputOptions,
	people?: PeopleDirectory,
): Promise<INodeExecutionData> {
	const data = { ...delivery.data };
	delete data.analysisPdfBase64;
	const details = output.addDetails && people ? await people.detailsFor(interviewFromDelivery(delivery)) : {};
	const item: INodeExecutionData = { json: { ...delivery.raw, event: delivery.event ?? delivery.raw.event, data, ...details } };
	const interviewId = typeof data.interviewId === 'string' ? data.interviewId : '';
	if (output.downloadPdf && delivery.event === 'analysis.completed' && interviewId) {
		await attachPdf(context, item, interviewId, delivery, output);
	}
	return item;
}
