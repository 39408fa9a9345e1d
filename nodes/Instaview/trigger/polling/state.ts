/**
 * State of the InstaView Trigger, kept in the node's static data (plain JSON, `v: 1`).
 *
 * Why this shape: InstaView has no feed of analyses. GET /interviews needs a candidateId and
 * has no sort or date filter, so the trigger watches each candidate's `analysisCount` (it
 * rises when an analysis is CREATED, as PENDING) and reads a candidate's interviews only when
 * that count rose, or while one of its analyses is still PENDING/PROCESSING (completion
 * changes no count, so such a candidate stays in `queue` until every analysis is terminal).
 *
 * - `known[k]` = `[analysisCount, ...handled]`, where `k` is 11 base64url characters (66 bits)
 *   of the SHA-256 of the candidate id and `handled` holds 6 characters (36 bits) of the SHA-256
 *   of each analysis already emitted or deliberately skipped (unique among one candidate's). One entry per candidate that has
 *   analyses; candidates with none are not stored. Hashing, not id prefixes: ids that share a
 *   prefix (time-ordered UUIDs, or ids made by hand) would otherwise share an entry, and a
 *   shared count can hide a rise. At 10,000 candidates the chance that any two keys collide is
 *   below 1 in 10^12; short keys keep the state near 30 bytes a candidate.
 * - `queue`: full candidate ids whose interviews must be read (count rose, or not terminal).
 * - `verify`: candidates that had analyses when seeding began; their states at activation are
 *   unknown, so they are read lazily with leftover budget.
 * - `scan`: next page of the candidates scan; one scan cycle may span several polls.
 * - `seededAt`: InstaView's time when seeding began (its first answer's timestamp). A terminal analysis whose `general.updatedAt`
 *   is not after it finished before activation: it is recorded, not emitted (unless "Emit
 *   Existing Analyses" is on). The same rule also guards candidates the scan first meets with
 *   analyses in the live phase (e.g. skipped while a deletion shifted the pages), so old
 *   analyses are never emitted as new. Taking the time from InstaView's answer (envelope
 *   `timestamp`, else the Date header) keeps clock skew between n8n and InstaView out of it.
 * - `scopeKey`: a different scope (all / job / candidate) starts seeding again.
 *
 * Work is committed per unit (a scanned page, or a candidate whose interview pages were all
 * read), so a poll that fails half-way keeps what it finished and redoes only the rest.
 * Callers must always assign whole new values to static data (see `writeState`).
 *
 * Known limits (documented, not solved): an analysis finished in the very millisecond of
 * `seededAt` counts as new, even if it finished just before; if an analysed interview is deleted and another analysis is created between
 * two scans of that candidate, the count is unchanged and the new one is only found when the
 * candidate is read for another reason; an analysis skipped as FAILED under "Completed" is
 * not emitted if InstaView later re-runs it to COMPLETED under the same id; with Download
 * PDF, a candidate with several new analyses can exceed the request cap by those PDFs.
 * Cost: an idle poll reads min(budget, pages left in the cycle) candidate pages of 100; the
 * stored state is about 30 bytes per candidate with analyses (10,000 → ~300 KB).
 */
import { createHash } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

export const STATE_VERSION = 1;

export type KnownEntry = [number, ...string[]];

export interface TriggerState {
	v: 1;
	scopeKey: string;
	phase: 'seeding' | 'live';
	/** ISO time when seeding began. */
	seededAt: string;
	scan: { page: number; cycle: number };
	known: Record<string, KnownEntry>;
	queue: string[];
	verify: string[];
}

function digest(id: string, characters: number): string {
	return createHash('sha256').update(id.replace(/-/g, '').toLowerCase()).digest('base64url').slice(0, characters);
}

/** 66 bits: unique among a company's candidates (two keys in 100,000 collide with odds ~1 in 10^10). */
export function candidateKey(candidateId: string): string {
	return digest(candidateId, 11);
}

/** 36 bits: only needs to be unique among one candidate's analyses. */
export function analysisKey(analysisId: string): string {
	return digest(analysisId, 6);
}

export function initialState(scopeKey: string, now: Date): TriggerState {
	return {
		v: 1,
		scopeKey,
		phase: 'seeding',
		seededAt: now.toISOString(),
		scan: { page: 1, cycle: 0 },
		known: {},
		queue: [],
		verify: [],
	};
}

const isStringArray = (value: unknown): value is string[] =>
	Array.isArray(value) && value.every((entry) => typeof entry === 'string');

function isKnownEntry(value: unknown): value is KnownEntry {
	return (
		Array.isArray(value) &&
		value.length >= 1 &&
		typeof value[0] === 'number' &&
		Number.isFinite(value[0]) &&
		value.slice(1).every((entry) => typeof entry === 'string')
	);
}

/**
 * Reads stored static data into a fresh copy (never the stored objects themselves). Returns
 * undefined when there is no usable state, which makes the next production poll seed again.
 * Later versions add a branch here that converts v1 to vN.
 */
