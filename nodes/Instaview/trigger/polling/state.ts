/**
 * State of the InstaView Trigger, kept in the node's static data (plain JSON, `v: 2`).
 *
 * Why this shape: InstaView has no feed of analyses. GET /interviews needs a candidateId and
 * has no sort or date filter, so the trigger scans the candidates list and reads a candidate's
 * interviews only when something tells it to:
 * - its signature changed: `analysisCount` (rises when an analysis is created, as PENDING),
 *   plus `interviewCount`, `overallRating` and `updatedAt`, which may move with an analysis
 *   (not promised by the docs, so they only add reasons to read, never remove one);
 * - one of its analyses is still PENDING/PROCESSING (completion changes no count): it stays in
 *   `queue` and is re-read with a back-off that grows with its age (see `recheckGap`);
 * - the walk reaches it: a second, slow pass over the candidates list that reads every
 *   candidate with analyses. Its first cycle is the activation check (which analyses were in
 *   flight at activation); after that it re-verifies everything on a small fixed share, so what
 *   the signals miss (an analysed interview deleted and another analysis created between two
 *   scans leaves every count unchanged) is still found within a bounded number of polls.
 *
 * Stored fields:
 * - `cands`: one string of 9-character records, sorted: 7 base64url characters (42 bits) of
 *   the SHA-256 of the candidate id, one for `analysisCount` (capped at 63) and one (6 bits) of
 *   a hash of the signature. Only candidates that have had analyses are stored (10,000 → 90 KB).
 *   Two candidates sharing a key (odds ~1 in 10^5 at 10,000) cost extra reads, not misses.
 * - `handled[k]`: 5 base64url characters (30 bits) of the SHA-256 of each analysis emitted or
 *   deliberately skipped after activation. Analyses that finished before activation are not
 *   recorded: the `seededAt` rule already keeps them out.
 * - `queue`: `[candidateId, duePoll, age]`: age 0 = a signature changed (read first), age ≥ 1 =
 *   an analysis was still in flight at the age-th read.
 * - `scan`: `[page, cycle]` of the signature scan; `walk`: `[page, cycle, since, ...ids]` with
 *   the poll its cycle began at and the ids of its current page still to read; `first`: ids the activation check reads before its pages
 *   (candidates with analyses but no rating: most likely to have one in flight).
 * - `seededAt`: InstaView's time when seeding began (its first answer's timestamp). A terminal
 *   analysis whose `general.updatedAt` is before it finished before activation: it is never
 *   emitted (unless "Emit Existing Analyses" is on). Taking the time from InstaView's answer
 *   keeps clock skew between n8n and InstaView out of it.
 * - `phase`: 'seeding' until the scan's first cycle is done (as in v1); `checking`: until the
 *   activation check is done. `poll`: production polls so far (queue due times count polls);
 *   `scopeKey`: a different scope starts seeding again.
 *
 * Work is committed per unit (a page, or a candidate whose interview pages were all read), so a
 * poll that fails half-way keeps what it finished and redoes only the rest. Callers must always
 * assign whole new values to static data (see `writeState`).
 *
 * Known limits (documented, not solved): an analysis finished in the very millisecond of
 * `seededAt` counts as new, even if it finished just before; an analysis skipped as FAILED
 * under "Completed" is not emitted if InstaView later re-runs it to COMPLETED under the same id;
 * the walk follows list pages, so while candidates are deleted a candidate can slip past one
 * walk cycle (it is read in the next).
 */
import { createHash } from 'crypto';

export const STATE_VERSION = 2;

export const KEY_LENGTH = 7;
export const ANALYSIS_KEY_LENGTH = 5;
export const RECORD_LENGTH = KEY_LENGTH + 2;
export const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Signature character of a record migrated from v1, which stored only the count. */
export const UNKNOWN_SIGNATURE = '.';
/** At most this many candidates are read before the activation check's pages. */
export const MAX_FIRST = 100;
/** Longest gap, in polls, between two re-checks of a candidate whose analysis stays in flight. */
export const MAX_RECHECK_GAP = 4;
/** Re-checks at every poll before the back-off starts. */
export const EAGER_RECHECKS = 4;
/** Fewest polls between the starts of two re-verification cycles (an hour at one poll a minute). */
export const MIN_WALK_CYCLE_POLLS = 60;

export interface QueueEntry {
	id: string;
	/** Poll number from which it may be read again. */
	due: number;
	/** 0: its signature changed; n ≥ 1: an analysis was still in flight at its n-th read. */
	age: number;
}

