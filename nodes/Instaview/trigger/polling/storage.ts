import type { IDataObject } from 'n8n-workflow';

import {
	ALPHABET,
	ANALYSIS_KEY_LENGTH,
	initialState,
	KEY_LENGTH,
	MAX_FIRST,
	RECORD_LENGTH,
	STATE_VERSION,
	UNKNOWN_SIGNATURE,
	type QueueEntry,
	type TriggerState,
} from './state';

/*
 * How the trigger state is stored in n8n's static data, and read back from every version ever
 * written (the shape itself is described in state.ts).
 */

const isStringArray = (value: unknown): value is string[] =>
	Array.isArray(value) && value.every((entry) => typeof entry === 'string');
const whole = (value: unknown, min: number, max: number, fallback: number) =>
	Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? (value as number) : fallback;
const cursor = (value: unknown) => whole(value, 1, 10000, 1);
const unique = (list: unknown) => (isStringArray(list) ? [...new Set(list)] : []);

function parseCands(packed: unknown): Map<string, string> {
	const cands = new Map<string, string>();
	if (typeof packed !== 'string') return cands;
	for (let at = 0; at + RECORD_LENGTH <= packed.length; at += RECORD_LENGTH) {
		cands.set(packed.slice(at, at + KEY_LENGTH), packed.slice(at + KEY_LENGTH, at + RECORD_LENGTH));
	}
	return cands;
}

function parseQueue(list: unknown): QueueEntry[] {
	if (!Array.isArray(list)) return [];
	const seen = new Set<string>();
	const queue: QueueEntry[] = [];
	for (const entry of list) {
		if (!Array.isArray(entry) || typeof entry[0] !== 'string' || seen.has(entry[0])) continue;
		seen.add(entry[0]);
		queue.push({ id: entry[0], due: whole(entry[1], 0, Number.MAX_SAFE_INTEGER, 0), age: whole(entry[2], 0, 1000, 0) });
	}
	return queue;
}

/**
 * v1 (until 0.1): `known[k] = [analysisCount, ...handled]` with 11- and 6-character keys of the
 * same digests, `queue`/`verify` as id lists, and a verification list instead of the walk.
 * Its keys are prefixes of v2's, so nothing learnt is lost; unfinished verification restarts
 * as an activation check (handled analyses are kept, so nothing is emitted twice).
 */
function fromV1(raw: Record<string, unknown>, base: TriggerState): TriggerState {
	const known = raw.known && typeof raw.known === 'object' && !Array.isArray(raw.known) ? (raw.known as Record<string, unknown>) : {};
	for (const [key, entry] of Object.entries(known)) {
		if (!Array.isArray(entry) || typeof entry[0] !== 'number' || !Number.isFinite(entry[0])) continue;
		const short = key.slice(0, KEY_LENGTH);
		base.cands.set(short, ALPHABET[Math.min(63, Math.max(0, Math.floor(entry[0])))] + UNKNOWN_SIGNATURE);
		const handled = entry.slice(1).filter((value): value is string => typeof value === 'string').map((value) => value.slice(0, ANALYSIS_KEY_LENGTH));
		if (handled.length) base.handled[short] = [...new Set(handled)].join('');
	}
	const scan = (raw.scan ?? {}) as Record<string, unknown>;
	base.scan = { page: cursor(scan.page), cycle: whole(scan.cycle, 0, Number.MAX_SAFE_INTEGER, 0) };
	base.queue = unique(raw.queue).map((id) => ({ id, due: 0, age: 1 }));
	const verify = unique(raw.verify);
	// v1 was live once its verification list was empty; otherwise the check is not finished.
	base.phase = raw.phase === 'live' ? 'live' : 'seeding';
	// v1 had finished its check once it was live with nothing left to verify.
	base.checking = !(raw.phase === 'live' && verify.length === 0);
	base.walk = { page: 1, cycle: base.checking ? 0 : 1, since: 0, ids: [] };
	base.first = verify.slice(0, MAX_FIRST);
	return base;
}

/**
 * Reads stored static data into a fresh in-memory state (never the stored objects
 * themselves), from every version ever written. Returns undefined when there is no usable
 * state, which makes the next production poll seed again.
 */
export function migrateState(raw: IDataObject | undefined): TriggerState | undefined {
	if (!raw || (raw.v !== 1 && raw.v !== STATE_VERSION)) return undefined;
	const record = raw as Record<string, unknown>;
	const { scopeKey, phase, seededAt } = record;
	if (typeof scopeKey !== 'string' || (phase !== 'seeding' && phase !== 'live')) return undefined;
	if (typeof seededAt !== 'string' || Number.isNaN(Date.parse(seededAt))) return undefined;
	const base = initialState(scopeKey, new Date(seededAt));
	base.seededAt = seededAt;
	if (raw.v === 1) return fromV1(record, base);
	base.phase = phase;
	base.checking = record.checking !== false;
	base.poll = whole(record.poll, 0, Number.MAX_SAFE_INTEGER, 0);
	// Self-healing: a damaged cursor restarts its pass rather than blocking it.
	const scan = Array.isArray(record.scan) ? record.scan : [];
	base.scan = { page: cursor(scan[0]), cycle: whole(scan[1], 0, Number.MAX_SAFE_INTEGER, 0) };
	const walk = Array.isArray(record.walk) ? record.walk : [];
	base.walk = {
		page: cursor(walk[0]),
		cycle: whole(walk[1], 0, Number.MAX_SAFE_INTEGER, 0),
		since: Math.min(base.poll, whole(walk[2], 0, Number.MAX_SAFE_INTEGER, 0)),
		ids: unique(walk.slice(3)),
	};
	base.first = unique(record.first);
	base.cands = parseCands(record.cands);
	if (record.handled && typeof record.handled === 'object' && !Array.isArray(record.handled)) {
		for (const [key, value] of Object.entries(record.handled as Record<string, unknown>)) {
			if (typeof value === 'string' && value) base.handled[key] = value;
		}
	}
	base.queue = parseQueue(record.queue);
	return base;
}

/** The stored form: plain JSON, records packed into one sorted string. */
export function serializeState(state: TriggerState): IDataObject {
	const keys = [...state.cands.keys()].sort();
	return {
		v: STATE_VERSION,
		scopeKey: state.scopeKey,
		phase: state.phase,
		checking: state.checking,
		seededAt: state.seededAt,
		poll: state.poll,
		scan: [state.scan.page, state.scan.cycle],
		walk: [state.walk.page, state.walk.cycle, state.walk.since, ...state.walk.ids],
		first: [...state.first],
		cands: keys.map((key) => key + state.cands.get(key)).join(''),
		handled: { ...state.handled },
		queue: state.queue.map((entry) => [entry.id, entry.due, entry.age]),
	};
}

/** Writes every field as a new value (n8n only notices reassignments, not in-place edits). */
export function writeState(target: IDataObject, state: TriggerState): void {
	const copy = serializeState(state);
	for (const key of Object.keys(target)) {
		if (!(key in copy)) delete target[key];
	}
	for (const [key, value] of Object.entries(copy)) target[key] = value;
}
