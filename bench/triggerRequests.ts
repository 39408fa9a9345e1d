/** A trigger polled at a given budget, for benchmarks that count requests per poll (e.g. details). */
import type { IDataObject } from 'n8n-workflow';

import { InstaviewTrigger } from '../nodes/Instaview/InstaviewTrigger.node.ts';
import { migrateState } from '../nodes/Instaview/trigger/polling/storage.ts';
import { advanceInterview } from '../test/emulator/lifecycle';
import { createFakeContext } from '../test/helpers/context';
import type { Emulator } from '../test/emulator';
import { DEMO_API_KEY } from './common';

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
		const state = migrateState(this.staticData);
		return !!state && state.phase === 'live' && !state.checking && state.queue.length === 0 && state.scan.page === 1;
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
