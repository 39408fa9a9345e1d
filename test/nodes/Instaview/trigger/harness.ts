/** Shared set-up for the InstaView Trigger tests: runs polls against the emulator like n8n does. */
import axios from 'axios';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { InstaviewTrigger } from '../../../../nodes/Instaview/InstaviewTrigger.node';
import { resetRateLimitTracking, transportSettings } from '../../../../nodes/Instaview/transport';
import type { TriggerState } from '../../../../nodes/Instaview/trigger/polling/state';
import { migrateState } from '../../../../nodes/Instaview/trigger/polling/storage';
import { DEMO_API_KEY, startEmulator, type Emulator, type EmulatorOptions, type Interview } from '../../../emulator';
import { advanceInterview } from '../../../emulator/lifecycle';
import type { AdvanceInterviewBody } from '../../../emulator/types';
import { createFakeContext, type TestCredentials } from '../../../helpers/context';

const defaults = { ...transportSettings };

/** One emulator per file, emptied before each test (no demo data), fast back-off. */
export function useTriggerEmulator(options: EmulatorOptions = {}): { readonly emulator: Emulator } {
	const holder = {} as { emulator: Emulator };
	beforeAll(async () => {
		holder.emulator = await startEmulator(options);
	});
	beforeEach(async () => {
		await holder.emulator.control.reset();
		if (options.rateLimit) await holder.emulator.control.setRateLimit(options.rateLimit);
		resetRateLimitTracking();
		Object.assign(transportSettings, defaults, { backoffMs: 5, timeoutMs: 5000 });
	});
	afterAll(async () => {
		Object.assign(transportSettings, defaults);
		await holder.emulator?.close();
	});
	return holder;
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export interface TriggerParameters {
	event?: 'analysisCompleted' | 'analysisCompletedOrFailed';
	scope?: 'all' | 'job' | 'candidate';
	jobId?: string;
	candidateId?: string;
	options?: IDataObject;
}

export function parameters(p: TriggerParameters = {}): Record<string, unknown> {
	return {
		event: p.event ?? 'analysisCompleted',
		scope: p.scope ?? 'all',
		jobId: byId(p.jobId ?? ''),
		candidateId: byId(p.candidateId ?? ''),
		options: p.options ?? {},
	};
}

export interface PollResult {
	items: INodeExecutionData[];
	returnedNull: boolean;
	error?: Error & { httpCode?: string | null };
	logs: string[];
}

/**
 * A trigger node as n8n keeps it between polls: its static data survives, and is passed
 * through JSON between every poll (as the database would).
 */
export class TriggerHarness {
	staticData: IDataObject = {};
	credentials: TestCredentials;

	constructor(
		readonly emulator: Emulator,
		public params: Record<string, unknown>,
		credentials: Partial<TestCredentials> = {},
	) {
		this.credentials = { apiKey: DEMO_API_KEY, baseUrl: emulator.url, ...credentials };
	}

	async poll(mode: 'trigger' | 'manual' = 'trigger', pollBudgetMs?: number): Promise<PollResult> {
		this.staticData = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
		const { context, logs } = createFakeContext({
			parameters: this.params,
			credentials: this.credentials,
			mode,
			staticData: this.staticData,
			nodeType: 'n8n-nodes-instaview.instaviewTrigger',
			pollBudgetMs,
		});
		try {
			const result = await new InstaviewTrigger().poll.call(context);
			return { items: result?.[0] ?? [], returnedNull: result === null, logs };
		} catch (error) {
			return { items: [], returnedNull: false, error: error as PollResult['error'], logs };
		}
	}

	stateBytes(): number {
		return Buffer.byteLength(JSON.stringify(this.staticData));
	}
}

/** Direct (in-process) test data: fast and free of the rate limit. */
export function addCandidate(emulator: Emulator, jobIds: string[] = []) {
	return emulator.state.createCandidate({ jobIds });
}

export function addInterview(emulator: Emulator, candidateId: string, agentId?: string): Interview {
	return emulator.state.createInterview({ candidateId, ...(agentId ? { agentId } : {}) });
}

export function advance(emulator: Emulator, interviewId: string, body: AdvanceInterviewBody): Interview {
	return advanceInterview(emulator.state, interviewId, body);
}

/** A candidate with one interview whose analysis is already COMPLETED. */
export function completedCandidate(emulator: Emulator, rating = 80, jobIds: string[] = []) {
	const candidate = addCandidate(emulator, jobIds);
	const interview = addInterview(emulator, candidate.id);
	advance(emulator, interview.id, { status: 'COMPLETED', analysisStatus: 3, overallRating: rating });
	return { candidate, interview };
}

/** Analysis ids in the emulator with one of these statuses (the ground truth). */
export function analysesWithStatus(emulator: Emulator, statuses: number[]): string[] {
	const ids: string[] = [];
	for (const interview of emulator.state.interviews.values()) {
		if (!interview.deletedAt && interview.analysis && statuses.includes(interview.analysis.general.status)) {
			ids.push(interview.analysis.id);
		}
	}
	return ids;
}

/** The stored state, read the way the trigger reads it (whatever version it was written in). */
export function stateOf(staticData: IDataObject): TriggerState {
	const state = migrateState(staticData);
	if (!state) throw new Error('no trigger state');
	return state;
}

/** Seeding done, nothing queued, the scan back at its first page (the walk goes on for ever). */
export function isSettled(staticData: IDataObject): boolean {
	const state = migrateState(staticData);
	return !!state && state.phase === 'live' && !state.checking && state.queue.length === 0 && state.scan.page === 1;
}

export const queuedIds = (staticData: IDataObject) => stateOf(staticData).queue.map((entry) => entry.id);

export const analysisIdOf = (item: INodeExecutionData) => String(item.json.analysisId ?? (item.json.analysis as IDataObject)?.id);

export interface StateMeasurement {
	candidates: number;
	/** Polls (and requests) it took until seeding and verification were done. */
	seedingPolls: number;
	seedingRequests: number;
	/** Requests of one idle poll at the given budget, and of one full scan cycle. */
	idlePollRequests: number;
	fullCycleRequests: number;
	/** Polls one scan cycle spans at that budget (the worst-case delay before a count rise is seen). */
	pollsPerCycle: number;
	stateBytes: number;
	/** Reading every candidate's interviews each poll: ceil(C/100) + C requests. */
	baselineRequestsPerPoll: number;
}

/**
 * Seeds `candidates` candidates, each with one completed analysis, runs the trigger until
 * seeding and verification are done (budget `seedBudget`), then measures an idle poll at
 * `maxRequests` and the size of the stored state.
 */
export async function measureStateSize(emulator: Emulator, candidates: number, maxRequests = 25, seedBudget = 500): Promise<StateMeasurement> {
	for (let i = 0; i < candidates; i++) completedCandidate(emulator);
	const trigger = new TriggerHarness(emulator, parameters({ options: { maxRequests: seedBudget } }));
	await emulator.control.clearRequests();
	let seedingPolls = 0;
	for (;;) {
		const result = await trigger.poll();
		if (result.error) throw result.error;
		seedingPolls++;
		if (isSettled(trigger.staticData)) break;
	}
	const seedingRequests = (await emulator.control.requests()).length;
	trigger.params = parameters({ options: { maxRequests } });
	// Start the measured cycle at page 1.
	while (stateOf(trigger.staticData).scan.page !== 1) await trigger.poll();
	await emulator.control.clearRequests();
	const first = await trigger.poll();
	if (first.items.length || first.error) throw new Error('the idle poll was not idle');
	const idlePollRequests = (await emulator.control.requests()).length;
	let pollsPerCycle = 1;
	while (stateOf(trigger.staticData).scan.page !== 1) {
		await trigger.poll();
		pollsPerCycle++;
	}
	const fullCycleRequests = (await emulator.control.requests()).length;
	return {
		candidates,
		seedingPolls,
		seedingRequests,
		idlePollRequests,
		fullCycleRequests,
		pollsPerCycle,
		stateBytes: trigger.stateBytes(),
		baselineRequestsPerPoll: Math.ceil(candidates / 100) + candidates,
	};
}

/**
 * A virtual clock for the node and the in-process emulator together (both read Date.now), so
 * "one poll a minute" under real rate-limit windows runs in milliseconds.
 */
export class VirtualClock {
	private offset = 0;
	private readonly realNow = Date.now.bind(Date);
	private spy?: jest.SpyInstance<number, []>;

	install(): this {
		this.spy = jest.spyOn(Date, 'now').mockImplementation(() => this.realNow() + this.offset);
		return this;
	}

	advance(ms: number): void {
		this.offset += ms;
	}

	uninstall(): void {
		this.spy?.mockRestore();
	}
}

/** Requests another workflow sends with the same key (they spend the same quota). */
export async function otherTraffic(emulator: Emulator, requests: number): Promise<number[]> {
	const statuses: number[] = [];
	for (let i = 0; i < requests; i++) {
		const response = await axios.get(`${emulator.url}/agents`, {
			params: { limit: 1 },
			headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
			validateStatus: () => true,
			proxy: false,
		});
		statuses.push(response.status);
	}
	return statuses;
}
