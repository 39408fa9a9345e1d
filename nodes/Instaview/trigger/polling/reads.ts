import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { instaviewApiRequest, MAX_PAGE_SIZE, readListPage, type InstaviewRequest } from '../../transport';
import type { PollBudget } from './budget';
import type { CandidateSummary } from './state';

/** What every request of a poll carries: the poll's meter, and no rate-limit wait past its deadline. */
export function budgetedRequest(budget: PollBudget): Pick<InstaviewRequest, 'meter' | 'maxRateLimitWaitMs'> {
	return { meter: budget.meter, maxRateLimitWaitMs: budget.waitMs() };
}

/** One GET counted against the poll's budget. */
export async function budgetedGet(
	context: IPollFunctions,
	budget: PollBudget,
	path: string,
	qs: IDataObject,
	subject?: string,
): Promise<unknown> {
	return instaviewApiRequest.call(context, { method: 'GET', path, qs, subject, ...budgetedRequest(budget) });
}

/**
 * All interviews of one candidate, or undefined when the budget ran out before the last page
 * (the caller then leaves the candidate for the next poll; a half-read candidate is never
 * committed). Items that moved between pages are kept once. `pdfs` requests must remain
 * after each page (one PDF download when the analyses' PDFs are wanted).
 */
export async function readCandidateInterviews(
	context: IPollFunctions,
	budget: PollBudget,
	candidateId: string,
	pdfs = 0,
): Promise<IDataObject[] | undefined> {
	const byId = new Map<string, IDataObject>();
	for (let page = 1; ; page++) {
		if (!budget.canSpend(1 + pdfs, budget.spareAllowed)) return undefined;
		const body = await budgetedGet(context, budget, '/interviews', { candidateId, page, limit: MAX_PAGE_SIZE }, `candidate ${candidateId}`);
		const { items, hasNextPage } = readListPage(body, page, MAX_PAGE_SIZE);
		for (const item of items) byId.set(String(item.id), item);
		if (!hasNextPage) return [...byId.values()];
	}
}

/** The fields of a candidate the trigger watches (see `recordOf`). */
export function toSummary(item: IDataObject): CandidateSummary | undefined {
	if (typeof item.id !== 'string' || !item.id) return undefined;
	const count = Number(item.analysisCount);
	return {
		id: item.id,
		analysisCount: Number.isFinite(count) ? count : 0,
		interviewCount: item.interviewCount,
		overallRating: item.overallRating,
		updatedAt: item.updatedAt,
	};
}

export interface CandidatePage {
	candidates: CandidateSummary[];
	hasNextPage: boolean;
}

/** One page of the candidates list (filtered by job for the job scope). */
export async function readCandidatePage(
	context: IPollFunctions,
	budget: PollBudget,
	page: number,
	jobId: string | undefined,
): Promise<CandidatePage> {
	const qs: IDataObject = { page, limit: MAX_PAGE_SIZE };
	if (jobId) qs.jobId = jobId;
	const body = await budgetedGet(context, budget, '/candidates', qs, jobId ? `job ${jobId}` : undefined);
	const { items, hasNextPage } = readListPage(body, page, MAX_PAGE_SIZE);
	return { candidates: items.map(toSummary).filter((c): c is CandidateSummary => !!c), hasNextPage };
}
