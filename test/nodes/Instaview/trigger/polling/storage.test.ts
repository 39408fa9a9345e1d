import type { IDataObject } from 'n8n-workflow';

import {
	advanceWalk,
	commitCandidate,
	initialState,
	isHandled,
	observeCandidate,
	type TriggerState,
} from '../../../../../nodes/Instaview/trigger/polling/state';
import { migrateState, serializeState, writeState } from '../../../../../nodes/Instaview/trigger/polling/storage';
import seedingV1 from './fixtures/state-v1-seeding.json';
import liveV1 from './fixtures/state-v1-live.json';
import factsV1 from './fixtures/state-v1-facts.json';

const A = '3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f';
const B = '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const AN1 = 'aaaa1111-0000-4000-8000-000000000001';

const fresh = (): TriggerState => initialState('all', new Date('2026-05-01T10:00:00.000Z'));
const live = (): TriggerState => ({ ...fresh(), phase: 'live', checking: false, walk: { page: 1, cycle: 1, since: 0, ids: [] }, scan: { page: 1, cycle: 1 } });
const summary = (id: string, analysisCount: number, extra: Partial<{ interviewCount: number; overallRating: number | null; updatedAt: string }> = {}) => ({
	id,
	analysisCount,
	interviewCount: analysisCount,
	overallRating: 70,
	updatedAt: '2026-05-01T09:00:00.000Z',
	...extra,
});
const roundTrip = (state: TriggerState) => migrateState(JSON.parse(JSON.stringify(serializeState(state))) as IDataObject)!;

describe('trigger state storage', () => {
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
		expect(state).toMatchObject({ v: 2, phase: 'live', checking: true, seededAt: seedingV1.seededAt, walk: { page: 1, cycle: 0, ids: [] } });
		expect(state.first.length).toBe(Math.min(100, seedingV1.verify.length));
		expect(state.cands.size).toBe(Object.keys(seedingV1.known).length);
		// Counts carry over; the unknown signature is adopted without a read when the count is the same.
		const [candidateId] = factsV1.preActivation[0];
		expect(observeCandidate(state, summary(candidateId, 1), true)).toBe(false);
		expect(observeCandidate(state, summary(candidateId, 2), true)).toBe(true);
	});

	test('v1 recorded live: handled analyses, counts and the queue carry over', () => {
		const state = migrateState(liveV1 as IDataObject)!;
		expect(state).toMatchObject({ phase: 'live', checking: false, seededAt: liveV1.seededAt, scan: { page: liveV1.scan.page, cycle: liveV1.scan.cycle } });
		expect(state.queue.map((entry) => entry.id).sort()).toEqual([...liveV1.queue].sort());
		const [emittedCandidate, emittedAnalysis] = factsV1.emittedAfter;
		expect(isHandled(state, emittedCandidate, emittedAnalysis)).toBe(true);
		const handledBefore = Object.values(liveV1.known as Record<string, unknown[]>).reduce((sum, entry) => sum + entry.length - 1, 0);
		expect(Object.values(state.handled).reduce((sum, list) => sum + list.length / 5, 0)).toBe(handledBefore);
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
