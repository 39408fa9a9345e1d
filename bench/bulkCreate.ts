/**
 * Bulk create: 1,000 inline-candidate interviews against an emulator limit of L requests per
 * window. The emulator's window is shortened (W ms stands for a minute) so the run is short;
 * the bound is then 1,000 / L windows.
 */
import { DEMO_IDS } from '../test/emulator';
import { freshEmulator, measure, runNode } from './common';

export interface BulkFigures {
	items: number;
	limitPerWindow: number;
	windowMs: number;
	failed: number;
	created: number;
	responses429: number;
	wallMs: number;
	boundMs: number;
	ratio: number;
}

export async function benchBulkCreate(items = 1000, limitPerWindow = 100, windowMs = 1000): Promise<BulkFigures> {
	const emulator = await freshEmulator();
	try {
		await emulator.control.setRateLimit({ perMinute: limitPerWindow, perHour: 1_000_000, windowMs });
		await emulator.control.clearRequests();
		const gdprExpiryDate = new Date(Date.now() + 400 * 86400000).toISOString().slice(0, 10);
		const parameters = Array.from({ length: items }, (_, i) => ({
			resource: 'interview',
			operation: 'create',
			agentId: DEMO_IDS.agents.generic,
			candidateSource: 'new',
			firstName: 'Bulk',
			lastName: `Row ${i}`,
			email: `bulk${i}@example.com`,
			phoneNumber: '',
			gdprExpiryDate,
			jobSource: 'none',
			start: 'immediately',
			options: {},
		}));
		const before = emulator.state.interviews.size;
		// The first window may already be partly used by nothing; the bound counts whole windows.
		const run = await measure(() => runNode(emulator, parameters, items));
		const posts = await emulator.control.requests({ method: 'POST', path: '/interviews' });
		const boundMs = (items / limitPerWindow) * windowMs;
		return {
			items,
			limitPerWindow,
			windowMs,
			failed: run.result.filter((item) => item.json.error).length,
			created: emulator.state.interviews.size - before,
			responses429: posts.filter((request) => request.status === 429).length,
			wallMs: run.wallMs,
			boundMs,
			ratio: run.wallMs / boundMs,
		};
	} finally {
		await emulator.close();
	}
}
