/** Get Usage inside n8n's engine, with the parameters the editor leaves at their defaults. */
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

test('Billing → Get Usage with the editor\'s defaults left out reads the last 30 days, one summary item', async () => {
	const { items, error } = await runAction(engine, {
		credentials: { apiKey: DEMO_API_KEY, baseUrl: kit.emu.url },
		parameters: { resource: 'billing', operation: 'getUsage' },
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(1);
	expect(items[0].json).toMatchObject({ totalInterviews: expect.any(Number), totalMinutesUsed: expect.any(Number), companyCount: 1, periodStart: null });
	expect((await kit.emu.control.requests({}))[0].query).toEqual({});
});
