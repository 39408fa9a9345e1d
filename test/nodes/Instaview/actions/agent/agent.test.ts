import { byId, DEMO_IDS, runInstaview, useEmulator } from '../../../../helpers/instaview';

const ctx = useEmulator();
const agent = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'agent', operation, ...parameters });

describe('Agent → Get, Get Many', () => {
	test('Get: type, focus, language and duration readable; raw keeps everything', async () => {
		const { output } = await runInstaview(ctx.emulator, { parameters: agent('get', { agentId: byId(DEMO_IDS.agents.screening), simplify: true }) });
		expect(output[0].json).toMatchObject({ id: DEMO_IDS.agents.screening, name: 'Screening (EN)', type: 'ONLINE', focus: 'SCREENING', language: 'EN', durationMinutes: 20 });
		const raw = await runInstaview(ctx.emulator, { parameters: agent('get', { agentId: byId(DEMO_IDS.agents.screening), simplify: false }) });
		expect(raw.output[0].json).toMatchObject({ duration: 20, companyId: expect.any(String) });
	});

	test('Get Many: every agent; the focus filter is applied by the node (the list has no filters)', async () => {
		const all = await runInstaview(ctx.emulator, { parameters: agent('getAll', { returnAll: true, filters: {}, simplify: true }) });
		expect(all.output.map((item) => item.json.id).sort()).toEqual([DEMO_IDS.agents.screening, DEMO_IDS.agents.generic].sort());
		await ctx.emulator.control.clearRequests();
		const generic = await runInstaview(ctx.emulator, { parameters: agent('getAll', { returnAll: false, limit: 10, filters: { focus: 'GENERIC', type: 'ONLINE' }, simplify: true }) });
		expect(generic.output.map((item) => item.json.name)).toEqual(['Talent pool conversation']);
		const [list] = await ctx.emulator.control.requests({ path: '/agents' });
		expect(list.query).toEqual({ page: '1', limit: '100' });
	});

	test('Get Many with a limit reads no more than needed', async () => {
		await ctx.emulator.control.seed({ agents: 120 });
		const { output } = await runInstaview(ctx.emulator, { parameters: agent('getAll', { returnAll: false, limit: 5, filters: {}, simplify: true }) });
		expect(output).toHaveLength(5);
		expect((await ctx.emulator.control.requests({ path: '/agents' })).map((r) => r.query)).toEqual([{ page: '1', limit: '5' }]);
	});

	test('an unknown agent is named; a bad ID is refused before any request', async () => {
		const id = 'a9e00001-0000-4000-8000-0000000000ff';
		const missing = await runInstaview(ctx.emulator, { parameters: agent('get', { agentId: byId(id), simplify: true }) });
		expect(missing.error?.message).toBe(`InstaView could not find the agent ${id}`);
		await ctx.emulator.control.clearRequests();
		const bad = await runInstaview(ctx.emulator, { parameters: agent('get', { agentId: byId('screening'), simplify: true }) });
		expect(bad.error?.message).toMatch(/^Agent: /);
		expect(await ctx.emulator.control.requests({})).toHaveLength(0);
	});
});
