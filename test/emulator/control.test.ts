import axios from 'axios';
import { DEFAULT_COMPANY_ID, DEFAULT_CREDIT_PRICES, DEFAULT_POSTINGS, DEMO_API_KEY } from './index';
import { dateIn, expect400, expectOk, startKit, type Kit } from './testkit';

let kit: Kit;
beforeAll(async () => {
	kit = await startKit();
});
afterAll(() => kit.emu.close());
beforeEach(() => kit.emu.control.reset());

const candidateBody = () => ({ firstName: 'Eva', lastName: 'Nova', email: 'eva@example.com', gdprExpiryDate: dateIn(kit, 30) });

describe('reset, api keys, state, options', () => {
	it('reset wipes data, log, faults, keys and clock but keeps options and the demo key', async () => {
		const c = kit.emu.control;
		await c.seed({ demo: true });
		await c.addApiKey({ key: 'sk_test_x', scopes: ['read:jobs'] });
		await c.addFault({ path: '/agents', status: 500, times: 5 });
		await c.advanceClock(86400000);
		await c.setOptions({ listShape: 'items' });
		await kit.api.get('/jobs');
		await c.reset();
		const st = await c.getState();
		expect(st.counts).toMatchObject({ agents: 0, jobs: 0, candidates: 0, interviews: 0, requests: 0, faults: 0, apiKeys: 1 });
		expect(Math.abs(st.clockOffsetMs)).toBe(0);
		expect(st.options.listShape).toBe('items');
		expect((await kit.as('sk_test_x').get('/jobs')).status).toBe(401);
		expect((await kit.api.get('/jobs')).data.data.items).toEqual([]);
		await c.setOptions({ listShape: 'nested' });
	});

	it('api keys must be registered; scopes, company and ats are honoured', async () => {
		expect((await kit.as('sk_test_new').get('/jobs')).status).toBe(401);
		const k = await kit.emu.control.addApiKey({ key: 'sk_test_new', scopes: ['read:jobs'] });
		expect(k).toMatchObject({ key: 'sk_test_new', scopes: ['read:jobs'], ats: false });
		expectOk(await kit.as('sk_test_new').get('/jobs'));
		expect((await kit.as('sk_test_new').get('/agents')).status).toBe(403);
	});

	it('state summary counts and options', async () => {
		await kit.emu.control.seed({ agents: 1, jobs: 2, candidates: 3, interviewsPerCandidate: 1 });
		const st = await kit.emu.control.getState();
		expect(st.counts).toMatchObject({ agents: 1, jobs: 2, candidates: 3, interviews: 3, analyses: 0 });
		expect(st.options).toEqual({ listShape: 'nested', bareResponses: false, rateLimit: { perMinute: 1e9, perHour: 1e9, windowMs: 60000, hourWindowMs: 3600000 } });
		expect(await kit.emu.control.setOptions({ bareResponses: true })).toEqual({ listShape: 'nested', bareResponses: true });
		await kit.emu.control.setOptions({ bareResponses: false });
		await expect(kit.emu.control.setOptions({ listShape: 'weird' as never })).rejects.toThrow(/400/);
	});

	it('setRateLimit resets counters and returns the full settings', async () => {
		const r = await kit.emu.control.setRateLimit({ perMinute: 1, perHour: 10 });
		expect(r).toEqual({ perMinute: 1, perHour: 10, windowMs: 60000, hourWindowMs: 3600000 });
		expectOk(await kit.api.get('/jobs'));
		expect((await kit.api.get('/jobs')).status).toBe(429);
		await kit.emu.control.setRateLimit({ perMinute: 1e9, perHour: 1e9 });
		expectOk(await kit.api.get('/jobs'));
	});
});

