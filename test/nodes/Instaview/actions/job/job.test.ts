import { byId, DEMO_IDS, runInstaview, useEmulator } from '../../../../helpers/instaview';

const ctx = useEmulator();
const job = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'job', operation, ...parameters });
const logged = (method: string, path?: string) => ctx.emulator.control.requests({ method, ...(path ? { path } : {}) });
const minimalCreate = { title: 'Data Engineer', description: 'Build and run our data pipelines.', status: 'OPEN', jobDetails: {}, location: {}, salary: {} };

describe('Job → Create', () => {
	test('sends the Jobs API\'s names (title, description, status, languageRequirements) with the shared job fields', async () => {
		const { output, error } = await runInstaview(ctx.emulator, {
			parameters: job('create', {
				...minimalCreate,
				jobDetails: {
					requiredSkills: 'Python, SQL',
					niceToHaveSkills: 'Airflow',
					languages: ['EN', 'sk'],
					languageLevel: 'B2',
					education: ['MASTER_LEVEL'],
					experience: 'THREE_TO_5_YEARS',
					contractType: 'FULL_TIME',
					benefits: 'Four-day week',
					jobUrl: 'https://careers.example.com/jobs/42',
					metadata: '{"atsJobId":"J-42"}',
				},
				location: { workMode: 'HYBRID', city: 'Košice', countryCode: 'SK' },
				salary: { min: 40000, max: 55000, currency: 'EUR', period: 'YEARLY' },
			}),
		});
		expect(error).toBeUndefined();
		const [post] = await logged('POST', '/jobs');
		expect(post.status).toBe(201);
		expect(post.body).toEqual({
			title: 'Data Engineer',
			description: 'Build and run our data pipelines.',
			status: 'OPEN',
			requiredSkills: ['Python', 'SQL'],
			niceToHaveSkills: ['Airflow'],
			education: ['MASTER_LEVEL'],
			experience: 'THREE_TO_5_YEARS',
			contractType: 'FULL_TIME',
			location: { workMode: 'HYBRID', city: 'Košice', countryCode: 'SK' },
			salary: { min: 40000, max: 55000, currency: 'EUR', period: 'YEARLY' },
			languageRequirements: [{ language: 'EN', proficiency: 'B2' }, { language: 'SK', proficiency: 'B2' }],
			benefits: 'Four-day week',
			jobUrl: 'https://careers.example.com/jobs/42',
			metadata: { atsJobId: 'J-42' },
		});
		expect(output[0].json).toMatchObject({ title: 'Data Engineer', status: 'OPEN', companyId: expect.any(String) });
	});
});

describe('Job → Create From Posting URL', () => {
	test('creates the job from a public posting (201) and outputs it with its source address', async () => {
		const url = ctx.emulator.control.postingUrl('backend-engineer');
		const { output, error } = await runInstaview(ctx.emulator, { parameters: job('createFromUrl', { jobUrl: url, createJob: true }) });
		expect(error).toBeUndefined();
		const [post] = await logged('POST', '/jobs/url');
		expect(post.body).toEqual({ jobUrl: url, createJob: true });
		expect(post.status).toBe(201);
		expect(output[0].json).toMatchObject({ title: 'Senior Backend Engineer (Node.js)', status: 'OPEN', sourceUrl: url, created: true, id: expect.any(String) });
		expect(ctx.emulator.state.jobs.get(String(output[0].json.id))).toBeDefined();
	});

	test('extract only: InstaView answers 200 with the extraction, nothing is created', async () => {
		const jobsBefore = ctx.emulator.state.jobs.size;
		const url = ctx.emulator.control.postingUrl('barista');
		const { output } = await runInstaview(ctx.emulator, { parameters: job('createFromUrl', { jobUrl: url, createJob: false }) });
		expect(output[0].json).toMatchObject({ title: 'Barista (part-time)', contractType: 'PART_TIME', sourceUrl: url, created: false });
		expect(output[0].json).not.toHaveProperty('id');
		expect(ctx.emulator.state.jobs.size).toBe(jobsBefore);
		const [post] = await logged('POST', '/jobs/url');
		expect([post.body, post.status]).toEqual([{ jobUrl: url, createJob: false }, 200]);
	});

	test('a page InstaView cannot read (422): a clear error that says what to do, sent once', async () => {
		const url = ctx.emulator.control.postingUrl('not-a-job');
		const { error } = await runInstaview(ctx.emulator, { parameters: job('createFromUrl', { jobUrl: url, createJob: true }) });
		expect(error?.message).toBe(`InstaView could not read a job posting at ${url}`);
		expect(error?.description).toMatch(/public job posting.*Job → Create/);
		expect(await logged('POST', '/jobs/url')).toHaveLength(1);
	});
});

