import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { ANALYSIS_STATUS, isInFlightStatus, isTerminalStatus } from '../../helpers/analysisStatus';
import { isDataObject } from '../../transport';
import { analysisOf, compareAnalyses, matchesFilter, type AnalysisFilter, type AnalysisView } from '../output/analysis';
import { buildAnalysisItem, type OutputOptions } from '../output/item';
import { PeopleDirectory } from '../output/people';
import { PollBudget } from './budget';
import { budgetedGet, budgetedRequest, readCandidateInterviews, readCandidatePage, toSummary } from './reads';
import {
	advanceScan,
	commitCandidate,
	deferCandidate,
	forgetCandidate,
	initialState,
	isHandled,
	isNewSinceSeeding,
	migrateState,
	observeCandidate,
	writeState,
	type TriggerState,
} from './state';

export type PollScope = 'all' | 'job' | 'candidate';

/** Room kept per candidate read for its details: its record and (usually) one job. The exact count is reserved by people.plan(). */
const DETAIL_READS_PER_CANDIDATE = 2;

/** Candidate and job details read within this poll's budget, each at most once per poll. */
function peopleOfPoll(context: IPollFunctions, budget: PollBudget): PeopleDirectory {
	return new PeopleDirectory(async (path, subject) => await budgetedGet(context, budget, path, {}, subject));
}

/** Everything one poll needs to know from the trigger's fields. */
export interface PollOptions extends AnalysisFilter, OutputOptions {
	scope: PollScope;
	jobId?: string;
	candidateId?: string;
	emitExisting: boolean;
	maxRequests: number;
}

/** A finished analysis found by a poll, with the interview it belongs to. */
export interface Found {
	interview: IDataObject;
	analysis: AnalysisView;
}

export function scopeKeyOf(options: PollOptions): string {
	if (options.scope === 'job') return `job:${options.jobId ?? ''}`;
	if (options.scope === 'candidate') return `candidate:${options.candidateId ?? ''}`;
	return 'all';
}

/**
 * Judges every analysis of one fully read candidate: which to emit, which to record as
 * handled, and whether one is still PENDING/PROCESSING. Pure apart from reading `state`.
 */
export function judgeCandidate(
	state: TriggerState,
	options: PollOptions,
	candidateId: string,
	interviews: IDataObject[],
): { emit: Found[]; handled: string[]; pending: boolean; analyses: number } {
	const emit: Found[] = [];
	const handled: string[] = [];
	let pending = false;
	let analyses = 0;
	for (const interview of interviews) {
		const analysis = analysisOf(interview);
		if (!analysis) continue;
		analyses++;
		if (isInFlightStatus(analysis.status)) {
			pending = true;
			continue;
		}
		if (!isTerminalStatus(analysis.status) || isHandled(state, candidateId, analysis.id)) continue;
		handled.push(analysis.id);
		if (isNewSinceSeeding(state, analysis.updatedAt, options.emitExisting) && matchesFilter(options, interview, analysis)) {
			emit.push({ interview, analysis });
		}
	}
	return { emit, handled, pending, analyses };
}

/**
 * The budgeted work of one production poll, applied to `state` one finished unit at a time:
 * 1. candidates in `queue` (count rose, or an analysis not yet terminal);
 * 2. the candidates scan, at least one page per poll so a long queue cannot starve it, at
 *    most one full cycle, and at most half the budget while `verify` is not empty;
 *    candidates it queues are read in the same poll if the budget allows;
 * 3. `verify` with what is left.
 * A candidate that is gone (404) is forgotten; one whose read fails goes to the back.
 * Throws the request error; whatever was committed before stays in `state` and `found`.
 */
async function work(
	context: IPollFunctions,
	state: TriggerState,
	options: PollOptions,
	budget: PollBudget,
	found: Found[],
	fresh = false,
	people?: PeopleDirectory,
): Promise<void> {
	const visited = new Set<string>();
	// A fresh state's first request is always the scan (queue and verify are empty), so the
	// seeding boundary can move to InstaView's clock before any analysis is judged against it.
	const adoptServerClock = () => {
		if (fresh && budget.meter.firstServerTime !== undefined) {
			state.seededAt = new Date(budget.meter.firstServerTime).toISOString();
			fresh = false;
		}
	};
	const startCycle = state.scan.cycle;
	let scanDone = false;
	let scannedPages = 0;

	const readCandidate = async (candidateId: string): Promise<boolean> => {
		visited.add(candidateId);
		const read = await readCandidateInterviews(context, budget, candidateId, (options.downloadPdf ? 1 : 0) + (options.addDetails ? DETAIL_READS_PER_CANDIDATE : 0)).then(
			(interviews) => ({ interviews, error: undefined }),
			(error: unknown) => ({ interviews: undefined, error }),
		);
		if (read.error !== undefined) {
			// A deleted candidate has nothing left to emit; anything else is retried later,
			// behind the other candidates, so one failing candidate cannot block the rest.
			if ((read.error as { httpCode?: string }).httpCode === '404') {
				forgetCandidate(state, candidateId);
				return true;
			}
			deferCandidate(state, candidateId);
			throw read.error;
		}
		const interviews = read.interviews;
		if (!interviews) return false;
		const verdict = judgeCandidate(state, options, candidateId, interviews);
		commitCandidate(state, candidateId, verdict);
		found.push(...verdict.emit);
		// Each PDF to download later is a request this poll has already promised.
		if (options.downloadPdf) budget.reserved += verdict.emit.filter((entry) => entry.analysis.status === ANALYSIS_STATUS.COMPLETED).length;
		// So are the candidate and job reads of the details (each distinct one once per poll).
		if (options.addDetails && people) budget.reserved += people.plan(verdict.emit.map((entry) => entry.interview));
		return true;
	};

	while (budget.canSpend()) {
		const queued = state.queue.find((id) => !visited.has(id));
		// Keep one request for the scan until it has read a page in this poll.
		if (queued && (scanDone || scannedPages > 0 || budget.left > 1)) {
			if (!(await readCandidate(queued))) return;
			continue;
		}
		const toVerify = state.verify.find((id) => !visited.has(id));
		// While candidates wait for verification, the scan gets half the budget, so a large
		// company's scan cannot starve verification (and the reverse).
		if (!scanDone && (!toVerify || scannedPages < Math.ceil(budget.maxRequests / 2))) {
			if (options.scope === 'candidate') {
				const body = await budgetedGet(context, budget, `/candidates/${encodeURIComponent(options.candidateId ?? '')}`, {}, `candidate ${options.candidateId}`);
				adoptServerClock();
				const summary = isDataObject(body) ? toSummary(body) : undefined;
				if (summary) observeCandidate(state, summary.id, summary.analysisCount);
				advanceScan(state, false);
				scanDone = true;
				continue;
			}
			const page = await readCandidatePage(context, budget, state.scan.page, options.scope === 'job' ? options.jobId : undefined);
			adoptServerClock();
			for (const candidate of page.candidates) observeCandidate(state, candidate.id, candidate.analysisCount);
			advanceScan(state, page.hasNextPage);
			scannedPages++;
			if (state.scan.cycle !== startCycle) scanDone = true;
			continue;
		}
		if (!toVerify) return;
		if (!(await readCandidate(toVerify))) return;
	}
}

