import {
	advanceScan,
	analysisKey,
	candidateKey,
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
} from '../../../../../nodes/Instaview/trigger/polling/state';

const A = '3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f';
const B = '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const AN1 = 'aaaa1111-0000-4000-8000-000000000001';
const AN2 = 'bbbb2222-0000-4000-8000-000000000002';

const fresh = (): TriggerState => initialState('all', new Date('2026-05-01T10:00:00.000Z'));

describe('trigger state', () => {
	test('keys are short hashes of the full ids', () => {
		expect(candidateKey(A)).toMatch(/^[\w-]{11}$/);
		expect(analysisKey(AN1)).toMatch(/^[\w-]{6}$/);
		expect(candidateKey(A.toUpperCase())).toBe(candidateKey(A));
		expect(candidateKey(A.replace(/-/g, ''))).toBe(candidateKey(A));
		// Ids that share a long prefix (hand-made or time-ordered) must still get their own keys.
		expect(candidateKey('cafe0001-0000-4000-8000-000000000001')).not.toBe(candidateKey('cafe0001-0000-4000-8000-000000000003'));
		expect(analysisKey('a0a10001-0000-4000-8000-000000000001')).not.toBe(analysisKey('a0a10001-0000-4000-8000-000000000002'));
	});

	test('a new state is seeding from page 1 with nothing known', () => {
		expect(fresh()).toEqual({
			v: 1, scopeKey: 'all', phase: 'seeding', seededAt: '2026-05-01T10:00:00.000Z',
			scan: { page: 1, cycle: 0 }, known: {}, queue: [], verify: [],
		});
	});

	test('migration returns a deep copy of a valid v1 state and survives JSON', () => {
		const state = fresh();
		observeCandidate(state, A, 2);
		const stored = JSON.parse(JSON.stringify(state));
		const loaded = migrateState(stored)!;
		expect(loaded).toEqual(state);
		loaded.known[candidateKey(A)].push('x');
		loaded.verify.push(B);
		expect(stored.known[candidateKey(A)]).toEqual([2]);
		expect(stored.verify).toEqual([A]);
	});

	test('migration rejects missing, unknown-version or broken state (the next poll seeds again)', () => {
		expect(migrateState(undefined)).toBeUndefined();
		expect(migrateState({})).toBeUndefined();
		expect(migrateState({ ...fresh(), v: 2 } as never)).toBeUndefined();
		expect(migrateState({ ...fresh(), phase: 'odd' } as never)).toBeUndefined();
		expect(migrateState({ ...fresh(), seededAt: 'yesterday' } as never)).toBeUndefined();
	});

	test('migration heals a damaged cursor and drops malformed entries', () => {
		const loaded = migrateState({
			...fresh(), scan: { page: -3, cycle: 'x' }, known: { good: [1, 'aaaa1111'], bad: ['x'] }, queue: [A, A, 5], verify: 'no',
		} as never)!;
		expect(loaded.scan).toEqual({ page: 1, cycle: 0 });
		expect(loaded.known).toEqual({ good: [1, 'aaaa1111'] });
		expect(loaded.queue).toEqual([]);
		expect(loaded.verify).toEqual([]);
	});

	test('while seeding, a candidate with analyses goes to verify; one without is not stored', () => {
		const state = fresh();
		expect(observeCandidate(state, A, 1)).toBe('verify');
		expect(observeCandidate(state, B, 0)).toBe('none');
		expect(state.verify).toEqual([A]);
		expect(state.known).toEqual({ [candidateKey(A)]: [1] });
	});

	test('live: a risen count queues once; equal or lower counts do not; zero forgets the candidate', () => {
		const state = fresh();
		observeCandidate(state, A, 1);
		advanceScan(state, false);
		expect(state.phase).toBe('live');
		expect(observeCandidate(state, A, 1)).toBe('none');
		expect(observeCandidate(state, A, 2)).toBe('queue');
		expect(observeCandidate(state, A, 3)).toBe('queue');
		expect(state.queue).toEqual([A]);
		expect(observeCandidate(state, A, 1)).toBe('none');
		expect(state.known[candidateKey(A)][0]).toBe(1);
		expect(observeCandidate(state, B, 1)).toBe('queue');
		expect(observeCandidate(state, A, 0)).toBe('none');
		expect(state.known[candidateKey(A)]).toBeUndefined();
	});

	test('commit records handled analyses, leaves verify, and keeps the candidate queued only while pending', () => {
		const state = fresh();
		observeCandidate(state, A, 2);
		state.queue = [A, B];
		commitCandidate(state, A, { handled: [AN1], pending: true, analyses: 2 });
		expect(isHandled(state, A, AN1)).toBe(true);
		expect(isHandled(state, A, AN2)).toBe(false);
		expect(state.verify).toEqual([]);
		expect(state.queue).toEqual([B, A]);
		commitCandidate(state, A, { handled: [AN2, AN1], pending: false, analyses: 3 });
		expect(state.known[candidateKey(A)]).toEqual([3, analysisKey(AN1), analysisKey(AN2)]);
		expect(state.queue).toEqual([B]);
	});

	test('commit never edits stored arrays in place', () => {
		const state = fresh();
		observeCandidate(state, A, 1);
		const before = { known: state.known, entry: state.known[candidateKey(A)], queue: state.queue, verify: state.verify };
		commitCandidate(state, A, { handled: [AN1], pending: true, analyses: 1 });
		expect(before.entry).toEqual([1]);
		expect(before.verify).toEqual([A]);
		expect(before.queue).toEqual([]);
		expect(state.known).not.toBe(before.known);
	});

	test('a failed candidate moves to the back; a deleted one is forgotten', () => {
		const state = fresh();
		observeCandidate(state, A, 1);
		state.queue = [A, B];
		deferCandidate(state, A);
		expect(state.queue).toEqual([B, A]);
		expect(state.verify).toEqual([A]);
		forgetCandidate(state, A);
		expect(state.queue).toEqual([B]);
		expect(state.verify).toEqual([]);
		expect(state.known).toEqual({});
	});

	test('the scan moves page by page and a finished cycle ends seeding', () => {
		const state = fresh();
		advanceScan(state, true);
		expect(state.scan).toEqual({ page: 2, cycle: 0 });
		expect(state.phase).toBe('seeding');
		advanceScan(state, false);
		expect(state.scan).toEqual({ page: 1, cycle: 1 });
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

	test('writeState assigns fresh values and removes keys the state no longer has', () => {
		const bucket: Record<string, unknown> = { stale: 1 };
		const state = fresh();
		observeCandidate(state, A, 1);
		writeState(bucket as never, state);
		expect(bucket.stale).toBeUndefined();
		expect(bucket.verify).toEqual([A]);
		expect(bucket.verify).not.toBe(state.verify);
	});
});
