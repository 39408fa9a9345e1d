import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { ANALYSIS_STATUS, isInFlightStatus, isTerminalStatus } from '../../helpers/analysisStatus';
import { isDataObject, RequestNotSentError } from '../../transport';
import { analysisOf, compareAnalyses, matchesFilter, type AnalysisFilter, type AnalysisView } from '../output/analysis';
import { buildAnalysisItem, type OutputOptions } from '../output/item';
import { PeopleDirectory } from '../output/people';
import { PollBudget } from './budget';
import { sharesOf, type WorkClass } from './shares';
import { migrateState, writeState } from './storage';
import { budgetedGet, budgetedRequest, readCandidateInterviews, readCandidatePage, toSummary, type CandidatePage } from './reads';
import {
	advanceScan,
	advanceWalk,
	commitCandidate,
	deferCandidate,
	finishCheckIfDone,
	forgetCandidate,
	initialState,
	isHandled,
	isNewSinceSeeding,
	MIN_WALK_CYCLE_POLLS,
	observeCandidate,
	postponeEmission,
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
	/** Whether the activation check may use the spare the rate-limit headers show (default budget only). */
	useSpare: boolean;
}

/** A finished analysis found by a poll, with the interview it belongs to. */
export interface Found {
	candidateId: string;
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
 * handled, and whether one is still PENDING/PROCESSING. Analyses that finished before
 * activation are neither emitted nor recorded. Pure apart from reading `state`.
 */
export function judgeCandidate(
	state: TriggerState,
	options: PollOptions,
	candidateId: string,
	interviews: IDataObject[],
): { emit: Found[]; handled: string[]; pending: boolean } {
	const emit: Found[] = [];
	const handled: string[] = [];
	let pending = false;
	for (const interview of interviews) {
		const analysis = analysisOf(interview);
		if (!analysis) continue;
		if (isInFlightStatus(analysis.status)) {
			pending = true;
			continue;
		}
		if (!isTerminalStatus(analysis.status) || isHandled(state, candidateId, analysis.id)) continue;
		if (!isNewSinceSeeding(state, analysis.updatedAt, options.emitExisting)) continue;
		handled.push(analysis.id);
		if (matchesFilter(options, interview, analysis)) emit.push({ candidateId, interview, analysis });
	}
	return { emit, handled, pending };
}

type UnitResult = 'done' | 'nothing' | 'stopped';

/**
 * The budgeted work of one production poll, applied to `state` one finished unit at a time.
 * First every kind of work gets its share (`sharesOf`); then what is left goes, live, to changed
 * candidates, the scan (up to one cycle) and due re-checks; while seeding, to re-checks, changed
 * candidates, the scan's first cycle and the activation check, which at the default budget may
 * also use the spare the rate-limit headers show.
 * A candidate that is gone (404) is forgotten; one whose read fails goes to the back.
 * Throws the request error (or RequestNotSentError when the budget or quota stopped a
 * request); whatever was committed before stays in `state` and `found`.
 */
async function work(
	context: IPollFunctions,
	state: TriggerState,
	options: PollOptions,
	budget: PollBudget,
	found: Found[],
	fresh: boolean,
	people?: PeopleDirectory,
): Promise<void> {
	const visited = new Set<string>();
	const seeding = state.checking;
	// Requests each candidate read must leave for what its emissions may need later in the poll.
	const promised = (options.downloadPdf ? 1 : 0) + (options.addDetails ? DETAIL_READS_PER_CANDIDATE : 0);
	// A fresh state's first request is always the scan (nothing is queued yet), so the seeding
	// boundary moves to InstaView's clock before any analysis is judged against it.
	const adoptServerClock = () => {
		if (fresh && budget.meter.firstServerTime !== undefined) {
			state.seededAt = new Date(budget.meter.firstServerTime).toISOString();
			fresh = false;
		}
	};
	const startCycle = state.scan.cycle;
	const startWalkCycle = state.walk.cycle;
	// A candidate the scan meets with analyses and no record is read at once, unless the
	// activation check is still to reach its page (then the check reads it): while seeding, a
	// page before the check's cursor was passed when the candidate had no analyses yet.
	const discover = (page: number) => !state.checking || state.scan.cycle > 0 || state.walk.cycle > 0 || page < state.walk.page;

	const readPage = async (page: number): Promise<CandidatePage> => {
		if (options.scope === 'candidate') {
			const body = await budgetedGet(context, budget, `/candidates/${encodeURIComponent(options.candidateId ?? '')}`, {}, `candidate ${options.candidateId}`);
			const summary = isDataObject(body) ? toSummary(body) : undefined;
			return { candidates: summary ? [summary] : [], hasNextPage: false };
		}
		return readCandidatePage(context, budget, page, options.scope === 'job' ? options.jobId : undefined);
	};

	const readCandidate = async (candidateId: string): Promise<UnitResult> => {
		visited.add(candidateId);
		const read = await readCandidateInterviews(context, budget, candidateId, promised).then(
			(interviews) => ({ interviews, error: undefined }),
			(error: unknown) => ({ interviews: undefined, error }),
		);
		if (read.error !== undefined) {
			if (read.error instanceof RequestNotSentError) throw read.error;
			// A deleted candidate has nothing left to emit; anything else is retried later,
			// behind the other candidates, so one failing candidate cannot block the rest.
			if ((read.error as { httpCode?: string }).httpCode === '404') {
				forgetCandidate(state, candidateId);
				return 'done';
			}
			deferCandidate(state, candidateId);
			throw read.error;
		}
		if (!read.interviews) return 'stopped';
		const verdict = judgeCandidate(state, options, candidateId, read.interviews);
		commitCandidate(state, candidateId, verdict);
		finishCheckIfDone(state);
		found.push(...verdict.emit);
		// Each PDF to download later is a request this poll has already promised.
		if (options.downloadPdf) budget.reserved += verdict.emit.filter((entry) => entry.analysis.status === ANALYSIS_STATUS.COMPLETED).length;
		// So are the candidate and job reads of the details (each distinct one once per poll).
		if (options.addDetails && people) budget.reserved += people.plan(verdict.emit.map((entry) => entry.interview));
		return 'done';
	};

	const units: Record<WorkClass, () => Promise<UnitResult>> = {
		changed: async () => {
			const next = state.queue.find((entry) => entry.age === 0 && !visited.has(entry.id));
			return next ? readCandidate(next.id) : 'nothing';
		},
		pending: async () => {
			const due = state.queue.filter((entry) => entry.age > 0 && entry.due <= state.poll && !visited.has(entry.id));
			if (!due.length) return 'nothing';
			return readCandidate(due.reduce((oldest, entry) => (entry.due < oldest.due ? entry : oldest)).id);
		},
		scan: async () => {
			if (state.scan.cycle !== startCycle) return 'nothing';
			const scanned = state.scan.page;
			const page = await readPage(scanned);
			adoptServerClock();
			for (const candidate of page.candidates) observeCandidate(state, candidate, discover(scanned));
			advanceScan(state, page.hasNextPage);
			return 'done';
		},
		walk: async () => {
			const next = state.first.find((id) => !visited.has(id)) ?? state.walk.ids.find((id) => !visited.has(id));
			if (next) return readCandidate(next);
			// At most one walk cycle per poll, and re-verification cycles no closer than MIN_WALK_CYCLE_POLLS.
			if (state.walk.page === 1 && (state.walk.cycle !== startWalkCycle || (!state.checking && state.poll - state.walk.since < MIN_WALK_CYCLE_POLLS))) {
				return 'nothing';
			}
			const page = await readPage(state.walk.page);
			adoptServerClock();
			// The walk reads this page's candidates with analyses itself.
			for (const candidate of page.candidates) observeCandidate(state, candidate, false);
			const toRead = page.candidates.filter((candidate) => candidate.analysisCount > 0 && !visited.has(candidate.id)).map((candidate) => candidate.id);
			advanceWalk(state, toRead, page.hasNextPage);
			finishCheckIfDone(state);
			return 'done';
		},
	};

	const shares = sharesOf(budget.maxRequests, seeding);
	const spent: Record<WorkClass, number> = { changed: 0, scan: 0, pending: 0, walk: 0 };
	// While seeding, the scan's first cycle goes first: it finds the candidates most likely to
	// have an analysis in flight (analyses but no rating), which the activation check reads first.
	const firstCycle = seeding && state.scan.cycle === 0;
	// Live, the scan goes before further re-checks: a new analysis must not wait behind many stuck ones.
	const leftovers: WorkClass[] = seeding ? ['pending', 'changed', ...(firstCycle ? (['scan'] as WorkClass[]) : []), 'walk', 'scan'] : ['changed', 'scan', 'pending'];
	const plan: Array<[WorkClass, number]> = [
		...(['changed', 'pending', 'scan', 'walk'] as WorkClass[]).map((kind): [WorkClass, number] => [kind, shares[kind]]),
		...leftovers.map((kind): [WorkClass, number] => [kind, Number.POSITIVE_INFINITY]),
	];
	for (const [kind, share] of plan) {
		// Only the activation check, and the re-checks of what it found in flight, may go past
		// the cap, into the spare the headers show.
		budget.spareAllowed = seeding && options.useSpare && (kind === 'walk' || kind === 'pending' || (kind === 'scan' && firstCycle));
		while (spent[kind] < share && budget.canSpend(1 + (kind === 'scan' ? 0 : promised), budget.spareAllowed)) {
			const before = budget.used;
			const result = await units[kind]();
			spent[kind] += budget.used - before;
			if (result === 'stopped') return;
			if (result === 'nothing') break;
		}
	}
	budget.spareAllowed = false;
}

/** An item whose PDF request was never sent becomes undefined; any other failure is passed on. */
async function notSentAsUndefined(error: unknown): Promise<undefined> {
	if (error instanceof RequestNotSentError) return undefined;
	return await Promise.reject(error);
}

/**
 * The items of one poll, in completion order, each with its PDF if asked (within the budget).
 * An analysis whose PDF request the cap or the quota stopped before it was sent is not emitted
 * without it: it is postponed to the next poll (see `postponeEmission`), so a workflow that
 * reads the PDF never gets an item without one for a reason that passes by itself.
 */
async function buildItems(
	context: IPollFunctions,
	budget: PollBudget,
	state: TriggerState,
	options: PollOptions,
	found: Found[],
	people: PeopleDirectory,
): Promise<{ items: INodeExecutionData[]; postponed: number }> {
	const sorted = [...found].sort((a, b) => compareAnalyses(a.analysis, b.analysis));
	// The requests promised to these PDFs are now spent on them.
	budget.reserved = 0;
	const items: INodeExecutionData[] = [];
	let postponed = 0;
	for (const { candidateId, interview, analysis } of sorted) {
		const item = await buildAnalysisItem(context, interview, analysis.status, options, budgetedRequest(budget), people).catch(notSentAsUndefined);
		if (item) {
			items.push(item);
		} else {
			postponeEmission(state, candidateId, analysis.id);
			postponed++;
		}
	}
	return { items, postponed };
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
	const budget = await PollBudget.forPoll(context, options.maxRequests);
	state.poll++;
	const found: Found[] = [];
	const people = peopleOfPoll(context, budget);
	let failure: unknown;
	try {
		await work(context, state, options, budget, found, fresh, people);
	} catch (error) {
		// The budget or the key's quota stopped a request before it was sent: not a failure, the
		// next poll resumes from the state kept here.
		if (!(error instanceof RequestNotSentError)) failure = error;
	}
	if (budget.quotaSpent) {
		context.logger.info(
			`InstaView Trigger: the API key's rate limit is down to the reserve kept for other workflows; this poll sent ${budget.used} request(s) and the next one continues`,
		);
	}
	// Only finished units changed `state`, so it is safe to store even after a failure. A poll
	// that sent nothing (the quota was known to be spent) leaves the stored state as it was.
	if (budget.used > 0) writeState(bucket, state);
	if (failure !== undefined) {
		if (found.length === 0) throw failure;
		context.logger.warn(
			`InstaView Trigger: a request failed after ${budget.used} request(s); emitting the ${found.length} analysis(es) found so far, the rest follows next poll: ${(failure as Error).message}`,
		);
	}
	if (found.length === 0) return null;
	const { items, postponed } = await buildItems(context, budget, state, options, found, people);
	if (postponed > 0) {
		writeState(bucket, state);
		context.logger.info(
			`InstaView Trigger: ${postponed} analysis(es) found but not emitted yet: the poll's request cap or the key's rate limit left no request for their PDF; the next poll emits them`,
		);
	}
	return items.length ? [items] : null;
}

/**
 * "Fetch test event": the most recently finished analysis that matches, found within the
 * request budget from the newest candidates. Never reads or writes the trigger state.
 */
export async function pollManual(
	context: IPollFunctions,
	options: PollOptions,
): Promise<INodeExecutionData[][] | null> {
	const budget = await PollBudget.forPoll(context, options.maxRequests);
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
	const people = peopleOfPoll(context, budget);
	budget.reserved = 0;
	const item = await buildAnalysisItem(context, best.interview, best.analysis.status, options, budgetedRequest(budget), people).catch(notSentAsUndefined);
	if (item) return [[item]];
	// A test event is shown anyway, saying why its PDF is missing.
	const withoutPdf = await buildAnalysisItem(context, best.interview, best.analysis.status, { ...options, downloadPdf: false }, budgetedRequest(budget), people);
	withoutPdf.json.pdfError = 'No request was left for the PDF within Max Requests per Poll or the API key\'s rate limit; active polls emit the analysis once its PDF can be read';
	return [[withoutPdf]];
}