describe('Job → Get, Get Many, Update, Delete', () => {
	test('Get: simplified without the long texts, raw on request', async () => {
		const simple = await runInstaview(ctx.emulator, { parameters: job('get', { jobId: byId(DEMO_IDS.jobs.backend), simplify: true }) });
		expect(simple.output[0].json).toMatchObject({ id: DEMO_IDS.jobs.backend, title: 'Senior Backend Engineer' });
		expect(simple.output[0].json).not.toHaveProperty('description');
		const raw = await runInstaview(ctx.emulator, { parameters: job('get', { jobId: byId(DEMO_IDS.jobs.backend), simplify: false }) });
		expect(raw.output[0].json).toHaveProperty('description');
	});

	test('Get Many: Return All in pages of 100; Limit', async () => {
		await ctx.emulator.control.seed({ jobs: 148 });
		const all = await runInstaview(ctx.emulator, { parameters: job('getAll', { returnAll: true, simplify: true }) });
		expect(all.output).toHaveLength(150);
		expect((await logged('GET', '/jobs')).map((r) => r.query)).toEqual([{ page: '1', limit: '100' }, { page: '2', limit: '100' }]);
		const some = await runInstaview(ctx.emulator, { parameters: job('getAll', { returnAll: false, limit: 3, simplify: true }) });
		expect(some.output).toHaveLength(3);
	});

	test('Update: only the fields set; location replaced whole', async () => {
		const { output } = await runInstaview(ctx.emulator, {
			parameters: job('update', { jobId: byId(DEMO_IDS.jobs.designer), updateFields: { status: 'CLOSED', title: '' }, location: { workMode: 'REMOTE' }, salary: {} }),
		});
		const [patch] = await logged('PATCH');
		expect(patch.path).toBe(`/jobs/${DEMO_IDS.jobs.designer}`);
		expect(patch.body).toEqual({ status: 'CLOSED', location: { workMode: 'REMOTE' } });
		expect(output[0].json).toMatchObject({ status: 'CLOSED', location: { workMode: 'REMOTE' } });
	});

	test('Delete: {deleted, id}', async () => {
		const { output } = await runInstaview(ctx.emulator, { parameters: job('delete', { jobId: byId(DEMO_IDS.jobs.designer) }) });
		expect(output[0].json).toEqual({ deleted: true, id: DEMO_IDS.jobs.designer });
		expect((await logged('DELETE'))[0].status).toBe(200);
	});
});

// [what is wrong, parameters, the field the error must name]
const badInputs: Array<[string, Record<string, unknown>, string]> = [
	['create: title of 4 characters', job('create', { ...minimalCreate, title: 'Dev!' }), 'Title'],
	['create: description empty', job('create', { ...minimalCreate, description: '' }), 'Description'],
	['create: description of 9 characters', job('create', { ...minimalCreate, description: 'Too short' }), 'Description'],
	['create: status in lower case', job('create', { ...minimalCreate, status: 'open' }), 'Status'],
	['create: 11 skills combined', job('create', { ...minimalCreate, jobDetails: { requiredSkills: 'a,b,c,d,e,f', niceToHaveSkills: 'g,h,i,j,k' } }), 'Required Skills'],
	['create: education outside the list', job('create', { ...minimalCreate, jobDetails: { education: ['BACHELORS'] } }), 'Education'],
	['create: 6 languages', job('create', { ...minimalCreate, jobDetails: { languages: ['EN', 'SK', 'DE', 'FR', 'ES', 'IT'] } }), 'Languages'],
	['create: language level not CEFR', job('create', { ...minimalCreate, jobDetails: { languages: ['EN'], languageLevel: 'native' } }), 'Language Level'],
	['create: job URL not http(s)', job('create', { ...minimalCreate, jobDetails: { jobUrl: 'careers.example.com/42' } }), 'Job URL'],
	['create: salary minimum above maximum', job('create', { ...minimalCreate, salary: { min: 9, max: 1 } }), 'Salary Minimum'],
	['create: metadata not an object', job('create', { ...minimalCreate, jobDetails: { metadata: '"J-42"' } }), 'Metadata'],
	['from URL: empty', job('createFromUrl', { jobUrl: '', createJob: true }), 'Posting URL'],
	['from URL: not a URL', job('createFromUrl', { jobUrl: 'backend engineer job', createJob: true }), 'Posting URL'],
	['from URL: ftp address', job('createFromUrl', { jobUrl: 'ftp://example.com/job', createJob: true }), 'Posting URL'],
	['update: nothing to change', job('update', { jobId: byId(DEMO_IDS.jobs.backend), updateFields: {}, location: {}, salary: {} }), 'Update Fields'],
	['update: title over 200', job('update', { jobId: byId(DEMO_IDS.jobs.backend), updateFields: { title: 'x'.repeat(201) } }), 'Title'],
	['update: job not a UUID', job('update', { jobId: byId('backend'), updateFields: { status: 'OPEN' } }), 'Job'],
	['get: job empty', job('get', { jobId: byId(''), simplify: true }), 'Job'],
	['delete: job not a UUID', job('delete', { jobId: byId('42') }), 'Job'],
];

describe('Job operations refuse bad input before any request', () => {
	test.each(badInputs)('%s', async (_, parameters, field) => {
		const { error } = await runInstaview(ctx.emulator, { parameters });
		expect(error?.message.startsWith(`${field}: `)).toBe(true);
		expect(await ctx.emulator.control.requests({})).toHaveLength(0);
	});
});
