/**
 * Shared pieces of the benchmarks: one in-process emulator, and the node under the fake n8n
 * context of the tests. The node files are imported with their .ts extension because a bare
 * "Instaview.node" would resolve to the codex file Instaview.node.json under tsx.
 */
import { Instaview } from '../nodes/Instaview/Instaview.node.ts';
import { resetRateLimitTracking, transportSettings } from '../nodes/Instaview/transport/index.ts';
import { DEMO_API_KEY, startEmulator, type Emulator } from '../test/emulator';
import { createFakeContext } from '../test/helpers/context';

export { DEMO_API_KEY };

export async function freshEmulator(): Promise<Emulator> {
	const emulator = await startEmulator({ rateLimit: { perMinute: 1_000_000, perHour: 10_000_000 } });
	await emulator.control.seed({ demo: true });
	return emulator;
}

export async function runNode(emulator: Emulator, parameters: Record<string, unknown> | Array<Record<string, unknown>>, items = 1) {
	resetRateLimitTracking();
	const { context } = createFakeContext({
		parameters,
		credentials: { apiKey: DEMO_API_KEY, baseUrl: emulator.url },
		items: Array.from({ length: items }, () => ({ json: {} })),
		continueOnFail: true,
	});
	const [output] = await new Instaview().execute.call(context);
	return output;
}

export interface Measured<T> {
	result: T;
	wallMs: number;
	cpuMs: number;
}

/** Wall and CPU time of one run (CPU is the whole process: node, harness and emulator). */
export async function measure<T>(run: () => Promise<T>): Promise<Measured<T>> {
	const cpu = process.cpuUsage();
	const started = process.hrtime.bigint();
	const result = await run();
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	const used = process.cpuUsage(cpu);
	return { result, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const defaultTransport = { ...transportSettings };
export { transportSettings };
