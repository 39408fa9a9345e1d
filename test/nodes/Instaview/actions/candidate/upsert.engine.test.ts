/**
 * Create or Update inside n8n's engine: expressions resolved per item and one execution
 * context per run, so the candidate list is read once per run and shared by its items.
 */
import { DEMO_API_KEY } from '../../../../emulator';
import { startKit, type Kit } from '../../../../emulator/testkit';
import { runAction, useEngine } from '../../../../helpers/engine';

const engine = useEngine();
let kit: Kit;

beforeAll(async () => {
	kit = await startKit();
});
beforeEach(async () => {
	await kit.emu.control.reset();
	await kit.emu.control.seed({ demo: true });
	await kit.emu.control.clearRequests();
});
afterAll(async () => {
	await kit?.emu.close();
});

const rows = [
	{ firstName: 'Sofia', lastName: 'Martin', email: 'sofia.martin@example.com' },
	{ firstName: 'Lucas', lastName: 'Novak', email: 'lucas.novak@example.com' },
	{ firstName: 'Sofia', lastName: 'Martin', email: ' Sofia.Martin@example.com' },
];

const sync = () =>
	runAction(engine, {
		credentials: { apiKey: DEMO_API_KEY, baseUrl: kit.emu.url },
		items: rows.map((json) => ({ json })),
		parameters: {
			resource: 'candidate',
			operation: 'upsert',
			firstName: '={{ $json.firstName }}',
			lastName: '={{ $json.lastName }}',
			email: '={{ $json.email }}',
			gdprExpiryDate: "={{ $now.plus({ years: 1 }).endOf('year').toISODate() }}",
		},
	});

test('a sheet synced twice through the engine: one read per run, the second run writes nothing', async () => {
	const first = await sync();
	expect(first.error).toBeUndefined();
	expect(first.items.map((item) => [item.json.upsertResult, item.pairedItem])).toEqual([
		['created', { item: 0 }],
		['created', { item: 1 }],
		['unchanged', { item: 2 }],
	]);
	expect(first.items[2].json.id).toBe(first.items[0].json.id);
	expect((await kit.emu.control.requests({})).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /candidates', 'POST /candidates', 'POST /candidates']);

	await kit.emu.control.clearRequests();
	const second = await sync();
	expect(second.items.map((item) => item.json.upsertResult)).toEqual(['unchanged', 'unchanged', 'unchanged']);
	expect((await kit.emu.control.requests({})).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /candidates']);
});
