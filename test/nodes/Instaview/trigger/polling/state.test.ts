import type { IDataObject } from 'n8n-workflow';

import {
	advanceScan,
	advanceWalk,
	analysisKey,
	candidateKey,
	commitCandidate,
	deferCandidate,
	finishSeedingIfDone,
	forgetCandidate,
	initialState,
	isHandled,
	isNewSinceSeeding,
	MAX_RECHECK_GAP,
	migrateState,
	observeCandidate,
	recheckGap,
	recordOf,
	serializeState,
	writeState,
	type TriggerState,
} from '../../../../../nodes/Instaview/trigger/polling/state';
import seedingV1 from './fixtures/state-v1-seeding.json';
import liveV1 from './fixtures/state-v1-live.json';
import factsV1 from './fixtures/state-v1-facts.json';

const A = '3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f';
const B = '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const AN1 = 'aaaa1111-0000-4000-8000-000000000001';
const AN2 = 'bbbb2222-0000-4000-8000-000000000002';

const fresh = (): TriggerState => initialState('all', new Date('2026-05-01T10:00:00.000Z'));
const live = (): TriggerState => ({ ...fresh(), phase: 'live', walk: { page: 1, cycle: 1, since: 0, ids: [] }, scan: { page: 1, cycle: 1 } });
const summary = (id: string, analysisCount: number, extra: Partial<{ interviewCount: number; overallRating: number | null; updatedAt: string }> = {}) => ({
	id,
	analysisCount,
	interviewCount: analysisCount,
	overallRating: 70,
	updatedAt: '2026-05-01T09:00:00.000Z',
	...extra,
});
const roundTrip = (state: TriggerState) => migrateState(JSON.parse(JSON.stringify(serializeState(state))) as IDataObject)!;

