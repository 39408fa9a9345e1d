import { apiRequests, byId, DEMO_IDS, interviewParameters, runInstaview, useEmulator } from '../../../../helpers/instaview';

const ctx = useEmulator();
const inDays = (days: number) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);

const newCandidate = {
	candidateSource: 'new',
	firstName: 'Jane',
	lastName: 'Doe',
	email: 'jane.doe@example.com',
	phoneNumber: '+421 905 123 456',
	gdprExpiryDate: inDays(200),
};
const seedJob = {
	jobSource: 'new',
	jobTitle: 'Senior Backend Engineer',
	jobDetails: {
		jobDescription: 'We are looking for a senior engineer...',
		requiredSkills: 'TypeScript, NestJS, PostgreSQL',
		niceToHaveSkills: 'Redis, AWS',
		languages: ['EN'],
		experience: 'SENIOR',
		contractType: 'FULL_TIME',
	},
};
// What the Interviews page documents for the inline job (its own field names, not POST /jobs').
const seedJobBody = {
	jobTitle: 'Senior Backend Engineer',
	jobDescription: 'We are looking for a senior engineer...',
	requiredSkills: ['TypeScript', 'NestJS', 'PostgreSQL'],
	niceToHaveSkills: ['Redis', 'AWS'],
	languages: ['EN'],
	experience: 'SENIOR',
	contractType: 'FULL_TIME',
};
const candidateBody = {
	firstName: 'Jane',
	lastName: 'Doe',
	email: 'jane.doe@example.com',
	phoneNumber: '+421905123456',
	gdprExpiryDate: inDays(200),
};

async function create(parameters: Record<string, unknown>, agent = DEMO_IDS.agents.screening) {
	const result = await runInstaview(ctx.emulator, {
		parameters: interviewParameters('create', {
			agentId: byId(agent),
			candidateSource: 'existing',
			jobSource: 'none',
			start: 'immediately',
			options: {},
			...parameters,
		}),
	});
	const posts = await apiRequests(ctx.emulator, 'POST');
	return { ...result, posts };
}

