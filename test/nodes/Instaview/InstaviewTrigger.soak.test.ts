/**
 * Soak: 320 polls against the emulator while analyses are created and advance at random
 * (seeded PRNG, reproducible), several finishing with the same timestamp, about 10 % of the
 * API requests faulted (500/502/503 and dropped connections), and the static data passed
 * through JSON between polls. At the end every analysis that finished after activation has
 * been emitted exactly once, and none that finished before.
 */
import type { Interview } from '../../emulator';
import {
	addCandidate, addInterview, advance, analysesWithStatus, analysisIdOf, completedCandidate, measureStateSize, parameters,
	TriggerHarness, useTriggerEmulator,
} from './trigger/harness';

const FAST = { perMinute: 1000000, perHour: 10000000, windowMs: 60000 };
const ctx = useTriggerEmulator({ rateLimit: FAST });
const emu = () => ctx.emulator;

/** mulberry32: a small seeded PRNG so a failing run can be replayed. */
function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const SEED = Number(process.env.SOAK_SEED ?? 20260501);
const POLLS = 320;

test(`soak: ${POLLS} polls, random lifecycles, ~10 % faults, no duplicate and no miss (seed ${SEED})`, async () => {
	const random = prng(SEED);
	const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
	const candidates = Array.from({ length: 130 }, () => addCandidate(emu()).id);
	const inFlight: Interview[] = [];
	// Before activation: finished analyses (never to be emitted) and pending ones (to be emitted when they finish).
	for (let i = 0; i < 25; i++) completedCandidate(emu());
	for (let i = 0; i < 8; i++) {
		const interview = addInterview(emu(), pick(candidates));
		advance(emu(), interview.id, { status: 'IN_PROGRESS', analysisStatus: 1 });
		inFlight.push(interview);
	}
	const before = new Set(analysesWithStatus(emu(), [3, 4]));

	const trigger = new TriggerHarness(emu(), parameters({ event: 'analysisCompletedOrFailed', options: { maxRequests: 6 } }));
	const emitted: string[] = [];
	let failedPolls = 0;
	const faultPaths = ['/candidates', '/interviews'];

	const step = () => {
		if (random() < 0.3) {
			const candidate = random() < 0.15 ? addCandidate(emu()).id : pick(candidates);
			if (!candidates.includes(candidate)) candidates.push(candidate);
			const interview = addInterview(emu(), candidate);
			advance(emu(), interview.id, { status: 'IN_PROGRESS', analysisStatus: 1 });
			inFlight.push(interview);
		}
		if (random() < 0.1) {
			// Created and finished between two polls.
			const interview = addInterview(emu(), pick(candidates));
			advance(emu(), interview.id, { status: 'COMPLETED', analysisStatus: 3, overallRating: Math.floor(random() * 100) });
		}
		if (inFlight.length && random() < 0.45) {
			// One to three analyses move on together, with one shared timestamp.
			const at = new Date().toISOString();
			const batch = Math.min(inFlight.length, 1 + Math.floor(random() * 3));
			for (let i = 0; i < batch; i++) {
				const index = Math.floor(random() * inFlight.length);
				const interview = inFlight[index];
				const status = interview.analysis?.general.status ?? 1;
				if (status === 1 && random() < 0.5) {
					advance(emu(), interview.id, { analysisStatus: 2, at });
					continue;
				}
				const failed = random() < 0.15;
				advance(emu(), interview.id, failed ? { status: 'FAILED', analysisStatus: 4, at } : { status: 'COMPLETED', analysisStatus: 3, at });
				inFlight.splice(index, 1);
			}
		}
	};

	for (let poll = 0; poll < POLLS; poll++) {
		// The first poll is the activation: what changes before it is "existing".
		if (poll > 0) step();
		if (random() < 0.25) {
			const drop = random() < 0.3;
			const times = random() < 0.12 ? 4 : 1 + Math.floor(random() * 2);
			await emu().control.addFault({
				method: 'GET',
				path: pick(faultPaths),
				...(drop ? { drop: true } : { status: pick([500, 502, 503]) }),
				times,
			});
		}
		const result = await trigger.poll();
		if (result.error) failedPolls++;
		emitted.push(...result.items.map(analysisIdOf));
	}
	const all = await emu().control.requests();
	const faulted = all.filter((request) => request.fault).length;

	// Let everything finish, stop the faults, and poll until the trigger is idle.
	for (const interview of inFlight.splice(0)) advance(emu(), interview.id, { status: 'COMPLETED', analysisStatus: 3 });
	await emu().control.clearFaults();
	let quiet = 0;
	for (let poll = 0; poll < 300 && quiet < 3; poll++) {
		const result = await trigger.poll();
		if (result.error) throw result.error;
		emitted.push(...result.items.map(analysisIdOf));
		const state = trigger.staticData as { queue: string[]; verify: string[]; scan: { page: number } };
		quiet = !result.items.length && !state.queue.length && !state.verify.length && state.scan.page === 1 ? quiet + 1 : 0;
	}

	const expected = analysesWithStatus(emu(), [3, 4]).filter((id) => !before.has(id));
	const duplicates = emitted.length - new Set(emitted).size;
	const missed = expected.filter((id) => !emitted.includes(id));
	if (missed.length) {
		const detail = [...emu().state.interviews.values()].filter((iv) => missed.includes(iv.analysis?.id ?? ''));
		console.log(JSON.stringify({ detail, state: trigger.staticData }, null, 1).slice(0, 3000));
	}
	const unexpected = emitted.filter((id) => !expected.includes(id));
	console.log(
		`soak seed ${SEED}: ${POLLS} polls, ${all.length} requests, ${faulted} faulted (${((100 * faulted) / all.length).toFixed(1)} %), ` +
			`${failedPolls} polls threw, ${emitted.length} emitted, ${expected.length} expected, state ${trigger.stateBytes()} bytes`,
	);
	expect(faulted / all.length).toBeGreaterThan(0.07);
	expect(duplicates).toBe(0);
	expect(missed).toEqual([]);
	expect(unexpected).toEqual([]);
	expect(expected.length).toBeGreaterThan(50);
}, 60000);

test('measured: 1,000 candidates, each with a completed analysis', async () => {
	const measured = await measureStateSize(emu(), 1000);
	console.log(`state measurement ${JSON.stringify(measured)}`);
	expect(measured.idlePollRequests).toBe(10);
	expect(measured.fullCycleRequests).toBe(10);
	expect(measured.stateBytes).toBeLessThan(40 * 1000);
}, 60000);

const big = process.env.INSTAVIEW_MEASURE_10K === '1' ? test : test.skip;
big('measured: 10,000 candidates (set INSTAVIEW_MEASURE_10K=1)', async () => {
	const measured = await measureStateSize(emu(), 10000);
	console.log(`state measurement ${JSON.stringify(measured)}`);
	expect(measured.idlePollRequests).toBe(25);
	expect(measured.fullCycleRequests).toBe(100);
}, 300000);
