/** Get Usage inside n8n's engine, with the parameters the editor leaves at their defaults. */
import { runAction, useEngineWithDemo } from '../../../../helpers/engine';

const { engine, kit, demoCredentials } = useEngineWithDemo();

test('Billing → Get Usage with the editor\'s defaults left out reads the last 30 days, one summary item', async () => {
	const { items, error } = await runAction(engine, {
		credentials: demoCredentials(),
		parameters: { resource: 'billing', operation: 'getUsage' },
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(1);
	expect(items[0].json).toMatchObject({ totalInterviews: expect.any(Number), totalMinutesUsed: expect.any(Number), companyCount: 1, periodStart: null });
	expect((await kit.emu.control.requests({}))[0].query).toEqual({});
});
