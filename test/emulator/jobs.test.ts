import { DEMO_IDS } from './index';
import {
	atsKey, expect400, expect403Scope, expect404, expectOk, keyWithout, startKit, type Kit,
} from './testkit';

let kit: Kit;
beforeAll(async () => {
	kit = await startKit();
});
afterAll(() => kit.emu.close());
beforeEach(async () => {
	await kit.emu.control.reset();
	await kit.emu.control.setOptions({ listShape: 'nested', bareResponses: false });
});

const OTHER = '9a9a9a9a-0000-4000-8000-000000000009';
const MISSING = '3f1e8b6a-1111-4222-8333-944455556666';
const base = { title: 'Data Engineer', description: 'Build and run our data pipelines.', status: 'OPEN' };

describe('POST /jobs and GET /jobs/{id}', () => {
	it('creates with every documented field and reads it back', async () => {
		const full = {
			...base, jobUrl: 'https://careers.example/jobs/1', benefits: 'Remote', requiredSkills: ['SQL'], niceToHaveSkills: ['dbt'],
			languageRequirements: [{ language: 'EN', proficiency: 'B2' }], education: ['MASTER_LEVEL'], experience: 'SENIOR', contractType: 'FULL_TIME',
			location: { workMode: 'REMOTE', city: 'Bratislava', countryCode: 'SK' }, salary: { min: 1, max: 2, currency: 'EUR', period: 'YEARLY' },
			metadata: { ref: 'J-1' },
		};
		const res = await kit.api.post('/jobs', full);
		expectOk(res, 201);
		const got = (await kit.api.get(`/jobs/${res.data.data.id}`)).data.data;
		expect(got).toMatchObject({ ...full, companyId: DEMO_IDS.companyId });
		expect(typeof got.createdAt).toBe('string');
		expect(got.deletedAt).toBeUndefined();
	});

	it('rules, scopes, 404/403', async () => {
		expect400(await kit.api.post('/jobs', { ...base, title: 'Dev' }), 'title');
		expect400(await kit.api.post('/jobs', { ...base, education: ['BACHELORS'] }), 'education[0]');
		expect400(await kit.api.post('/jobs', { title: base.title, description: base.description }), 'status');
		expect403Scope(await (await keyWithout(kit, 'write:jobs')).post('/jobs', base), 'write:jobs');
		expect403Scope(await (await keyWithout(kit, 'read:jobs')).get(`/jobs/${MISSING}`), 'read:jobs');
		expect404(await kit.api.get(`/jobs/${MISSING}`), 'Job', MISSING);
		const foreign = kit.emu.state.createJob({ companyId: OTHER });
		expect((await kit.api.get(`/jobs/${foreign.id}`)).status).toBe(403);
	});
});

describe('GET /jobs', () => {
	it('own company only, newest first, paginated; only page/limit/companyId accepted', async () => {
		await kit.emu.control.seed({ jobs: 5 });
		kit.emu.state.createJob({ companyId: OTHER });
		const p1 = (await kit.api.get('/jobs', { params: { limit: 2 } })).data.data;
		expect(p1).toMatchObject({ total: 5, page: 1, limit: 2, totalPages: 3 });
		expect(p1.data.map((j: { title: string }) => j.title)).toEqual(['Seeded job 5', 'Seeded job 4']);
		expect((await kit.api.get('/jobs', { params: { limit: 2, page: 3 } })).data.data.data).toHaveLength(1);
		expect400(await kit.api.get('/jobs', { params: { status: 'OPEN' } }), 'status');
		expect400(await kit.api.get('/jobs', { params: { search: 'x' } }), 'search');
		expect403Scope(await (await keyWithout(kit, 'read:jobs')).get('/jobs'), 'read:jobs');
		const ats = await atsKey(kit);
		expect400(await ats.api.get('/jobs'), 'companyId');
		expect((await ats.api.get('/jobs', { params: { companyId: OTHER } })).data.data.total).toBe(1);
	});
});