export interface TriggerState {
	v: 2;
	scopeKey: string;
	/** 'seeding' until the scan's first cycle is done (as in v1). */
	phase: 'seeding' | 'live';
	/** Whether the activation check (the walk's first cycle) is still running. */
	checking: boolean;
	seededAt: string;
	poll: number;
	scan: { page: number; cycle: number };
	/** `since`: the poll at which the current walk cycle began. */
	walk: { page: number; cycle: number; since: number; ids: string[] };
	first: string[];
	/** Candidate key → count character + signature character. */
	cands: Map<string, string>;
	handled: Record<string, string>;
	queue: QueueEntry[];
}

/** What the candidates list says of one candidate. */
export interface CandidateSummary {
	id: string;
	analysisCount: number;
	interviewCount?: unknown;
	overallRating?: unknown;
	updatedAt?: unknown;
}

function digest(id: string, characters: number): string {
	return createHash('sha256').update(id.replace(/-/g, '').toLowerCase()).digest('base64url').slice(0, characters);
}

/** 42 bits: unique among a company's candidates (a shared key only costs extra reads). */
export function candidateKey(candidateId: string): string {
	return digest(candidateId, KEY_LENGTH);
}

/** 30 bits: only needs to be unique among one candidate's analyses. */
export function analysisKey(analysisId: string): string {
	return digest(analysisId, ANALYSIS_KEY_LENGTH);
}

/** Count character and signature character of a candidate as the list shows it. */
export function recordOf(summary: CandidateSummary): string {
	const count = ALPHABET[Math.min(63, Math.max(0, Math.floor(summary.analysisCount)))];
	const signed = JSON.stringify([summary.analysisCount, summary.interviewCount ?? null, summary.overallRating ?? null, summary.updatedAt ?? null]);
	return count + createHash('sha256').update(signed).digest('base64url')[0];
}

/** Polls to wait before re-reading a candidate whose analysis was still in flight at its `age`-th read. */
export function recheckGap(age: number): number {
	return age <= EAGER_RECHECKS ? 1 : Math.min(MAX_RECHECK_GAP, 2 ** (age - EAGER_RECHECKS));
}

export function initialState(scopeKey: string, now: Date): TriggerState {
	return {
		v: 2,
		scopeKey,
		phase: 'seeding',
		checking: true,
		seededAt: now.toISOString(),
		poll: 0,
		scan: { page: 1, cycle: 0 },
		walk: { page: 1, cycle: 0, since: 0, ids: [] },
		first: [],
		cands: new Map(),
		handled: {},
		queue: [],
	};
}

function enqueue(state: TriggerState, candidateId: string, due: number, age?: number): void {
	const existing = state.queue.find((entry) => entry.id === candidateId);
	if (existing) {
		existing.due = Math.min(existing.due, due);
		if (age !== undefined) existing.age = age;
		return;
	}
	state.queue.push({ id: candidateId, due, age: age ?? 0 });
}

/**
 * Applies one candidate seen in a list page: stores its record and queues it for reading when
 * its signature changed, or when it is new with analyses and `discover` is on (once the first
 * scan cycle is done; before, the activation check covers it). While seeding, a candidate with
 * analyses and no rating is put on the activation check's `first` list.
 */
export function observeCandidate(state: TriggerState, summary: CandidateSummary, discover: boolean): boolean {
	const key = candidateKey(summary.id);
	const stored = state.cands.get(key);
	if (summary.analysisCount <= 0 && stored === undefined) return false;
	const record = recordOf(summary);
	if (stored === record) return false;
	state.cands.set(key, record);
	if (stored === undefined) {
		if (state.checking && state.walk.cycle === 0 && summary.overallRating == null && state.first.length < MAX_FIRST && !state.first.includes(summary.id)) {
			state.first.push(summary.id);
		}
		if (!discover) return false;
	} else if (stored[1] === UNKNOWN_SIGNATURE && stored[0] === record[0]) {
		// Migrated from v1, which knew only the count: the same count is no news.
		return false;
	}
	if (summary.analysisCount <= 0) return false;
	// Age 0: read with the changed candidates, ahead of (and restarting) any back-off.
	enqueue(state, summary.id, state.poll, 0);
	return true;
}

/** The analysis keys recorded as handled for one candidate (packed 5 characters each). */
function handledKeysOf(state: TriggerState, candidateId: string): string[] {
	const list = state.handled[candidateKey(candidateId)] ?? '';
	const keys: string[] = [];
	for (let at = 0; at < list.length; at += ANALYSIS_KEY_LENGTH) keys.push(list.slice(at, at + ANALYSIS_KEY_LENGTH));
	return keys;
}

export function isHandled(state: TriggerState, candidateId: string, analysisId: string): boolean {
	return handledKeysOf(state, candidateId).includes(analysisKey(analysisId));
}