describe('seed and direct creation', () => {
	// Seeding speed is measured in bench/, not asserted here: shared machines make timed unit tests flaky.
	it('10,000 candidates with interviews seed completely and list across all pages', async () => {
		const r = await kit.emu.control.seed({ agents: 2, jobs: 5, candidates: 10000, interviewsPerCandidate: 2 });
		expect(r.candidateIds).toHaveLength(10000);
		expect(r.interviewIds).toHaveLength(20000);
		const last = await kit.api.get('/candidates', { params: { page: 100, limit: 100 } });
		expect(last.data.data.data).toHaveLength(100);
		expect(last.data.data.total).toBe(10000);
		const ivs = await kit.api.get('/interviews', { params: { candidateId: r.candidateIds[1234] } });
		expect(ivs.data.data.total).toBe(2);
		const c = (await kit.api.get(`/candidates/${r.candidateIds[0]}`)).data.data;
		expect(c.interviewCount).toBe(2);
		expect(c.jobIds).toHaveLength(1);
	});

	it('candidatesPerJob makes `candidates` a per-job count', async () => {
		const r = await kit.emu.control.seed({ jobs: 3, candidates: 2, candidatesPerJob: true });
		expect(r.candidateIds).toHaveLength(6);
		for (const jobId of r.jobIds) {
			expect((await kit.api.get('/candidates', { params: { jobId } })).data.data.total).toBe(2);
		}
	});

	it('direct creation helpers bypass validation and rate limits', async () => {
		await kit.emu.control.setRateLimit({ perMinute: 1, perHour: 1 });
		const agent = await kit.emu.control.createAgent({ name: 'X' }); // name too short for the API
		const job = await kit.emu.control.createJob({ title: 'Dev' });
		const cand = await kit.emu.control.createCandidate({ firstName: 'Q', jobIds: [job.id] });
		const iv = await kit.emu.control.createInterview({ candidateId: cand.id, agentId: agent.id, jobId: job.id });
		expect(iv).toMatchObject({ candidateId: cand.id, agentId: agent.id, jobId: job.id, status: 'SCHEDULED' });
		await kit.emu.control.setRateLimit({ perMinute: 1e9, perHour: 1e9 });
		expect((await kit.api.get(`/candidates/${cand.id}`)).data.data.interviewCount).toBe(1);
	});
});

describe('advance', () => {
	it('analysisCount increments when the analysis is CREATED (PENDING), not on completion; candidate.updatedAt untouched', async () => {
		const s = kit.emu.state;
		const cand = s.createCandidate();
		const iv = s.createInterview({ candidateId: cand.id });
		const before = (await kit.api.get(`/candidates/${cand.id}`)).data.data;
		await kit.emu.control.advanceInterview(iv.id, { status: 'IN_PROGRESS', analysisStatus: 1 });
		let c = (await kit.api.get(`/candidates/${cand.id}`)).data.data;
		expect(c.analysisCount).toBe(1);
		expect(c.overallRating).toBeNull();
		const got = (await kit.api.get(`/interviews/${iv.id}`)).data.data;
		expect(got.analysis.general).toMatchObject({ status: 1, overallRating: null });
		expect(got.analysis.specific).toBeNull();
		await kit.emu.control.advanceInterview(iv.id, { status: 'COMPLETED', analysisStatus: 3, overallRating: 77 });
		c = (await kit.api.get(`/candidates/${cand.id}`)).data.data;
		expect(c.analysisCount).toBe(1);
		expect(c.overallRating).toBe(77);
		expect(c.updatedAt).toBe(before.updatedAt);
		const done = (await kit.api.get(`/interviews/${iv.id}`)).data.data;
		expect(done.status).toBe('COMPLETED');
		expect(done.finishedDate).not.toBeNull();
		expect(done.durationMinutes).toBeGreaterThan(0);
		for (const k of ['overallRating', 'companyFitRating', 'education', 'experience', 'strongPoints', 'weakPoints', 'evaluation', 'status', 'createdAt', 'updatedAt']) {
			expect(done.analysis.general).toHaveProperty(k);
		}
	});

	it('`at` lets several analyses share one timestamp; analysis-only changes keep interview.updatedAt', async () => {
		const s = kit.emu.state;
		const a = s.createInterview();
		const b = s.createInterview();
		const at = '2030-05-05T10:00:00.000Z';
		await kit.emu.control.advanceInterview(a.id, { status: 'COMPLETED', analysisStatus: 3, at });
		const ivUpdated = (await kit.api.get(`/interviews/${b.id}`)).data.data.updatedAt;
		await kit.emu.control.advanceInterview(b.id, { analysisStatus: 3, at });
		const ga = (await kit.api.get(`/interviews/${a.id}`)).data.data;
		const gb = (await kit.api.get(`/interviews/${b.id}`)).data.data;
		expect(ga.analysis.general.updatedAt).toBe(at);
		expect(gb.analysis.general.updatedAt).toBe(at);
		expect(ga.finishedDate).toBe(at);
		expect(gb.updatedAt).toBe(ivUpdated);
		await expect(kit.emu.control.advanceInterview('3f1e8b6a-1111-4222-8333-944455556666', { status: 'COMPLETED' })).rejects.toThrow(/404/);
	});
});

