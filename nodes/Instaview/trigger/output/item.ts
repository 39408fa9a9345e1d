import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { downloadAnalysisPdf, type BinaryDataContext } from '../../helpers/analysisPdf';
import { ANALYSIS_STATUS } from '../../helpers/analysisStatus';
import { simplifyInterview } from '../../helpers/simplify';
import { RequestNotSentError, type InstaviewRequest } from '../../transport';
import type { PeopleDirectory } from './people';

/** How a trigger's items look: simplified or raw, with candidate and job details, with the analysis PDF or without. */
export interface OutputOptions {
	simplify: boolean;
	/** Add the candidate's name, email, phone and status and the job's title (read once per poll each). */
	addDetails: boolean;
	downloadPdf: boolean;
	binaryProperty: string;
}

/** The `event` field of an item, named as InstaView's webhook events name them. */
export function analysisEventName(status: number): 'analysis.completed' | 'analysis.failed' {
	return status === ANALYSIS_STATUS.FAILED ? 'analysis.failed' : 'analysis.completed';
}

/**
 * One output item for a finished analysis. A PDF that cannot be downloaded does not cost the
 * item: it is delivered with `pdfError` instead, unless its request was never sent
 * (RequestNotSentError, thrown on: a polling trigger postpones the analysis). `request` is passed on to the PDF download;
 * `people` (one per poll or webhook call) adds who and which job when `addDetails` is on.
 */
export async function buildAnalysisItem(
	context: BinaryDataContext,
	interview: IDataObject,
	status: number,
	options: OutputOptions,
	request: Pick<InstaviewRequest, 'meter' | 'maxRateLimitWaitMs'> = {},
	people?: PeopleDirectory,
): Promise<INodeExecutionData> {
	const event = analysisEventName(status);
	const details = options.addDetails && people ? await people.detailsFor(interview) : undefined;
	const json: IDataObject = options.simplify
		? { event, ...simplifyInterview(interview, details) }
		: { event, ...interview, ...(details ?? {}) };
	const item: INodeExecutionData = { json };
	if (options.downloadPdf && status === ANALYSIS_STATUS.COMPLETED) {
		const pdf = await downloadAnalysisPdf(context, String(interview.id), request).then(
			({ binary }) => ({ binary, error: undefined }),
			(error: unknown) => ({ binary: undefined, error }),
		);
		// Not sent at all (a poll's cap or quota): the caller decides; it passes by itself.
		if (pdf.error instanceof RequestNotSentError) throw pdf.error;
		if (pdf.binary) item.binary = { [options.binaryProperty || 'data']: pdf.binary };
		// Any other failure: the analysis is still delivered; only its PDF is missing.
		else json.pdfError = (pdf.error as Error).message;
	}
	return item;
}
