import {
	advanceScan,
	advanceWalk,
	analysisKey,
	candidateKey,
	commitCandidate,
	deferCandidate,
	finishCheckIfDone,
	forgetCandidate,
	isHandled,
	isNewSinceSeeding,
	MAX_RECHECK_GAP,
	observeCandidate,
	postponeEmission,
	recheckGap,
	recordOf,
} from '../../../../../nodes/Instaview/trigger/polling/state';
import { A, AN1, AN2, B, fresh, live, summary } from './fixtures/states';


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

	test('a postponed emission is no longer handled and its candidate is read first next poll', () => {
		const state = live();
		commitCandidate(state, A, { handled: [AN1, AN2], pending: false });
		postponeEmission(state, A, AN1);
		expect(isHandled(state, A, AN1)).toBe(false);
		expect(isHandled(state, A, AN2)).toBe(true);
		expect(state.queue).toEqual([{ id: A, due: state.poll + 1, age: 0 }]);
		postponeEmission(state, A, AN2);
		expect(state.handled[candidateKey(A)]).toBeUndefined();
		expect(state.queue).toHaveLength(1);
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

	test('scan and walk move page by page; the first scan cycle ends seeding, the first walk cycle the activation check', () => {
		const state = fresh();
		advanceScan(state, true);
		expect(state.scan).toEqual({ page: 2, cycle: 0 });
		expect(state.phase).toBe('seeding');
		advanceScan(state, false);
		expect(state.scan).toEqual({ page: 1, cycle: 1 });
		expect(state.phase).toBe('live');
		expect(state.checking).toBe(true);
		state.poll = 3;
		advanceWalk(state, [A], false);
		expect(state.walk).toEqual({ page: 1, cycle: 1, since: 3, ids: [A] });
		finishCheckIfDone(state);
		expect(state.checking).toBe(true);
		commitCandidate(state, A, { handled: [], pending: false });
		finishCheckIfDone(state);
		expect(state.checking).toBe(false);
	});

	test('only analyses finished after seeding began are new (unless existing ones are wanted)', () => {
		const state = fresh();
		expect(isNewSinceSeeding(state, '2026-05-01T09:59:59.999Z', false)).toBe(false);
		expect(isNewSinceSeeding(state, '2026-05-01T10:00:00.000Z', false)).toBe(true);
		expect(isNewSinceSeeding(state, '2026-05-01T10:00:00.001Z', false)).toBe(true);
		expect(isNewSinceSeeding(state, '2026-05-01T09:00:00.000Z', true)).toBe(true);
		expect(isNewSinceSeeding(state, 'not a date', false)).toBe(true);
	});
});