describe('PATCH /jobs/{id}', () => {
	it('partial update: only sent fields change; whole objects replace; updatedAt bumps', async () => {
		const j = kit.emu.state.createJob({ metadata: { a: 1 }, location: { workMode: 'HYBRID', city: 'Kosice' } });
		await kit.emu.control.advanceClock(60000);
		const res = await kit.api.patch(`/jobs/${j.id}`, { status: 'CLOSED', metadata: { b: 2 }, location: { workMode: 'REMOTE' } });
		expectOk(res);
		expect(res.data.data).toMatchObject({ id: j.id, title: j.title, description: j.description, status: 'CLOSED', metadata: { b: 2 }, location: { workMode: 'REMOTE' } });
		expect(res.data.data.location.city).toBeUndefined();
		expect(res.data.data.updatedAt > j.createdAt).toBe(true);
	});

	it('POST /jobs rules per field; undocumented variants and empty bodies refused', async () => {
		const j = kit.emu.state.createJob();
		const patch = (b: Record<string, unknown>) => kit.api.patch(`/jobs/${j.id}`, b);
		expect400(await patch({ title: 'abc' }), 'title');
		expect400(await patch({ description: 'short' }), 'description');
		expect400(await patch({ status: 'open' }), 'status');
		expect400(await patch({ requiredSkills: Array.from({ length: 11 }, (_, i) => `s${i}`) }), 'requiredSkills');
		expect400(await patch({ descriptionUrl: 'https://x.example' }), 'descriptionUrl');
		expect400(await patch({ workMode: 'REMOTE' }), 'workMode');
		expect400(await patch({}), 'body');
		expect((await kit.api.get(`/jobs/${j.id}`)).data.data.title).toBe(j.title);
	});

	it('404 / 403 / scope write:jobs / ATS companyId', async () => {
		expect404(await kit.api.patch(`/jobs/${MISSING}`, { status: 'OPEN' }), 'Job', MISSING);
		const foreign = kit.emu.state.createJob({ companyId: OTHER });
		expect((await kit.api.patch(`/jobs/${foreign.id}`, { status: 'OPEN' })).status).toBe(403);
		expect403Scope(await (await keyWithout(kit, 'write:jobs')).patch(`/jobs/${foreign.id}`, { status: 'OPEN' }), 'write:jobs');
		const ats = await atsKey(kit);
		expectOk(await ats.api.patch(`/jobs/${foreign.id}`, { status: 'PAUSED' }, { params: { companyId: OTHER } }));
	});
});

describe('DELETE /jobs/{id}', () => {
	it('returns true; 404 afterwards; candidates keep the dangling id; interviews keep their jobId', async () => {
		await kit.emu.control.seed({ demo: true });
		const job = DEMO_IDS.jobs.designer;
		const res = await kit.api.delete(`/jobs/${job}`);
		expectOk(res);
		expect(res.data.data).toBe(true);
		expect404(await kit.api.get(`/jobs/${job}`), 'Job', job);
		expect404(await kit.api.delete(`/jobs/${job}`), 'Job', job);
		expect((await kit.api.get('/jobs')).data.data.total).toBe(1);
		expect((await kit.api.get(`/candidates/${DEMO_IDS.candidates.maria}`)).data.data.jobIds).toEqual([job]);
		expect((await kit.api.get(`/interviews/${DEMO_IDS.interviews.mariaScreening}`)).data.data.jobId).toBe(job);
		// maria's only assignment is gone: no interview can be created for it
		expect404(await kit.api.post('/interviews', { candidateId: DEMO_IDS.candidates.maria, agentId: DEMO_IDS.agents.screening }), 'Job', job);
		expect404(await kit.api.post('/candidates', { firstName: 'A', lastName: 'B', email: 'a@b.example', gdprExpiryDate: '2999-01-01', jobIds: [job] }), 'Job', job);
	});

	it('scope delete:jobs; 403 other company', async () => {
		const j = kit.emu.state.createJob();
		expect403Scope(await (await keyWithout(kit, 'delete:jobs')).delete(`/jobs/${j.id}`), 'delete:jobs');
		const foreign = kit.emu.state.createJob({ companyId: OTHER });
		expect((await kit.api.delete(`/jobs/${foreign.id}`)).status).toBe(403);
	});
});

