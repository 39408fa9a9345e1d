/**
 * Soak: 320 polls, one a (virtual) minute, against the emulator under its real rate-limit
 * windows while analyses are created and advance at random (seeded PRNG, reproducible), several
 * finishing with the same timestamp; 110 analyses stay stuck in flight for the whole run;
 * analysed interviews are deleted and replaced; another workflow spends part of each minute's
 * quota with the same key; about 10 % of the trigger's requests are faulted (500/502/503 and
 * dropped connections); the static data passes through JSON between polls. At the end every
 * analysis that finished after activation has been emitted exactly once, and none that
 * finished before.
 */
import type { Interview } from '../../emulator';
import { reverificationBound } from '../../../nodes/Instaview/trigger/polling/shares';
import {
	addCandidate, addInterview, advance, analysesWithStatus, analysisIdOf, completedCandidate, isSettled, measureStateSize, otherTraffic,
	parameters, TriggerHarness, useTriggerEmulator, VirtualClock,
} from './trigger/harness';

const FAST = { perMinute: 1000000, perHour: 10000000, windowMs: 60000 };
const SHARED = { perMinute: 30, perHour: 100000, windowMs: 60000 };
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
const BUDGET = 6;

test(`soak: ${POLLS} polls, stuck analyses, deletions, shared quota, ~10 % faults, no duplicate and no miss (seed ${SEED})`, async () => {
	const clock = new VirtualClock().install();
	try {
		await emu().control.setRateLimit(SHARED);
		const random = prng(SEED);
		const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
		const candidates = Array.from({ length: 130 }, () => addCandidate(emu()).id);
		const inFlight: Interview[] = [];
		const stuck: Interview[] = [];
		const startStuck = (candidateId: string, analysisStatus: 1 | 2) => {
			const interview = addInterview(emu(), candidateId);
			advance(emu(), interview.id, { status: 'IN_PROGRESS', analysisStatus });
			stuck.push(interview);
		};
		// Before activation: finished analyses (never to be emitted), pending ones (emitted when they
		// finish) and 60 that stay stuck in flight until the end.
		for (let i = 0; i < 25; i++) completedCandidate(emu());
		for (let i = 0; i < 8; i++) {
			const interview = addInterview(emu(), pick(candidates));
			advance(emu(), interview.id, { status: 'IN_PROGRESS', analysisStatus: 1 });
			inFlight.push(interview);
		}
		for (let i = 0; i < 60; i++) startStuck(addCandidate(emu()).id, 1);
		const before = new Set(analysesWithStatus(emu(), [3, 4]));

		const trigger = new TriggerHarness(emu(), parameters({ event: 'analysisCompletedOrFailed', options: { maxRequests: BUDGET } }));
		const emitted: string[] = [];
		const deletedAfterFinishing = new Set<string>();
		let failedPolls = 0;
		let replaced = 0;
		const faultPaths = ['/candidates', '/interviews'];

		const step = (poll: number) => {
			if (poll <= 50) startStuck(pick(candidates), 2);
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
			if (random() < 0.06) {
				// An analysed interview is deleted and another analysis appears for the same candidate.
				const finished = [...emu().state.interviews.values()].filter((iv) => !iv.deletedAt && iv.analysis && iv.analysis.general.status >= 3);
				if (finished.length) {
					const gone = pick(finished);
					if (!before.has(gone.analysis!.id)) deletedAfterFinishing.add(gone.analysis!.id);
					emu().state.deleteInterview(gone);
					const replacement = addInterview(emu(), gone.candidateId);
					advance(emu(), replacement.id, { status: 'COMPLETED', analysisStatus: 3, overallRating: gone.analysis!.general.overallRating ?? 70 });
					replaced++;
				}
			}
			if (inFlight.length && random() < 0.45) {
				// One to three analyses move on together, with one shared timestamp.
				const at = new Date(Date.now()).toISOString();
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
			clock.advance(60000);
			// The first poll is the activation: what changes before it is "existing".
			if (poll > 0) step(poll);
			// Another workflow with the same key takes a third of the minute.
			await otherTraffic(emu(), 10);
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
		const all = (await emu().control.requests()).filter((request) => request.path !== '/agents');
		const faulted = all.filter((request) => request.fault).length;
		const refused = all.filter((request) => request.status === 429).length;

		// Let everything finish (the stuck ones too), stop the faults, and poll until the trigger
		// is idle and a whole re-verification has passed since the last change.
		for (const interview of [...inFlight.splice(0), ...stuck]) advance(emu(), interview.id, { status: 'COMPLETED', analysisStatus: 3 });
		await emu().control.clearFaults();
		const withAnalyses = new Set([...emu().state.interviews.values()].filter((iv) => !iv.deletedAt && iv.analysis).map((iv) => iv.candidateId)).size;
		const quietNeeded = reverificationBound(withAnalyses, Math.ceil(emu().state.candidates.size / 100), BUDGET);
		let quiet = 0;
		for (let poll = 0; poll < quietNeeded + 400 && quiet < quietNeeded; poll++) {
			clock.advance(60000);
			const result = await trigger.poll();
			if (result.error) throw result.error;
			emitted.push(...result.items.map(analysisIdOf));
			quiet = !result.items.length && isSettled(trigger.staticData) ? quiet + 1 : 0;
		}

		const expected = analysesWithStatus(emu(), [3, 4]).filter((id) => !before.has(id));
		const duplicates = emitted.length - new Set(emitted).size;
		const missed = expected.filter((id) => !emitted.includes(id));
		if (missed.length) {
			const detail = [...emu().state.interviews.values()].filter((iv) => missed.includes(iv.analysis?.id ?? ''));
			console.log(JSON.stringify({ detail: detail.slice(0, 2), quiet, quietNeeded }, null, 1).slice(0, 3000));
		}
		// An analysis that finished after activation and was deleted later may have been emitted before.
		const unexpected = emitted.filter((id) => !expected.includes(id) && !deletedAfterFinishing.has(id));
		console.log(
			`soak seed ${SEED}: ${POLLS} polls, ${all.length} trigger requests, ${faulted} faulted (${((100 * faulted) / all.length).toFixed(1)} %), ${refused} refused (429), ` +
				`${failedPolls} polls threw, ${stuck.length} stuck, ${replaced} replaced, ${emitted.length} emitted, ${expected.length} expected, state ${trigger.stateBytes()} bytes`,
		);
		expect(stuck.length).toBeGreaterThanOrEqual(100);
		expect(replaced).toBeGreaterThan(5);
		expect(faulted / all.length).toBeGreaterThan(0.07);
		expect(duplicates).toBe(0);
		expect(missed).toEqual([]);
		expect(unexpected).toEqual([]);
		expect(expected.length).toBeGreaterThan(150);
	} finally {
		clock.uninstall();
	}
}, 300000);

test('measured: 1,000 candidates, each with a completed analysis', async () => {
	const measured = await measureStateSize(emu(), 1000);
	console.log(`state measurement ${JSON.stringify(measured)}`);
	expect(measured.idlePollRequests).toBe(10);
	expect(measured.fullCycleRequests).toBe(10);
	expect(measured.stateBytes).toBeLessThan(10 * 1024);
}, 60000);

const big = process.env.INSTAVIEW_MEASURE_10K === '1' ? test : test.skip;
big('measured: 10,000 candidates (set INSTAVIEW_MEASURE_10K=1)', async () => {
	const measured = await measureStateSize(emu(), 10000);
	console.log(`state measurement ${JSON.stringify(measured)}`);
	expect(measured.idlePollRequests).toBe(25);
	expect(measured.fullCycleRequests).toBe(100);
	expect(measured.stateBytes).toBeLessThanOrEqual(100 * 1024);
}, 300000);
