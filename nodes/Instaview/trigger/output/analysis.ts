import type { IDataObject } from 'n8n-workflow';

import { ANALYSIS_STATUS, isTerminalStatus } from '../../helpers/analysisStatus';
import { isDataObject } from '../../transport';

/** What a trigger knows about one analysis: enough to judge, order and remember it. */
export interface AnalysisView {
	id: string;
	status: number;
	updatedAt: string;
}

/** The analysis of an interview as a trigger needs it, or undefined when there is none. */
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

/** Completion order: analysis updatedAt, then analysis id (so equal times still order stably). */
export function compareAnalyses(a: AnalysisView, b: AnalysisView): number {
	if (a.updatedAt !== b.updatedAt) return Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || (a.updatedAt < b.updatedAt ? -1 : 1);
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export type TriggerEvent = 'analysisCompleted' | 'analysisCompletedOrFailed';

/** The event and filters a trigger's user chose. */
export interface AnalysisFilter {
	event: TriggerEvent;
	agentId?: string;
	minRating: number;
}

/** Whether a terminal analysis matches the event and the filters (else it is skipped). */
export function matchesFilter(filter: AnalysisFilter, interview: IDataObject, analysis: AnalysisView): boolean {
	if (analysis.status === ANALYSIS_STATUS.FAILED && filter.event !== 'analysisCompletedOrFailed') return false;
	if (!isTerminalStatus(analysis.status)) return false;
	if (filter.agentId && interview.agentId !== filter.agentId) return false;
	if (filter.minRating > 0 && analysis.status === ANALYSIS_STATUS.COMPLETED) {
		const general = isDataObject(interview.analysis) && isDataObject(interview.analysis.general) ? interview.analysis.general : {};
		const rating = Number(general.overallRating);
		if (general.overallRating === null || general.overallRating === undefined || !(rating >= filter.minRating)) return false;
	}
	return true;
}