describe('companies and postings', () => {
	it('addCompany upserts by id; reset restores the default company and the default postings', async () => {
		const c = kit.emu.control;
		const demo = await c.addCompany({ id: DEFAULT_COMPANY_ID, billingSystem: 'credits', name: 'Renamed' });
		expect(demo).toMatchObject({ id: DEFAULT_COMPANY_ID, name: 'Renamed', billingSystem: 'credits', atsKey: null });
		expect(demo.creditPrices.SCREENING).toEqual(DEFAULT_CREDIT_PRICES.SCREENING);
		const added = await c.addCompany({ name: 'Acme', atsKey: 'sk_test_ats' });
		expect(added).toMatchObject({ name: 'Acme', billingSystem: 'minutes', atsKey: 'sk_test_ats' });
		await expect(c.addCompany({ id: 'nope' })).rejects.toThrow(/400/);
		await c.addPosting('extra', null);
		await expect(c.addPosting('bad slug', null)).rejects.toThrow(/400/);
		await expect(c.addPosting('no-title', { description: 'x' })).rejects.toThrow(/400/);
		await c.reset();
		expect(await c.companies()).toEqual([expect.objectContaining({ id: DEFAULT_COMPANY_ID, name: 'Demo Company', billingSystem: 'minutes' })]);
		expect((await c.postings()).map((p) => p.url).sort()).toEqual(DEFAULT_POSTINGS.map((p) => c.postingUrl(p.slug)).sort());
	});

	it('advance accepts durationMinutes for COMPLETED interviews', async () => {
		const iv = kit.emu.state.createInterview();
		expect((await kit.emu.control.advanceInterview(iv.id, { status: 'COMPLETED', durationMinutes: 42 })).durationMinutes).toBe(42);
		await expect(kit.emu.control.advanceInterview(iv.id, { durationMinutes: -1 })).rejects.toThrow(/400/);
	});
});

