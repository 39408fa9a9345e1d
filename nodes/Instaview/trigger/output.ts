import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { simplifyInterview } from '../helpers/simplify';
import { isDataObject } from '../transport';
import { get, type PollBudget } from './budget';
import {
	ANALYSIS_COMPLETED,
	ANALYSIS_FAILED,
	ANALYSIS_PENDING,
	ANALYSIS_PROCESSING,
	compareAnalyses,
	type AnalysisView,
} from './state';

export type TriggerEvent = 'analysisCompleted' | 'analysisCompletedOrFailed';
export type TriggerScope = 'all' | 'job' | 'candidate';

export interface TriggerOptions {
	event: TriggerEvent;
	scope: TriggerScope;
	jobId?: string;
	candidateId?: string;
	agentId?: string;
	minRating: number;
	emitExisting: boolean;
	maxRequests: number;
	simplify: boolean;
	downloadPdf: boolean;
	binaryProperty: string;
}

export interface Found {
	interview: IDataObject;
	analysis: AnalysisView;
}

/** The analysis of an interview as the trigger needs it, or undefined when there is none. */
export function analysisOf(interview: IDataObject): AnalysisView | undefined {
	const analysis = interview.analysis;
	if (!isDataObject(analysis) || typeof analysis.id !== 'string' || !analysis.id) return undefined;
	const general = isDataObject(analysis.general) ? analysis.general : {};
	const updatedAt =
		typeof general.updatedAt === 'string'
			? general.updatedAt
			: typeof interview.updatedAt === 'string'
				? interview.updatedAt
				: '';
	return { id: analysis.id, status: Number(general.status), updatedAt };
}

export const isTerminal = (status: number) => status === ANALYSIS_COMPLETED || status === ANALYSIS_FAILED;
export const isInFlight = (status: number) => status === ANALYSIS_PENDING || status === ANALYSIS_PROCESSING;

/** Whether a terminal analysis matches the event and the filters (else it is skipped). */
export function matches(options: TriggerOptions, interview: IDataObject, analysis: AnalysisView): boolean {
	if (analysis.status === ANALYSIS_FAILED && options.event !== 'analysisCompletedOrFailed') return false;
	if (!isTerminal(analysis.status)) return false;
	if (options.agentId && interview.agentId !== options.agentId) return false;
	if (options.minRating > 0 && analysis.status === ANALYSIS_COMPLETED) {
		const general = isDataObject(interview.analysis) && isDataObject(interview.analysis.general) ? interview.analysis.general : {};
		const rating = Number(general.overallRating);
		if (general.overallRating === null || general.overallRating === undefined || !(rating >= options.minRating)) return false;
	}
	return true;
}

/** Items in completion order (analysis updatedAt, then analysis id), with the PDF if asked. */
export async function buildItems(
	context: IPollFunctions,
	budget: PollBudget,
	options: TriggerOptions,
	found: Found[],
): Promise<INodeExecutionData[]> {
	const sorted = [...found].sort((a, b) => compareAnalyses(a.analysis, b.analysis));
	const items: INodeExecutionData[] = [];
	for (const { interview, analysis } of sorted) {
		const event = analysis.status === ANALYSIS_FAILED ? 'analysis.failed' : 'analysis.completed';
		const json: IDataObject = options.simplify ? { ...simplifyInterview(interview), event } : { ...interview, event };
		const item: INodeExecutionData = { json };
		if (options.downloadPdf && analysis.status === ANALYSIS_COMPLETED) {
			try {
				const body = await get(context, budget, `/interviews/${encodeURIComponent(String(interview.id))}/analysis-pdf`, {}, `interview ${interview.id}`);
				const base64 = isDataObject(body) ? body.analysisPdfBase64 : undefined;
				if (typeof base64 !== 'string' || !base64) throw new Error('InstaView returned no analysisPdfBase64');
				const binary = await context.helpers.prepareBinaryData(
					Buffer.from(base64, 'base64'),
					`analysis-${String(interview.id)}.pdf`,
					'application/pdf',
				);
				item.binary = { [options.binaryProperty || 'data']: binary };
			} catch (error) {
				// The analysis is still delivered; only its PDF is missing.
				json.pdfError = (error as Error).message;
			}
		}
		items.push(item);
	}
	return items;
}