describe('Interview → Create sends exactly one documented shape', () => {
	test('existing candidate, no job: InstaView picks the candidate\'s only job', async () => {
		const { output, error, posts } = await create({ candidateId: byId(DEMO_IDS.candidates.jane) });
		expect(error).toBeUndefined();
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toEqual({ agentId: DEMO_IDS.agents.screening, candidateId: DEMO_IDS.candidates.jane });
		expect(output[0].json).toMatchObject({ candidateId: DEMO_IDS.candidates.jane, jobId: DEMO_IDS.jobs.backend, status: 'SCHEDULED' });
	});

	test('existing candidate and existing job', async () => {
		const { output, error, posts } = await create({
			candidateId: byId(DEMO_IDS.candidates.peter),
			jobSource: 'existing',
			jobId: { __rl: true, mode: 'list', value: DEMO_IDS.jobs.designer },
		});
		expect(error).toBeUndefined();
		expect(posts[0].body).toEqual({
			agentId: DEMO_IDS.agents.screening,
			candidateId: DEMO_IDS.candidates.peter,
			jobId: DEMO_IDS.jobs.designer,
		});
		expect(output[0].json.jobId).toBe(DEMO_IDS.jobs.designer);
	});

	test('existing candidate with the seed\'s inline job: the job is persisted and linked', async () => {
		const { output, error, posts } = await create({ candidateId: byId(DEMO_IDS.candidates.jane), ...seedJob });
		expect(error).toBeUndefined();
		expect(posts[0].body).toEqual({ agentId: DEMO_IDS.agents.screening, candidateId: DEMO_IDS.candidates.jane, job: seedJobBody });
		const jobId = output[0].json.jobId as string;
		const job = ctx.emulator.state.jobs.get(jobId);
		expect(job?.title).toBe('Senior Backend Engineer');
		expect(ctx.emulator.state.candidates.get(DEMO_IDS.candidates.jane)?.jobIds).toContain(jobId);
	});

	test('new candidate without a job, with a generic agent (talent pool)', async () => {
		const { output, error, posts } = await create(newCandidate, DEMO_IDS.agents.generic);
		expect(error).toBeUndefined();
		expect(posts[0].body).toEqual({ agentId: DEMO_IDS.agents.generic, candidate: candidateBody });
		const candidate = ctx.emulator.state.candidates.get(output[0].json.candidateId as string);
		expect(candidate).toMatchObject({ firstName: 'Jane', phoneNumber: '+421905123456', jobIds: [] });
	});

	test('new candidate for an existing job', async () => {
		const { output, error, posts } = await create({ ...newCandidate, jobSource: 'existing', jobId: byId(DEMO_IDS.jobs.backend) });
		expect(error).toBeUndefined();
		expect(posts[0].body).toEqual({ agentId: DEMO_IDS.agents.screening, candidate: candidateBody, jobId: DEMO_IDS.jobs.backend });
		expect(output[0].json.jobId).toBe(DEMO_IDS.jobs.backend);
	});

	test('new candidate in the compact form (candidate.jobId)', async () => {
		const { output, error, posts } = await create({ ...newCandidate, candidateOptions: { jobId: DEMO_IDS.jobs.backend } });
		expect(error).toBeUndefined();
		expect(posts[0].body).toEqual({
			agentId: DEMO_IDS.agents.screening,
			candidate: { ...candidateBody, jobId: DEMO_IDS.jobs.backend },
		});
		expect(ctx.emulator.state.candidates.get(output[0].json.candidateId as string)?.jobIds).toEqual([DEMO_IDS.jobs.backend]);
	});

	test('new candidate and new job: both created and linked', async () => {
		const { output, error, posts } = await create({ ...newCandidate, ...seedJob });
		expect(error).toBeUndefined();
		expect(posts[0].body).toEqual({ agentId: DEMO_IDS.agents.screening, candidate: candidateBody, job: seedJobBody });
		const interview = output[0].json;
		const candidate = ctx.emulator.state.candidates.get(interview.candidateId as string);
		expect(candidate?.jobIds).toEqual([interview.jobId]);
		expect(candidate?.interviewCount).toBe(1);
	});

	test('inline job with every field: education, location and salary as the Jobs API shapes them', async () => {
		const { error, posts } = await create({
			candidateId: byId(DEMO_IDS.candidates.jane),
			jobSource: 'new',
			jobTitle: 'Data Engineer',
			jobDetails: { education: ['BACHELOR_LEVEL', 'MASTER_LEVEL'], languages: ['EN', 'SK'], experience: 'THREE_TO_5_YEARS' },
			location: { workMode: 'HYBRID', city: 'Bratislava', countryCode: 'SK' },
			salary: { min: 40000, max: 60000, currency: 'EUR', period: 'YEARLY' },
		});
		expect(error).toBeUndefined();
		expect(posts[0].body).toMatchObject({
			job: {
				jobTitle: 'Data Engineer',
				education: ['BACHELOR_LEVEL', 'MASTER_LEVEL'],
				languages: ['EN', 'SK'],
				location: { workMode: 'HYBRID', city: 'Bratislava', countryCode: 'SK' },
				salary: { min: 40000, max: 60000, currency: 'EUR', period: 'YEARLY' },
			},
		});
	});

	test('a scheduled time without offset is read in the workflow timezone and sent with its offset', async () => {
		const day = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
		const result = await runInstaview(ctx.emulator, {
			timezone: 'America/New_York',
			parameters: interviewParameters('create', {
				agentId: byId(DEMO_IDS.agents.screening),
				candidateSource: 'existing',
				candidateId: byId(DEMO_IDS.candidates.jane),
				jobSource: 'none',
				start: 'scheduled',
				scheduleTime: `${day}T14:00:00`,
				options: { isTest: true, metadata: '{"externalInterviewId":"INT-789"}' },
			}),
		});
		expect(result.error).toBeUndefined();
		const [post] = await apiRequests(ctx.emulator, 'POST');
		const body = post.body as Record<string, unknown>;
		expect(body.scheduleTime).toMatch(new RegExp(`^${day}T14:00:00-0[45]:00$`));
		expect(Date.parse(body.scheduleTime as string)).toBe(Date.parse(result.output[0].json.scheduledAt as string));
		expect(body).toMatchObject({ isTest: true, metadata: { externalInterviewId: 'INT-789' } });
	});

	test('one item per input row, each paired with its row', async () => {
		const rows = ['Ada', 'Bob', 'Cy'].map((firstName) => ({ ...newCandidate, firstName, email: `${firstName.toLowerCase()}@example.com` }));
		const result = await runInstaview(ctx.emulator, {
			items: rows.map((json) => ({ json })),
			parameters: rows.map((row) =>
				interviewParameters('create', { agentId: byId(DEMO_IDS.agents.generic), jobSource: 'none', start: 'immediately', options: {}, ...row }),
			),
		});
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect((await apiRequests(ctx.emulator, 'POST')).map((r) => (r.body as { candidate: { firstName: string } }).candidate.firstName)).toEqual(['Ada', 'Bob', 'Cy']);
	});
});

describe('Interview → Create output', () => {
	test('simplified by default, like Get: status first, the metadata kept, IDs last', async () => {
		const { output } = await create({ candidateId: byId(DEMO_IDS.candidates.jane), options: { metadata: '{"externalInterviewId":"INT-789"}' } });
		const keys = Object.keys(output[0].json);
		expect(keys[0]).toBe('status');
		expect(keys.slice(-5)).toEqual(['id', 'candidateId', 'jobId', 'agentId', 'analysisId']);
		expect(output[0].json.metadata).toEqual({ externalInterviewId: 'INT-789' });
	});

	test('Simplify off returns InstaView\'s response as it is', async () => {
		const { output } = await create({ candidateId: byId(DEMO_IDS.candidates.jane), options: { simplify: false } });
		expect(output[0].json).toHaveProperty('createdAt');
		expect(output[0].json).not.toHaveProperty('analysisStatus');
	});
});