describe('faults', () => {
	it('status + JSON body, then back to normal (times default 1); faulted requests are logged', async () => {
		await kit.emu.control.addFault({ path: '/jobs', status: 503, body: { oops: true } });
		const r = await kit.api.get('/jobs');
		expect(r.status).toBe(503);
		expect(r.data).toEqual({ oops: true });
		expectOk(await kit.api.get('/jobs'));
		const log = await kit.emu.control.requests({ path: '/jobs' });
		expect(log.map((e) => [e.status, !!e.fault])).toEqual([[503, true], [200, false]]);
	});

	it('rawBody (non-JSON), custom headers, method filter, regex path, times', async () => {
		await kit.emu.control.addFault({ method: 'POST', path: '^/candidates$', status: 502, rawBody: '<html>Bad gateway</html>', headers: { 'X-Fault': 'yes' }, times: 2 });
		expectOk(await kit.api.get('/candidates')); // GET not matched
		for (let i = 0; i < 2; i++) {
			const r = await kit.api.post('/candidates', candidateBody());
			expect(r.status).toBe(502);
			expect(r.data).toBe('<html>Bad gateway</html>');
			expect(r.headers['content-type']).toMatch(/text\/html/);
			expect(r.headers['x-fault']).toBe('yes');
		}
		expectOk(await kit.api.post('/candidates', candidateBody()), 201);
	});

	it('delayMs delays the real response', async () => {
		await kit.emu.control.addFault({ path: '/agents', delayMs: 300 });
		const t0 = Date.now();
		const r = await kit.api.get('/agents');
		expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
		expectOk(r);
	});

	it('drop destroys the socket without a response and without processing', async () => {
		await kit.emu.control.addFault({ path: '/candidates', method: 'POST', drop: true });
		await expect(kit.api.post('/candidates', candidateBody())).rejects.toThrow();
		expect(kit.emu.state.candidates.size).toBe(0);
		const [entry] = await kit.emu.control.requests({ method: 'POST' });
		expect(entry).toMatchObject({ dropped: true, fault: true, status: null });
	});

	it('dropAfterProcessing performs the operation, then drops the connection', async () => {
		await kit.emu.control.addFault({ path: '/candidates', method: 'POST', dropAfterProcessing: true });
		await expect(kit.api.post('/candidates', candidateBody())).rejects.toThrow();
		expect(kit.emu.state.candidates.size).toBe(1);
		const [entry] = await kit.emu.control.requests({ method: 'POST' });
		expect(entry).toMatchObject({ dropped: true, status: 201 });
	});

	it('clearFaults removes pending faults', async () => {
		await kit.emu.control.addFault({ path: '/', status: 500, times: 100 });
		await kit.emu.control.clearFaults();
		expectOk(await kit.api.get('/jobs'));
	});
});

describe('request log and clock', () => {
	it('logs method, path, query, raw headers, authOk, body and status; control calls are not logged', async () => {
		await kit.api.get('/candidates', { params: { limit: 5 } });
		await kit.as('sk_bad').post('/candidates', { a: 1 });
		await kit.emu.control.getState();
		const all = await kit.emu.control.requests();
		expect(all).toHaveLength(2);
		expect(all[0]).toMatchObject({ method: 'GET', path: '/candidates', query: { limit: '5' }, authOk: true, status: 200 });
		expect(all[0].headers.authorization).toBe(`Bearer ${DEMO_API_KEY}`);
		expect(all[1]).toMatchObject({ method: 'POST', authOk: false, body: { a: 1 }, status: 401 });
		expect(typeof all[0].t).toBe('string');
		expect(await kit.emu.control.requests({ authOk: false })).toHaveLength(1);
		const raw = await axios.get(`${kit.emu.url}/__emulator/requests?method=GET`, { proxy: false });
		expect(raw.data).toHaveLength(1);
		await kit.emu.control.clearRequests();
		expect(await kit.emu.control.requests()).toEqual([]);
	});

	it('clock shifts timestamps, GDPR checks and schedule limits', async () => {
		const gdpr = dateIn(kit, 10);
		const now0 = Date.parse(await kit.emu.control.now());
		const moved = Date.parse(await kit.emu.control.advanceClock(20 * 86400000));
		expect(moved - now0).toBeGreaterThanOrEqual(20 * 86400000);
		const r = await kit.api.post('/candidates', { ...candidateBody(), gdprExpiryDate: gdpr });
		expect400(r, 'gdprExpiryDate');
		expect(Date.parse(r.data.timestamp)).toBeGreaterThanOrEqual(moved);
		const set = await kit.emu.control.setClock('2031-03-01T12:00:00Z');
		expect(set.startsWith('2031-03-01T12:00')).toBe(true);
		const c = await kit.api.post('/candidates', { ...candidateBody(), gdprExpiryDate: '2031-03-02' });
		expectOk(c, 201);
		expect(c.data.data.createdAt.startsWith('2031-03-01T12:00')).toBe(true);
	});
});
