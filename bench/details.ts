/**
 * What "Add Candidate and Job Details" costs: the same completions polled by two triggers side
 * by side, one with details and one without, on candidates spread over a few jobs. Each distinct
 * candidate and job is read once per poll, so the extra requests are at most
 * (distinct candidates + distinct jobs) of the analyses emitted in that poll.
 */
import { freshEmulator } from './common';
import { completeNewAnalysis, pollUntilSettled, Trigger } from './triggerRequests';

export interface DetailsFigures {
	candidates: number;
	jobs: number;
	budget: number;
	runs: Array<{ k: number; distinctCandidates: number; distinctJobs: number; requestsWithout: number; requestsWith: number; extra: number; maxInAPollWith: number; pollsWith: number; pollsWithout: number }>;
}

async function emitAll(trigger: Trigger, k: number, budget: number) {
	let polls = 0;
	let requests = 0;
	let emitted = 0;
	let max = 0;
	while (emitted < k) {
		const poll = await trigger.poll(budget);
		polls++;
		requests += poll.requests;
		emitted += poll.emitted;
		max = Math.max(max, poll.requests);
		if (polls > 1000) throw new Error(`only ${emitted} of ${k} emitted`);
	}
	if (!trigger.settled) {
		const rest = await pollUntilSettled(trigger, budget);
		requests += rest.requests;
		max = Math.max(max, rest.maxRequests);
	}
	return { polls, requests, max };
}

export async function benchDetails(candidates = 300, jobs = 5, budget = 25): Promise<DetailsFigures> {
	const emulator = await freshEmulator();
	try {
		await emulator.control.reset();
		const jobIds = Array.from({ length: jobs }, (_, i) => emulator.state.createJob({ title: `Benchmark job ${i + 1}` }).id);
		const people = Array.from({ length: candidates }, (_, i) => {
			const jobId = jobIds[i % jobs];
			return { id: emulator.state.createCandidate({ jobIds: [jobId] }).id, jobId };
		});
		const without = new Trigger(emulator, false);
		const withDetails = new Trigger(emulator, true);
		await pollUntilSettled(without, 500);
		await pollUntilSettled(withDetails, 500);
		const runs: DetailsFigures['runs'] = [];
		for (const k of [1, 10, 100]) {
			const chosen = Array.from({ length: k }, (_, i) => people[(i * 7919 + k) % people.length]);
			for (const person of chosen) completeNewAnalysis(emulator, person.id, person.jobId);
			const a = await emitAll(without, k, budget);
			const b = await emitAll(withDetails, k, budget);
			runs.push({
				k,
				distinctCandidates: new Set(chosen.map((p) => p.id)).size,
				distinctJobs: new Set(chosen.map((p) => p.jobId)).size,
				requestsWithout: a.requests,
				requestsWith: b.requests,
				extra: b.requests - a.requests,
				maxInAPollWith: b.max,
				pollsWith: b.polls,
				pollsWithout: a.polls,
			});
		}
		return { candidates, jobs, budget, runs };
	} finally {
		await emulator.close();
	}
}