export function migrateState(raw: IDataObject | undefined): TriggerState | undefined {
	if (!raw || raw.v !== STATE_VERSION) return undefined;
	const { scopeKey, phase, seededAt, scan, known, queue, verify } = raw as Record<string, unknown>;
	if (typeof scopeKey !== 'string' || (phase !== 'seeding' && phase !== 'live')) return undefined;
	if (typeof seededAt !== 'string' || Number.isNaN(Date.parse(seededAt))) return undefined;
	const scanObject = (scan ?? {}) as Record<string, unknown>;
	const page = Number(scanObject.page);
	const cycle = Number(scanObject.cycle);
	const knownCopy: Record<string, KnownEntry> = {};
	if (known && typeof known === 'object' && !Array.isArray(known)) {
		for (const [key, entry] of Object.entries(known)) {
			if (isKnownEntry(entry)) knownCopy[key] = [...entry];
		}
	}
	return {
		v: 1,
		scopeKey,
		phase,
		seededAt,
		// Self-healing: a damaged cursor restarts the scan rather than blocking it.
		scan: {
			page: Number.isInteger(page) && page >= 1 && page <= 10000 ? page : 1,
			cycle: Number.isInteger(cycle) && cycle >= 0 ? cycle : 0,
		},
		known: knownCopy,
		queue: isStringArray(queue) ? [...new Set(queue)] : [],
		verify: isStringArray(verify) ? [...new Set(verify)] : [],
	};
}

/** Writes every field as a new value (n8n only notices reassignments, not in-place edits). */
export function writeState(target: IDataObject, state: TriggerState): void {
	const copy = JSON.parse(JSON.stringify(state)) as IDataObject;
	for (const key of Object.keys(target)) {
		if (!(key in copy)) delete target[key];
	}
	for (const [key, value] of Object.entries(copy)) target[key] = value;
}

export type ScanVerdict = 'none' | 'verify' | 'queue';

/**
 * Applies one candidate from the scan: stores its count and says whether its interviews must
 * be read. While seeding, a candidate first seen with analyses is to be verified; otherwise a
 * count above the stored one (unknown = 0) queues it.
 */
export function observeCandidate(state: TriggerState, candidateId: string, analysisCount: number): ScanVerdict {
	const key = candidateKey(candidateId);
	const entry = state.known[key];
	if (analysisCount <= 0) {
		if (entry) {
			const { [key]: _removed, ...rest } = state.known;
			void _removed;
			state.known = rest;
		}
		return 'none';
	}
	const stored = entry ? entry[0] : 0;
	if (analysisCount !== stored) {
		state.known = { ...state.known, [key]: [analysisCount, ...(entry ? entry.slice(1) : [])] as KnownEntry };
	}
	if (!entry && state.phase === 'seeding') {
		if (!state.verify.includes(candidateId) && !state.queue.includes(candidateId)) {
			state.verify = [...state.verify, candidateId];
		}
		return 'verify';
	}
	if (analysisCount > stored) {
		if (!state.queue.includes(candidateId)) state.queue = [...state.queue, candidateId];
		return 'queue';
	}
	return 'none';
}

export function isHandled(state: TriggerState, candidateId: string, analysisId: string): boolean {
	const entry = state.known[candidateKey(candidateId)];
	return !!entry && entry.indexOf(analysisKey(analysisId), 1) > 0;
}

export interface CandidateOutcome {
	/** Analyses to mark handled (emitted or skipped). */
	handled: string[];
	/** Whether an analysis is still PENDING/PROCESSING (keep watching the candidate). */
	pending: boolean;
	/** Number of analyses seen, to keep the stored count at least that high. */
	analyses: number;
}

/**
 * Commits one fully read candidate: records handled analyses, drops it from `verify`, and
 * keeps it in `queue` (moved to the back) only while an analysis is not terminal.
 */
export function commitCandidate(state: TriggerState, candidateId: string, outcome: CandidateOutcome): void {
	const key = candidateKey(candidateId);
	const entry = state.known[key];
	if (outcome.analyses > 0 || entry) {
		const previous = entry ? entry.slice(1) : [];
		const added = outcome.handled.map(analysisKey).filter((id) => !previous.includes(id));
		const count = Math.max(entry ? entry[0] : 0, outcome.analyses);
		state.known = { ...state.known, [key]: [count, ...previous, ...[...new Set(added)]] as KnownEntry };
	}
	state.verify = state.verify.filter((id) => id !== candidateId);
	const others = state.queue.filter((id) => id !== candidateId);
	state.queue = outcome.pending ? [...others, candidateId] : others;
}

/** Moves a candidate to the back of `queue` and `verify` (after a failed read). */
export function deferCandidate(state: TriggerState, candidateId: string): void {
	const back = (list: string[]) => (list.includes(candidateId) ? [...list.filter((id) => id !== candidateId), candidateId] : list);
	state.queue = back(state.queue);
	state.verify = back(state.verify);
}

/** Drops a candidate InstaView no longer has (404): nothing of it can be emitted any more. */
export function forgetCandidate(state: TriggerState, candidateId: string): void {
	const key = candidateKey(candidateId);
	if (state.known[key]) {
		const { [key]: _removed, ...rest } = state.known;
		void _removed;
		state.known = rest;
	}
	state.queue = state.queue.filter((id) => id !== candidateId);
	state.verify = state.verify.filter((id) => id !== candidateId);
}

/** The scan finished a page: move to the next one, or start a new cycle (ends seeding). */
export function advanceScan(state: TriggerState, hasNextPage: boolean): void {
	if (hasNextPage && state.scan.page < 10000) {
		state.scan = { page: state.scan.page + 1, cycle: state.scan.cycle };
		return;
	}
	state.scan = { page: 1, cycle: state.scan.cycle + 1 };
	state.phase = 'live';
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
