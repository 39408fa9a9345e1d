/**
 * The trigger's cost in requests, for C candidates that each already have a completed analysis:
 * seeding, an idle poll, and polls after k analyses complete; the stored state; and the
 * do-it-yourself baseline that reads every candidate's interviews on every poll.
 */
import type { IDataObject } from 'n8n-workflow';

import { InstaviewTrigger } from '../nodes/Instaview/InstaviewTrigger.node.ts';
import { advanceInterview } from '../test/emulator/lifecycle';
import { createFakeContext } from '../test/helpers/context';
import type { Emulator } from '../test/emulator';
import { DEMO_API_KEY, freshEmulator } from './common';

export interface TriggerFigures {
	candidates: number;
	budget: number;
	seeding: { polls: number; requests: number };
	idle: { requests: number; pollsPerScanCycle: number; requestsPerScanCycle: number; floor: number };
	completions: Array<{ k: number; firstPollRequests: number; pollsToEmitAll: number; requestsToEmitAll: number; maxRequestsInAPoll: number; emitted: number }>;
	stateBytes: number;
	baseline: { requestsPerPoll: number; stateBytes: number; minutesPerPollAt60PerMinute: number };
}

/** A trigger between polls (details off unless asked: the scan figures are about finding analyses). */
export class Trigger {
	staticData: IDataObject = {};
	constructor(
		private readonly emulator: Emulator,
		private readonly addDetails = false,
	) {}

	async poll(maxRequests: number): Promise<{ emitted: number; requests: number }> {
		this.staticData = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
		const before = (await this.emulator.control.requests()).length;
		const { context } = createFakeContext({
			parameters: { event: 'analysisCompleted', scope: 'all', options: { maxRequests, addDetails: this.addDetails } },
			credentials: { apiKey: DEMO_API_KEY, baseUrl: this.emulator.url },
			mode: 'trigger',
			staticData: this.staticData,
		});
		const result = await new InstaviewTrigger().poll.call(context);
		const requests = (await this.emulator.control.requests()).length - before;
		return { emitted: result?.[0]?.length ?? 0, requests };
	}

	get settled(): boolean {
		const state = this.staticData as { phase?: string; queue?: string[]; verify?: string[]; scan?: { page: number } };
		return state.phase === 'live' && !state.queue?.length && !state.verify?.length && state.scan?.page === 1;
	}
}

export function completeNewAnalysis(emulator: Emulator, candidateId: string, jobId?: string): void {
	const interview = emulator.state.createInterview({ candidateId, ...(jobId ? { jobId } : {}) });
	advanceInterview(emulator.state, interview.id, { status: 'COMPLETED', analysisStatus: 3, overallRating: 75 });
}

export async function pollUntilSettled(trigger: Trigger, budget: number) {
	let polls = 0;
	let requests = 0;
	let emitted = 0;
	let maxRequests = 0;
	do {
		const poll = await trigger.poll(budget);
		polls++;
		requests += poll.requests;
		emitted += poll.emitted;
		maxRequests = Math.max(maxRequests, poll.requests);
		if (polls > 10000) throw new Error('the trigger did not settle');
	} while (!trigger.settled);
	return { polls, requests, emitted, maxRequests };
}

export async function benchTrigger(candidates: number, budget = 25, seedBudget = 500): Promise<TriggerFigures> {
	const emulator = await freshEmulator();
	try {
		await emulator.control.reset();
		const ids: string[] = [];
		for (let i = 0; i < candidates; i++) {
			const candidate = emulator.state.createCandidate({});
			ids.push(candidate.id);
			completeNewAnalysis(emulator, candidate.id);
		}
		const analysisIds = [...emulator.state.interviews.values()].map((interview) => interview.analysis?.id);
		const trigger = new Trigger(emulator);
		const seeding = await pollUntilSettled(trigger, seedBudget);
		if (seeding.emitted) throw new Error('seeding emitted analyses that existed before activation');

		// Idle: one poll at the budget, then the rest of its scan cycle.
		const idle = await pollUntilSettled(trigger, budget);
		const first = await trigger.poll(budget);
		const rest = trigger.settled ? { polls: 0, requests: 0 } : await pollUntilSettled(trigger, budget);

		const completions: TriggerFigures['completions'] = [];
		for (const k of [1, 10, 100]) {
			for (let i = 0; i < k; i++) completeNewAnalysis(emulator, ids[(i * 7919 + k) % ids.length]);
			let polls = 0;
			let requests = 0;
			let emitted = 0;
			let maxRequestsInAPoll = 0;
			let firstPollRequests = 0;
			while (emitted < k) {
				const poll = await trigger.poll(budget);
				if (polls === 0) firstPollRequests = poll.requests;
				polls++;
				requests += poll.requests;
				emitted += poll.emitted;
				maxRequestsInAPoll = Math.max(maxRequestsInAPoll, poll.requests);
				if (polls > 1000) throw new Error(`only ${emitted} of ${k} analyses emitted`);
			}
			// Finish the scan cycle so the next k starts from an idle trigger.
			if (!trigger.settled) {
				const rest = await pollUntilSettled(trigger, budget);
				if (rest.emitted) throw new Error(`${rest.emitted} analyses emitted twice`);
				maxRequestsInAPoll = Math.max(maxRequestsInAPoll, rest.maxRequests);
			}
			completions.push({ k, firstPollRequests, pollsToEmitAll: polls, requestsToEmitAll: requests, maxRequestsInAPoll, emitted });
		}
		const requestsPerPoll = Math.ceil(candidates / 100) + candidates;
		void idle;
		return {
			candidates,
			budget,
			seeding: { polls: seeding.polls, requests: seeding.requests },
			idle: {
				requests: first.requests,
				pollsPerScanCycle: 1 + rest.polls,
				requestsPerScanCycle: first.requests + rest.requests,
				floor: Math.ceil(candidates / 100),
			},
			completions,
			stateBytes: Buffer.byteLength(JSON.stringify(trigger.staticData)),
			baseline: {
				requestsPerPoll,
				// It has to remember which analyses it already emitted: their ids.
				stateBytes: Buffer.byteLength(JSON.stringify(analysisIds)),
				minutesPerPollAt60PerMinute: requestsPerPoll / 60,
			},
		};
	} finally {
		await emulator.close();
	}
}