describe('trigger state', () => {
	test('keys are short hashes of the full ids', () => {
		expect(candidateKey(A)).toMatch(/^[\w-]{7}$/);
		expect(analysisKey(AN1)).toMatch(/^[\w-]{5}$/);
		expect(candidateKey(A.toUpperCase())).toBe(candidateKey(A));
		expect(candidateKey(A.replace(/-/g, ''))).toBe(candidateKey(A));
		// Ids that share a long prefix (hand-made or time-ordered) must still get their own keys.
		expect(candidateKey('cafe0001-0000-4000-8000-000000000001')).not.toBe(candidateKey('cafe0001-0000-4000-8000-000000000003'));
		expect(analysisKey('a0a10001-0000-4000-8000-000000000001')).not.toBe(analysisKey('a0a10001-0000-4000-8000-000000000002'));
	});

	test('a record is the count plus one character of the signature; every watched field changes it', () => {
		const base = summary(A, 2);
		expect(recordOf(base)).toMatch(/^C[\w-]$/);
		expect(recordOf({ ...base, analysisCount: 70 })[0]).toBe('_');
		// A hash of 6 bits: some of many changes may collide (the walk finds those); most do not.
		const variants = [{ interviewCount: 3 }, { overallRating: 71 }, { overallRating: null }, { updatedAt: '2026-05-01T09:00:01.000Z' }];
		expect(variants.filter((change) => recordOf({ ...base, ...change }) !== recordOf(base)).length).toBeGreaterThanOrEqual(3);
	});

	test('the stored form is plain JSON and reads back to the same state', () => {
		const state = live();
		observeCandidate(state, summary(A, 2), true);
		commitCandidate(state, A, { handled: [AN1], pending: true });
		state.first = [B];
		advanceWalk(state, [B], true);
		const stored = serializeState(state);
		expect(stored).toMatchObject({ v: 2, scan: [1, 1], walk: [2, 1, 0, B], first: [B], queue: [[A, 1, 1]] });
		expect(typeof stored.cands).toBe('string');
		expect(roundTrip(state)).toEqual(state);
	});

	test('migration rejects missing, unknown-version or broken state (the next poll seeds again)', () => {
		expect(migrateState(undefined)).toBeUndefined();
		expect(migrateState({})).toBeUndefined();
		expect(migrateState({ ...serializeState(fresh()), v: 3 })).toBeUndefined();
		expect(migrateState({ ...serializeState(fresh()), phase: 'odd' })).toBeUndefined();
		expect(migrateState({ ...serializeState(fresh()), seededAt: 'yesterday' })).toBeUndefined();
	});

	test('migration heals damaged cursors and drops malformed entries', () => {
		const loaded = migrateState({
			...serializeState(fresh()), scan: [-3, 'x'], walk: 'no', queue: [[A, 1, 1], [A, 2, 2], 5, [7]], cands: 'short', handled: { k: 5 },
		} as never)!;
		expect(loaded.scan).toEqual({ page: 1, cycle: 0 });
		expect(loaded.walk).toEqual({ page: 1, cycle: 0, since: 0, ids: [] });
		expect(loaded.queue).toEqual([{ id: A, due: 1, age: 1 }]);
		expect(loaded.cands.size).toBe(0);
		expect(loaded.handled).toEqual({});
	});

	test('v1 recorded while verification was pending: nothing learnt is lost, the check restarts', () => {
		const state = migrateState(seedingV1 as IDataObject)!;
		expect(state).toMatchObject({ v: 2, phase: 'seeding', seededAt: seedingV1.seededAt, walk: { page: 1, cycle: 0, ids: [] } });
		expect(state.first.length).toBe(Math.min(100, seedingV1.verify.length));
		expect(state.cands.size).toBe(Object.keys(seedingV1.known).length);
		// Counts carry over; the unknown signature is adopted without a read when the count is the same.
		const [candidateId] = factsV1.preActivation[0];
		expect(observeCandidate(state, summary(candidateId, 1), true)).toBe(false);
		expect(observeCandidate(state, summary(candidateId, 2), true)).toBe(true);
	});

	test('v1 recorded live: handled analyses, counts and the queue carry over', () => {
		const state = migrateState(liveV1 as IDataObject)!;
		expect(state).toMatchObject({ phase: 'live', seededAt: liveV1.seededAt, scan: { page: liveV1.scan.page, cycle: liveV1.scan.cycle } });
		expect(state.queue.map((entry) => entry.id).sort()).toEqual([...liveV1.queue].sort());
		const [emittedCandidate, emittedAnalysis] = factsV1.emittedAfter;
		expect(isHandled(state, emittedCandidate, emittedAnalysis)).toBe(true);
		const handledBefore = Object.values(liveV1.known as Record<string, unknown[]>).reduce((sum, entry) => sum + entry.length - 1, 0);
		expect(Object.values(state.handled).reduce((sum, list) => sum + list.length / 5, 0)).toBe(handledBefore);
	});

	test('seeding: a candidate first seen is recorded, not queued; unrated ones go to the activation check first', () => {
		const state = fresh();
		expect(observeCandidate(state, summary(A, 1, { overallRating: null }), false)).toBe(false);
		expect(observeCandidate(state, summary(B, 1), false)).toBe(false);
		expect(observeCandidate(state, summary('cafe0001-0000-4000-8000-000000000001', 0), false)).toBe(false);
		expect(state.first).toEqual([A]);
		expect(state.cands.size).toBe(2);
		expect(state.queue).toEqual([]);
	});

	test('live: any change of the signature queues the candidate once, ahead of its back-off', () => {
		const state = live();
		state.poll = 7;
		expect(observeCandidate(state, summary(A, 1), true)).toBe(true);
		expect(state.queue).toEqual([{ id: A, due: 7, age: 0 }]);
		commitCandidate(state, A, { handled: [], pending: true });
		expect(state.queue).toEqual([{ id: A, due: 8, age: 1 }]);
		expect(observeCandidate(state, summary(A, 1), true)).toBe(false);
		// A deletion and a new analysis leave the count; the interview count or rating may still move.
		expect(observeCandidate(state, summary(A, 1, { overallRating: null }), true)).toBe(true);
		expect(state.queue).toEqual([{ id: A, due: 7, age: 0 }]);
		expect(observeCandidate(state, summary(A, 0, { overallRating: null }), true)).toBe(false);
	});

	test('in-flight re-checks back off with age, up to MAX_RECHECK_GAP polls', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(recheckGap)).toEqual([1, 1, 1, 1, 2, 4, 4, 4, 4]);
		const state = live();
		for (let read = 1; read <= 10; read++) {
			state.poll += 1;
			commitCandidate(state, A, { handled: [], pending: true });
			expect(state.queue).toEqual([{ id: A, due: state.poll + recheckGap(read), age: read }]);
		}
		expect(state.queue[0].due - state.poll).toBe(MAX_RECHECK_GAP);
	});

	test('commit records handled analyses once and drops the candidate from every list when nothing is in flight', () => {
		const state = live();
		state.queue = [{ id: A, due: 0, age: 0 }, { id: B, due: 0, age: 0 }];
		state.walk.ids = [A];
		state.first = [A];
		commitCandidate(state, A, { handled: [AN1, AN1], pending: false });
		commitCandidate(state, A, { handled: [AN2, AN1], pending: false });
		expect(isHandled(state, A, AN1)).toBe(true);
		expect(isHandled(state, A, AN2)).toBe(true);
		expect(isHandled(state, B, AN1)).toBe(false);
		expect(state.handled[candidateKey(A)]).toBe(analysisKey(AN1) + analysisKey(AN2));
		expect(state.queue.map((entry) => entry.id)).toEqual([B]);
		expect(state.walk.ids).toEqual([]);
		expect(state.first).toEqual([]);
	});

	test('a failed candidate waits for the next poll, behind the others; a deleted one is forgotten', () => {
		const state = live();
		observeCandidate(state, summary(A, 1), true);
		observeCandidate(state, summary(B, 1), true);
		state.walk.ids = [A, B];
		deferCandidate(state, A);
		expect(state.queue).toEqual([{ id: B, due: 0, age: 0 }, { id: A, due: 1, age: 0 }]);
		expect(state.walk.ids).toEqual([B, A]);
		commitCandidate(state, A, { handled: [AN1], pending: false });
		forgetCandidate(state, A);
		expect(state.queue.map((entry) => entry.id)).toEqual([B]);
		expect(state.cands.has(candidateKey(A))).toBe(false);
		expect(state.handled).toEqual({});
	});

	test('scan and walk move page by page; seeding ends when the walk has read all it found', () => {
		const state = fresh();
		advanceScan(state, true);
		expect(state.scan).toEqual({ page: 2, cycle: 0 });
		advanceScan(state, false);
		expect(state.scan).toEqual({ page: 1, cycle: 1 });
		expect(state.phase).toBe('seeding');
		state.poll = 3;
		advanceWalk(state, [A], false);
		expect(state.walk).toEqual({ page: 1, cycle: 1, since: 3, ids: [A] });
		finishSeedingIfDone(state);
		expect(state.phase).toBe('seeding');
		commitCandidate(state, A, { handled: [], pending: false });
		finishSeedingIfDone(state);
		expect(state.phase).toBe('live');
	});

	test('only analyses finished after seeding began are new (unless existing ones are wanted)', () => {
		const state = fresh();
		expect(isNewSinceSeeding(state, '2026-05-01T09:59:59.999Z', false)).toBe(false);
		expect(isNewSinceSeeding(state, '2026-05-01T10:00:00.000Z', false)).toBe(true);
		expect(isNewSinceSeeding(state, '2026-05-01T10:00:00.001Z', false)).toBe(true);
		expect(isNewSinceSeeding(state, '2026-05-01T09:00:00.000Z', true)).toBe(true);
		expect(isNewSinceSeeding(state, 'not a date', false)).toBe(true);
	});

	test('10,000 candidates with analyses, 100 in flight and 200 handled analyses stay under 100 KB', () => {
		const state = live();
		const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
		for (let n = 0; n < 10000; n++) observeCandidate(state, summary(id(n), 1 + (n % 3)), false);
		for (let n = 0; n < 100; n++) commitCandidate(state, id(n), { handled: [id(50000 + n), id(60000 + n)], pending: true });
		const bytes = Buffer.byteLength(JSON.stringify(serializeState(state)));
		expect(bytes).toBeLessThanOrEqual(100 * 1024);
		expect(roundTrip(state)).toEqual(state);
	});

	test('writeState assigns fresh values and removes keys the state no longer has', () => {
		const bucket: Record<string, unknown> = { stale: 1, known: {} };
		const state = live();
		observeCandidate(state, summary(A, 1), true);
		writeState(bucket as never, state);
		expect(bucket.stale).toBeUndefined();
		expect(bucket.known).toBeUndefined();
		expect(bucket.queue).toEqual([[A, 0, 0]]);
	});
});
