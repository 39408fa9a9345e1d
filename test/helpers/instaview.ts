/** Shared set-up for tests that run the InstaView node against the emulator. */
import type { INodeExecutionData } from 'n8n-workflow';

import { Instaview } from '../../nodes/Instaview/Instaview.node';
import { resetRateLimitTracking, transportSettings } from '../../nodes/Instaview/transport';
import { DEMO_API_KEY, startEmulator, type Emulator, type EmulatorOptions } from '../emulator';
import { createFakeContext, type FakeContextOptions, type TestCredentials } from './context';

export { DEMO_API_KEY };
import { DEMO_IDS } from '../emulator';

export { DEMO_IDS };

const defaults = { ...transportSettings };

/** Starts one emulator for the file; every test begins with demo data, no faults, an empty log. */
export function useEmulator(options: EmulatorOptions = {}): { readonly emulator: Emulator } {
	const holder = {} as { emulator: Emulator };
	beforeAll(async () => {
		holder.emulator = await startEmulator(options);
	});
	beforeEach(async () => {
		await holder.emulator.control.reset();
		await holder.emulator.control.seed({ demo: true });
		await holder.emulator.control.clearRequests();
		resetRateLimitTracking();
		Object.assign(transportSettings, defaults, { backoffMs: 5, timeoutMs: 5000, maxRateLimitWaitMs: 10000 });
	});
	afterAll(async () => {
		Object.assign(transportSettings, defaults);
		await holder.emulator?.close();
	});
	return holder;
}

export function credentialsFor(emulator: Emulator, overrides: Partial<TestCredentials> = {}): TestCredentials {
	return { apiKey: DEMO_API_KEY, baseUrl: emulator.url, ...overrides };
}

export interface RunResult {
	output: INodeExecutionData[];
	error?: Error & { description?: string; httpCode?: string | null; context?: { itemIndex?: number } };
}

export interface RunOptions extends Partial<Omit<FakeContextOptions, 'parameters'>> {
	parameters: FakeContextOptions['parameters'];
}

/** Runs the node once with these parameters and returns its items, or the error it threw. */
export async function runInstaview(emulator: Emulator, options: RunOptions): Promise<RunResult> {
	const { context } = createFakeContext({ credentials: credentialsFor(emulator), ...options });
	try {
		const [output] = await new Instaview().execute.call(context);
		return { output };
	} catch (error) {
		return { output: [], error: error as RunResult['error'] };
	}
}

/** A resource locator value as n8n stores it. */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

export function interviewParameters(operation: string, parameters: Record<string, unknown>) {
	return { resource: 'interview', operation, ...parameters };
}

/** Requests the API saw (control calls are not logged). */
export async function apiRequests(emulator: Emulator, method?: string) {
	return emulator.control.requests(method ? { method } : {});
}

/** Create with an existing candidate (Jane), no job, starting now: the smallest valid create. */
export function minimalCreateParameters(overrides: Record<string, unknown> = {}) {
	return interviewParameters('create', {
		agentId: byId(DEMO_IDS.agents.screening),
		candidateSource: 'existing',
		candidateId: byId(DEMO_IDS.candidates.jane),
		jobSource: 'none',
		start: 'immediately',
		options: {},
		...overrides,
	});
}