describe('POST /jobs/url', () => {
	it('the canned postings are public HTML pages on the emulator', async () => {
		const url = kit.emu.control.postingUrl('backend-engineer');
		const page = await kit.as(null).get(url);
		expect(page.status).toBe(200);
		expect(page.headers['content-type']).toMatch(/text\/html/);
		expect(page.data).toContain('Senior Backend Engineer (Node.js)');
		expect((await kit.as(null).get(kit.emu.control.postingUrl('nope'))).status).toBe(404);
		expect((await kit.emu.control.postings()).map((p) => p.slug).sort()).toEqual(['backend-engineer', 'barista', 'not-a-job']);
	});

	it('creates a job from a posting: 201 {data: job, sourceUrl}', async () => {
		const url = kit.emu.control.postingUrl('backend-engineer');
		const res = await kit.api.post('/jobs/url', { jobUrl: url });
		expectOk(res, 201);
		expect(res.data.success).toBe(true);
		expect(res.data.data.sourceUrl).toBe(url);
		const job = res.data.data.data;
		expect(job).toMatchObject({ title: 'Senior Backend Engineer (Node.js)', status: 'OPEN', jobUrl: url, companyId: DEMO_IDS.companyId, requiredSkills: ['TypeScript', 'Node.js', 'PostgreSQL'] });
		expect((await kit.api.get(`/jobs/${job.id}`)).data.data.title).toBe(job.title);
		expectOk(await kit.api.post('/jobs/url', { jobUrl: url.replace('127.0.0.1', 'localhost'), createJob: true }), 201);
		expect((await kit.api.get('/jobs')).data.data.total).toBe(2);
	});

	it('createJob: false only extracts: 200, no id, nothing created', async () => {
		const url = kit.emu.control.postingUrl('barista');
		const res = await kit.api.post('/jobs/url', { jobUrl: url, createJob: false });
		expectOk(res, 200);
		expect(res.data.data.sourceUrl).toBe(url);
		expect(res.data.data.data).toMatchObject({ title: 'Barista (part-time)', contractType: 'PART_TIME', jobUrl: url });
		for (const k of ['id', 'companyId', 'createdAt', 'updatedAt']) expect(res.data.data.data).not.toHaveProperty(k);
		expect((await kit.api.get('/jobs')).data.data.total).toBe(0);
		await kit.emu.control.setOptions({ bareResponses: true });
		const bare = await kit.api.post('/jobs/url', { jobUrl: url, createJob: false });
		expect(Object.keys(bare.data).sort()).toEqual(['data', 'sourceUrl']);
	});

	it('control-added postings; unreadable pages and foreign URLs → 422; bad bodies → 400', async () => {
		const added = await kit.emu.control.addPosting('nurse', { title: 'Night nurse', description: 'Care for patients at night.' });
		expect(added.url).toBe(kit.emu.control.postingUrl('nurse'));
		expect((await kit.api.post('/jobs/url', { jobUrl: added.url })).data.data.data.title).toBe('Night nurse');
		const refused = [
			kit.emu.control.postingUrl('not-a-job'),
			kit.emu.control.postingUrl('unknown-slug'),
			'https://careers.example.com/jobs/123',
			'http://127.0.0.1:1/postings/backend-engineer',
			kit.emu.control.postingUrl('backend-engineer').replace('http:', 'https:'),
		];
		for (const jobUrl of refused) {
			const res = await kit.api.post('/jobs/url', { jobUrl });
			expect(res.status).toBe(422);
			expect(res.data).toMatchObject({ success: false, data: null, error: { code: 'JOB_EXTRACTION_FAILED', details: { jobUrl } } });
		}
		expect400(await kit.api.post('/jobs/url', {}), 'jobUrl');
		expect400(await kit.api.post('/jobs/url', { jobUrl: 'not a url' }), 'jobUrl');
		expect400(await kit.api.post('/jobs/url', { jobUrl: 'ftp://x.example/job' }), 'jobUrl');
		expect400(await kit.api.post('/jobs/url', { jobUrl: added.url, createJob: 'yes' }), 'createJob');
		expect400(await kit.api.post('/jobs/url', { url: added.url }), 'url');
		expect((await kit.api.get('/jobs')).data.data.total).toBe(1);
		await kit.emu.control.reset();
		expect((await kit.api.post('/jobs/url', { jobUrl: added.url })).status).toBe(422); // reset restores the defaults
	});

	it('scope write:jobs; ATS keys create in companyId', async () => {
		const jobUrl = kit.emu.control.postingUrl('backend-engineer');
		expect403Scope(await (await keyWithout(kit, 'write:jobs')).post('/jobs/url', { jobUrl, createJob: false }), 'write:jobs');
		const ats = await atsKey(kit);
		expect400(await ats.api.post('/jobs/url', { jobUrl }), 'companyId');
		const res = await ats.api.post('/jobs/url', { jobUrl }, { params: { companyId: OTHER } });
		expectOk(res, 201);
		expect(res.data.data.data.companyId).toBe(OTHER);
	});
});