/** The items of one poll, in completion order, each with its PDF if asked (within the budget). */
async function buildItems(
	context: IPollFunctions,
	budget: PollBudget,
	options: PollOptions,
	found: Found[],
	people: PeopleDirectory,
): Promise<INodeExecutionData[]> {
	const sorted = [...found].sort((a, b) => compareAnalyses(a.analysis, b.analysis));
	const items: INodeExecutionData[] = [];
	for (const { interview, analysis } of sorted) {
		items.push(await buildAnalysisItem(context, interview, analysis.status, options, budgetedRequest(budget), people));
	}
	return items;
}

function loadState(context: IPollFunctions, options: PollOptions): { bucket: IDataObject; state: TriggerState; fresh: boolean } {
	const bucket = context.getWorkflowStaticData('node');
	const scopeKey = scopeKeyOf(options);
	const stored = migrateState(bucket);
	const fresh = !stored || stored.scopeKey !== scopeKey;
	return { bucket, state: fresh ? initialState(scopeKey, new Date()) : (stored as TriggerState), fresh };
}

/** One production poll. Returns null when nothing new was found. */
export async function pollProduction(
	context: IPollFunctions,
	options: PollOptions,
): Promise<INodeExecutionData[][] | null> {
	const { bucket, state, fresh } = loadState(context, options);
	const budget = PollBudget.forPoll(context, options.maxRequests);
	const found: Found[] = [];
	const people = peopleOfPoll(context, budget);
	let failure: unknown;
	try {
		await work(context, state, options, budget, found, fresh, people);
	} catch (error) {
		failure = error;
	}
	// Only finished units changed `state`, so it is safe to store even after a failure.
	writeState(bucket, state);
	if (failure !== undefined) {
		if (found.length === 0) throw failure;
		context.logger.warn(
			`InstaView Trigger: a request failed after ${budget.used} request(s); emitting the ${found.length} analysis(es) found so far, the rest follows next poll: ${(failure as Error).message}`,
		);
	}
	if (found.length === 0) return null;
	return [await buildItems(context, budget, options, found, people)];
}

/**
 * "Fetch test event": the most recently finished analysis that matches, found within the
 * request budget from the newest candidates. Never reads or writes the trigger state.
 */
export async function pollManual(
	context: IPollFunctions,
	options: PollOptions,
): Promise<INodeExecutionData[][] | null> {
	const budget = PollBudget.forPoll(context, options.maxRequests);
	// The test event's candidate and job reads come out of the same budget.
	if (options.addDetails) budget.reserved += DETAIL_READS_PER_CANDIDATE;
	const manual: PollOptions = { ...options, emitExisting: true };
	const empty = initialState('manual', new Date(0));
	let best: Found | undefined;
	const consider = (candidateId: string, interviews: IDataObject[]) => {
		for (const entry of judgeCandidate(empty, manual, candidateId, interviews).emit) {
			if (!best || compareAnalyses(best.analysis, entry.analysis) < 0) best = entry;
		}
	};

	if (options.scope === 'candidate') {
		const interviews = await readCandidateInterviews(context, budget, options.candidateId ?? '');
		if (interviews) consider(options.candidateId ?? '', interviews);
	} else {
		for (let page = 1; budget.canSpend(); page++) {
			const { candidates, hasNextPage } = await readCandidatePage(context, budget, page, options.scope === 'job' ? options.jobId : undefined);
			for (const candidate of candidates) {
				if (candidate.analysisCount <= 0) continue;
				const interviews = await readCandidateInterviews(context, budget, candidate.id);
				if (!interviews) break;
				consider(candidate.id, interviews);
			}
			if (!hasNextPage) break;
		}
	}
	if (!best) return null;
	return [await buildItems(context, budget, options, [best], peopleOfPoll(context, budget))];
}
