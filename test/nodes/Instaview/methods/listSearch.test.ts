import { languageName, searchAgents, searchCandidates, searchJobs } from '../../../../nodes/Instaview/methods/listSearch';
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

describe('"From list" entries read as words', () => {
	test('agents: name, focus, language and type in words, not enum values', async () => {
		const { results } = await searchAgents.call(context());
		expect(results.find((r) => r.value === DEMO_IDS.agents.screening)?.name).toBe('Screening (EN) · Screening · English · Online');
		expect(results.every((r) => !/[A-Z]{2,}_|· [A-Z]{3,}/.test(r.name))).toBe(true);
	});

	test('jobs and candidates: status in words', async () => {
		const jobs = await searchJobs.call(context());
		expect(jobs.results.find((r) => r.value === DEMO_IDS.jobs.backend)?.name).toBe('Senior Backend Engineer · Open');
		const candidates = await searchCandidates.call(context(), 'jane');
		expect(candidates.results[0].name).toMatch(/^Jane Doe \(jane\.doe@example\.com\) · [A-Z][a-z]+( [A-Z][a-z]+)?$/);
	});

	test('languageName falls back to the code it does not know', () => {
		expect(languageName('SK')).toBe('Slovak');
		expect(languageName('FIL')).toBe('Filipino');
		expect(languageName('UNDEFINED')).toBeUndefined();
	});
});

describe('Job list narrowed to the chosen candidate', () => {
	const withCandidate = (candidateId: unknown, candidateSource = 'existing') =>
		createFakeContext({ parameters: { candidateSource, candidateId }, credentials: credentialsFor(ctx.emulator) }).context;

	test('once an existing candidate is chosen, only that candidate\'s jobs are offered', async () => {
		const { results } = await searchJobs.call(withCandidate({ __rl: true, mode: 'list', value: DEMO_IDS.candidates.jane }));
		expect(results.map((r) => r.value)).toEqual([DEMO_IDS.jobs.backend]);
		const paths = (await ctx.emulator.control.requests()).map((r) => r.path);
		expect(paths).toEqual([`/candidates/${DEMO_IDS.candidates.jane}`, '/jobs']);
	});

	test('a candidate with two jobs gets both; a filter still applies', async () => {
		const peter = DEMO_IDS.candidates.peter;
		const both = await searchJobs.call(withCandidate({ __rl: true, mode: 'id', value: peter }));
		expect(both.results).toHaveLength(2);
		expect(both.results.map((r) => r.value).sort()).toEqual(ctx.emulator.state.candidates.get(peter)!.jobIds.slice().sort());
		const filtered = await searchJobs.call(withCandidate({ __rl: true, mode: 'id', value: peter }), 'designer');
		expect(filtered.results.every((r) => /Designer/.test(r.name))).toBe(true);
	});

	test('the candidate\'s jobs are found past the first page of jobs', async () => {
		await ctx.emulator.control.seed({ jobs: 150 });
		const late = [...ctx.emulator.state.jobs.values()].at(-1)!;
		const candidate = ctx.emulator.state.createCandidate({ firstName: 'Late', jobIds: [late.id] });
		const { results } = await searchJobs.call(withCandidate(candidate.id));
		expect(results.map((r) => r.value)).toEqual([late.id]);
	});

	test('no candidate chosen yet, a new candidate, or an expression: every job', async () => {
		for (const ctxNode of [withCandidate({ __rl: true, mode: 'list', value: '' }), withCandidate(DEMO_IDS.candidates.jane, 'new'), withCandidate('={{ $json.id }}')]) {
			const { results } = await searchJobs.call(ctxNode);
			expect(results.length).toBe(Object.values(DEMO_IDS.jobs).length);
		}
	});
});