export interface CandidateOutcome {
	/** Analyses to mark handled (emitted or skipped). */
	handled: string[];
	/** Whether an analysis is still PENDING/PROCESSING (keep watching the candidate). */
	pending: boolean;
}

function removeId(list: string[], candidateId: string): string[] {
	return list.includes(candidateId) ? list.filter((id) => id !== candidateId) : list;
}

/**
 * Commits one fully read candidate: records handled analyses, takes it off the walk's and the
 * activation check's lists, and keeps it queued only while an analysis is in flight, due again
 * after a gap that grows with the number of reads that found it in flight.
 */
export function commitCandidate(state: TriggerState, candidateId: string, outcome: CandidateOutcome): void {
	const key = candidateKey(candidateId);
	for (const id of new Set(outcome.handled)) {
		if (!isHandled(state, candidateId, id)) state.handled[key] = (state.handled[key] ?? '') + analysisKey(id);
	}
	state.walk.ids = removeId(state.walk.ids, candidateId);
	state.first = removeId(state.first, candidateId);
	const entry = state.queue.find((queued) => queued.id === candidateId);
	state.queue = state.queue.filter((queued) => queued.id !== candidateId);
	if (outcome.pending) {
		const age = (entry?.age ?? 0) + 1;
		state.queue.push({ id: candidateId, due: state.poll + recheckGap(age), age });
	}
}

/**
 * Takes back one emission this poll could not complete (its PDF request was stopped by the
 * poll's cap or the key's quota before it was sent): the analysis is no longer handled, and its
 * candidate is read again first thing next poll, which emits it then, once.
 */
export function postponeEmission(state: TriggerState, candidateId: string, analysisId: string): void {
	const key = candidateKey(candidateId);
	const kept = handledKeysOf(state, candidateId).filter((entry) => entry !== analysisKey(analysisId)).join('');
	if (kept) state.handled[key] = kept;
	else delete state.handled[key];
	enqueue(state, candidateId, state.poll + 1, 0);
}

/** After a failed read: the candidate waits for the next poll, behind the others. */
export function deferCandidate(state: TriggerState, candidateId: string): void {
	const entry = state.queue.find((queued) => queued.id === candidateId);
	if (entry) {
		state.queue = [...state.queue.filter((queued) => queued !== entry), { ...entry, due: Math.max(entry.due, state.poll + 1) }];
	}
	if (state.walk.ids.includes(candidateId)) state.walk.ids = [...removeId(state.walk.ids, candidateId), candidateId];
	if (state.first.includes(candidateId)) state.first = [...removeId(state.first, candidateId), candidateId];
}

/** Drops a candidate InstaView no longer has (404): nothing of it can be emitted any more. */
export function forgetCandidate(state: TriggerState, candidateId: string): void {
	const key = candidateKey(candidateId);
	state.cands.delete(key);
	delete state.handled[key];
	state.queue = state.queue.filter((queued) => queued.id !== candidateId);
	state.walk.ids = removeId(state.walk.ids, candidateId);
	state.first = removeId(state.first, candidateId);
}

/** The scan finished a page: move to the next one, or start a new cycle. */
export function advanceScan(state: TriggerState, hasNextPage: boolean): void {
	if (hasNextPage && state.scan.page < 10000) {
		state.scan = { page: state.scan.page + 1, cycle: state.scan.cycle };
		return;
	}
	state.scan = { page: 1, cycle: state.scan.cycle + 1 };
	state.phase = 'live';
}

/** The walk read a page: its candidates with analyses are to be read; a last page ends the cycle. */
export function advanceWalk(state: TriggerState, idsToRead: string[], hasNextPage: boolean): void {
	const ids = [...new Set([...state.walk.ids, ...idsToRead])];
	if (hasNextPage && state.walk.page < 10000) {
		state.walk = { ...state.walk, page: state.walk.page + 1, ids };
		return;
	}
	state.walk = { page: 1, cycle: state.walk.cycle + 1, since: state.poll, ids };
}

/** Ends the activation check once it has read every candidate it found. */
export function finishCheckIfDone(state: TriggerState): void {
	if (state.checking && state.walk.cycle > 0 && state.walk.ids.length === 0 && state.first.length === 0) {
		state.checking = false;
	}
}

/** Whether a terminal analysis counts as new, i.e. finished after the trigger was activated. */
export function isNewSinceSeeding(state: TriggerState, updatedAt: string, emitExisting: boolean): boolean {
	if (emitExisting) return true;
	const at = Date.parse(updatedAt);
	// No usable time: treat as new (a rare duplicate beats a silent miss).
	if (Number.isNaN(at)) return true;
	// Inclusive: seededAt is the time of InstaView's first answer, so an analysis stamped in that
	// same millisecond may have finished after it; emitting it beats missing it.
	return at >= Date.parse(state.seededAt);
}
