import { searchAgents, searchCandidates, searchJobs } from '../../../../nodes/Instaview/methods/listSearch';
import { createFakeContext } from '../../../helpers/context';
import { credentialsFor, DEMO_IDS, useEmulator } from '../../../helpers/instaview';

const ctx = useEmulator();
const context = () => createFakeContext({ parameters: {}, credentials: credentialsFor(ctx.emulator) }).context;

describe('"From list" searches', () => {
	test('candidates are searched by InstaView and labelled with name and contact', async () => {
		const { results } = await searchCandidates.call(context(), 'jane');
		expect(results).toEqual([expect.objectContaining({ value: DEMO_IDS.candidates.jane, name: expect.stringMatching(/^Jane /) })]);
		expect((await ctx.emulator.control.requests())[0].query).toMatchObject({ search: 'jane', limit: '100' });
	});

	test('agents and jobs (no documented search parameter) are filtered on the page', async () => {
		const agents = await searchAgents.call(context(), 'screening');
		expect(agents.results.map((r) => r.value)).toContain(DEMO_IDS.agents.screening);
		expect(agents.results.map((r) => r.value)).not.toContain(DEMO_IDS.agents.generic);
		const jobs = await searchJobs.call(context());
		expect(jobs.results.map((r) => r.value).sort()).toEqual(Object.values(DEMO_IDS.jobs).sort());
	});

	test('more than a page of candidates continues with a pagination token', async () => {
		await ctx.emulator.control.seed({ candidates: 150 });
		const first = await searchCandidates.call(context());
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2');
		const second = await searchCandidates.call(context(), undefined, first.paginationToken);
		expect(second.results.length).toBeGreaterThan(50);
		expect(second.paginationToken).toBeUndefined();
	});
});
