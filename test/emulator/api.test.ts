import { DEMO_IDS } from './index';
import { dateIn, expect400, expect404, expectOk, startKit, type Kit } from './testkit';

let kit: Kit;
beforeAll(async () => {
	kit = await startKit();
});
afterAll(() => kit.emu.close());
beforeEach(async () => {
	await kit.emu.control.reset();
	await kit.emu.control.setOptions({ listShape: 'nested', bareResponses: false });
});

describe('list shapes and envelope', () => {
	beforeEach(() => kit.emu.control.seed({ jobs: 1, candidates: 3 }));

	it("nested (default): envelope → data → {data[], total, page, limit, totalPages}", async () => {
		const res = await kit.api.get('/candidates', { params: { limit: 2 } });
		expectOk(res);
		expect(res.data).toMatchObject({ success: true, error: null });
		expect(typeof res.data.timestamp).toBe('string');
		expect(Object.keys(res.data.data).sort()).toEqual(['data', 'limit', 'page', 'total', 'totalPages']);
		expect(res.data.data).toMatchObject({ total: 3, page: 1, limit: 2, totalPages: 2 });
		expect(res.data.data.data).toHaveLength(2);
	});

	it('items: envelope → data → {items, pagination{… hasNextPage, hasPreviousPage}}', async () => {
		await kit.emu.control.setOptions({ listShape: 'items' });
		const p2 = await kit.api.get('/candidates', { params: { limit: 2, page: 2 } });
		expect(p2.data.success).toBe(true);
		expect(p2.data.data.items).toHaveLength(1);
		expect(p2.data.data.pagination).toEqual({ total: 3, page: 2, limit: 2, totalPages: 2, hasNextPage: false, hasPreviousPage: true });
	});

	it('flat: bare {data[], total, page, limit, totalPages}, no envelope', async () => {
		await kit.emu.control.setOptions({ listShape: 'flat' });
		const res = await kit.api.get('/jobs');
		expect(Object.keys(res.data).sort()).toEqual(['data', 'limit', 'page', 'total', 'totalPages']);
		expect(res.data.total).toBe(1);
	});

	it('bareResponses: success payloads without envelope; errors keep it', async () => {
		await kit.emu.control.setOptions({ bareResponses: true, listShape: 'items' });
		const list = await kit.api.get('/candidates');
		expect(Object.keys(list.data).sort()).toEqual(['items', 'pagination']);
		const one = await kit.api.get(`/candidates/${list.data.items[0].id}`);
		expect(one.data.id).toBe(list.data.items[0].id);
		expect(one.data.success).toBeUndefined();
		const err = await kit.api.get('/candidates/3f1e8b6a-1111-4222-8333-944455556666');
		expect(err.data.success).toBe(false);
	});
});

describe('pagination', () => {
	it('bounds and integer checks', async () => {
		for (const params of [{ page: 0 }, { page: 10001 }, { limit: 0 }, { limit: 101 }, { page: '1.5' }, { limit: 'abc' }, { page: '' }]) {
			const res = await kit.api.get('/jobs', { params });
			expect400(res, Object.keys(params)[0]);
		}
		expectOk(await kit.api.get('/jobs', { params: { page: 10000, limit: 100 } }));
		expect400(await kit.api.get('/jobs?page=1&page=2'), 'page');
	});

	it('defaults 1/20; newest createdAt first, ties by id; new items shift pages', async () => {
		await kit.emu.control.seed({ candidates: 25 });
		const p1 = (await kit.api.get('/candidates')).data.data;
		expect(p1).toMatchObject({ page: 1, limit: 20, total: 25, totalPages: 2 });
		const times = p1.data.map((c: { createdAt: string }) => c.createdAt);
		expect([...times].sort().reverse()).toEqual(times);
		const last = p1.data[19].id;
		kit.emu.state.createCandidate({ firstName: 'Newcomer' });
		const p2 = (await kit.api.get('/candidates', { params: { page: 2 } })).data.data;
		expect(p2.data[0].id).toBe(last); // shifted by one
		const same = kit.emu.state.nowIso();
		const a = kit.emu.state.createJob({ id: 'ffffffff-0000-4000-8000-000000000000', createdAt: same });
		const b = kit.emu.state.createJob({ id: '00000000-0000-4000-8000-000000000000', createdAt: same });
		const jobs = (await kit.api.get('/jobs')).data.data.data.map((j: { id: string }) => j.id);
		expect(jobs.indexOf(b.id)).toBeLessThan(jobs.indexOf(a.id));
	});

	it('unknown query parameters are rejected', async () => expect400(await kit.api.get('/jobs', { params: { sort: 'createdAt' } }), 'sort'));
});

describe('GET /interviews', () => {
	it('candidateId is required and must be a UUID', async () => {
		expect400(await kit.api.get('/interviews'), 'candidateId');
		expect400(await kit.api.get('/interviews', { params: { candidateId: 'abc' } }), 'candidateId');
		expect404(await kit.api.get('/interviews', { params: { candidateId: '3f1e8b6a-1111-4222-8333-944455556666' } }), 'Candidate');
	});

	it('filters by agentId and status; single status value only', async () => {
		const s = kit.emu.state;
		const c = s.createCandidate();
		const a1 = s.createAgent();
		const a2 = s.createAgent();
		const i1 = s.createInterview({ candidateId: c.id, agentId: a1.id });
		s.createInterview({ candidateId: c.id, agentId: a2.id });
		await kit.emu.control.advanceInterview(i1.id, { status: 'COMPLETED' });
		const byAgent = (await kit.api.get('/interviews', { params: { candidateId: c.id, agentId: a1.id } })).data.data;
		expect(byAgent.data.map((i: { id: string }) => i.id)).toEqual([i1.id]);
		const byStatus = (await kit.api.get('/interviews', { params: { candidateId: c.id, status: 'SCHEDULED' } })).data.data;
		expect(byStatus.total).toBe(1);
		expect(byStatus.data[0].callAttempts).toEqual([]);
		expect(byStatus.data[0].analysis).toBeNull();
		expect400(await kit.api.get('/interviews', { params: { candidateId: c.id, status: 'DONE' } }), 'status');
		expect400(await kit.api.get('/interviews', { params: { candidateId: c.id, status: 'SCHEDULED,COMPLETED' } }), 'status');
	});

	it('deleted interviews vanish; delete returns data:true (bare true in bare mode); counts drop', async () => {
		const s = kit.emu.state;
		const c = s.createCandidate();
		const i1 = s.createInterview({ candidateId: c.id });
		const i2 = s.createInterview({ candidateId: c.id });
		const del = await kit.api.delete(`/interviews/${i1.id}`);
		expectOk(del);
		expect(del.data).toMatchObject({ success: true, data: true });
		expect404(await kit.api.get(`/interviews/${i1.id}`), 'Interview', i1.id);
		expect404(await kit.api.delete(`/interviews/${i1.id}`), 'Interview');
		const list = (await kit.api.get('/interviews', { params: { candidateId: c.id } })).data.data;
		expect(list.data.map((i: { id: string }) => i.id)).toEqual([i2.id]);
		expect((await kit.api.get(`/candidates/${c.id}`)).data.data.interviewCount).toBe(1);
		await kit.emu.control.setOptions({ bareResponses: true });
		const bare = await kit.api.delete(`/interviews/${i2.id}`);
		expect(bare.data).toBe(true);
	});
});

describe('single resources, errors and routing', () => {
	it('non-UUID path id → 400; unknown route → 404; malformed JSON → 400', async () => {
		expect400(await kit.api.get('/interviews/not-a-uuid'), 'id');
		const r = await kit.api.get('/nope');
		expect(r.status).toBe(404);
		expect(r.data.success).toBe(false);
		expect((await kit.api.get('/v1/interviews/3f1e8b6a-1111-4222-8333-944455556666')).status).toBe(404);
		const bad = await kit.api.post('/candidates', '{"firstName":', { headers: { 'Content-Type': 'application/json' } });
		expect400(bad, 'body');
	});

	it("another company's resource → 403; ATS keys must pass companyId", async () => {
		const other = '9a9a9a9a-0000-4000-8000-000000000009';
		const c = kit.emu.state.createCandidate({ companyId: other });
		const res = await kit.api.get(`/candidates/${c.id}`);
		expect(res.status).toBe(403);
		await kit.emu.control.addApiKey({ key: 'sk_test_ats', scopes: ['read:candidates', 'read:jobs'], ats: true });
		const ats = kit.as('sk_test_ats');
		expect400(await ats.get('/candidates'), 'companyId');
		const ok = await ats.get('/candidates', { params: { companyId: other } });
		expect(ok.data.data.data.map((x: { id: string }) => x.id)).toEqual([c.id]);
		expect((await kit.api.get('/candidates', { params: { companyId: other } })).status).toBe(403);
	});

	it('analysis PDF: 404 until the analysis is COMPLETED, then a real PDF', async () => {
		const iv = kit.emu.state.createInterview();
		expect404(await kit.api.get(`/interviews/${iv.id}/analysis-pdf`), 'Analysis');
		await kit.emu.control.advanceInterview(iv.id, { analysisStatus: 2 });
		expect404(await kit.api.get(`/interviews/${iv.id}/analysis-pdf`), 'Analysis');
		await kit.emu.control.advanceInterview(iv.id, { status: 'COMPLETED', analysisStatus: 3, overallRating: 91 });
		const res = await kit.api.get(`/interviews/${iv.id}/analysis-pdf`);
		expectOk(res);
		const pdf = Buffer.from(res.data.data.analysisPdfBase64, 'base64').toString('latin1');
		expect(pdf.startsWith('%PDF-1.4')).toBe(true);
		expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
		expect(pdf).toContain('Overall rating: 91');
		const xref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
		expect(pdf.slice(xref, xref + 4)).toBe('xref');
	});

	it('call attempts: PHONE only; invoke replaces scheduled; reschedule/delete → 204', async () => {
		const s = kit.emu.state;
		const online = s.createInterview();
		const res0 = await kit.api.post(`/interviews/${online.id}/call-attempts`, {});
		expect(res0.status).toBe(400);
		const phone = s.createInterview({ agentId: s.createAgent({ type: 'PHONE' }).id });
		const first = phone.callAttempts[0].id;
		const inv = await kit.api.post(`/interviews/${phone.id}/call-attempts`, { scheduledAt: null });
		expect(inv.status).toBe(201);
		expect(inv.data).toMatchObject({ success: true });
		expect(typeof inv.data.message).toBe('string');
		let iv = (await kit.api.get(`/interviews/${phone.id}`)).data.data;
		expect(iv.callAttempts.map((a: { status: string }) => a.status)).toEqual(['CANCELLED', 'SCHEDULED']);
		const second = iv.callAttempts[1].id;
		const later = new Date(s.nowMs() + 3600000).toISOString();
		expect((await kit.api.patch(`/interviews/${phone.id}/call-attempts/${second}`, { scheduledAt: later })).status).toBe(204);
		expect400(await kit.api.patch(`/interviews/${phone.id}/call-attempts/${second}`, {}), 'scheduledAt');
		expect400(await kit.api.patch(`/interviews/${phone.id}/call-attempts/${second}`, { scheduledAt: '2001-01-01T00:00:00Z' }), 'scheduledAt');
		expect((await kit.api.patch(`/interviews/${phone.id}/call-attempts/${first}`, { scheduledAt: later })).status).toBe(400);
		expect404(await kit.api.delete(`/interviews/${phone.id}/call-attempts/3f1e8b6a-1111-4222-8333-944455556666`), 'CallAttempt');
		await kit.emu.control.advanceInterview(phone.id, { status: 'IN_PROGRESS' });
		expect((await kit.api.delete(`/interviews/${phone.id}/call-attempts/${second}`)).status).toBe(400);
		expect((await kit.api.post(`/interviews/${phone.id}/call-attempts`, {})).status).toBe(400);
		expect((await kit.api.delete(`/interviews/${phone.id}/call-attempts/${first}`)).status).toBe(204);
		iv = (await kit.api.get(`/interviews/${phone.id}`)).data.data;
		expect(iv.callAttempts.map((a: { id: string }) => a.id)).toEqual([second]);
	});
});

describe('candidates', () => {
	it('POST /candidates creates a documented candidate object', async () => {
		const job = kit.emu.state.createJob();
		const res = await kit.api.post('/candidates', { firstName: 'Eva', lastName: 'Nova', email: 'eva@example.com', gdprExpiryDate: dateIn(kit, 10), jobIds: [job.id], metadata: { linkedinUrl: 'https://linkedin.example/eva' } });
		expectOk(res, 201);
		const c = res.data.data;
		expect(c).toMatchObject({ firstName: 'Eva', status: 'APPLIED', jobIds: [job.id], jobId: job.id, phoneNumber: null, overallRating: null, analysisCount: 0, interviewCount: 0 });
		expect(c.links).toEqual({ analyses: `/v1/public/candidates/${c.id}/analyses`, interviews: `/v1/public/candidates/${c.id}/interviews` });
		const dep = await kit.api.post('/candidates', { firstName: 'Old', lastName: 'Api', phoneNumber: '+421900000000', gdprExpiryDate: dateIn(kit, 10), jobId: job.id });
		expect(dep.data.data.jobIds).toEqual([job.id]);
	});

	it('POST /candidates rules', async () => {
		const base = { firstName: 'Eva', lastName: 'Nova', email: 'eva@example.com', gdprExpiryDate: dateIn(kit, 10) };
		expect400(await kit.api.post('/candidates', { ...base, jobIds: [] }), 'jobIds');
		const many = Array.from({ length: 51 }, () => '3f1e8b6a-1111-4222-8333-944455556666');
		expect400(await kit.api.post('/candidates', { ...base, jobIds: many }), 'jobIds');
		expect404(await kit.api.post('/candidates', { ...base, jobIds: ['3f1e8b6a-1111-4222-8333-944455556666'] }), 'Job');
		expect400(await kit.api.post('/candidates', { ...base, status: 'APPLIED' }), 'status');
		expect400(await kit.api.post('/candidates', { ...base, gdprExpiryDate: '2001-01-01' }), 'gdprExpiryDate');
	});

	it('filters: jobId, status, search (first or last name, case-insensitive; not email)', async () => {
		const s = kit.emu.state;
		const job = s.createJob();
		s.createCandidate({ firstName: 'Alice', lastName: 'Zed', email: 'a@corp.example', jobIds: [job.id], status: 'REJECTED' });
		s.createCandidate({ firstName: 'Bob', lastName: 'Young', email: 'bob@alice-mail.example' });
		const get = async (params: Record<string, string>) => (await kit.api.get('/candidates', { params })).data.data.data.map((c: { firstName: string }) => c.firstName).sort();
		expect(await get({ jobId: job.id })).toEqual(['Alice']);
		expect(await get({ status: 'REJECTED' })).toEqual(['Alice']);
		expect(await get({ search: 'ALICE' })).toEqual(['Alice']);
		expect(await get({ search: 'young' })).toEqual(['Bob']);
		expect400(await kit.api.get('/candidates', { params: { status: 'INTERVIEWING' } }), 'status');
	});
});

describe('jobs and agents', () => {
	it('POST /jobs rules and GET', async () => {
		const base = { title: 'Data Engineer', description: 'Build data pipelines.', status: 'OPEN' };
		const res = await kit.api.post('/jobs', { ...base, education: ['MASTER_LEVEL'], languageRequirements: [{ language: 'EN', proficiency: 'B2' }] });
		expectOk(res, 201);
		expect((await kit.api.get(`/jobs/${res.data.data.id}`)).data.data).toMatchObject({ title: 'Data Engineer', companyId: DEMO_IDS.companyId });
		expect400(await kit.api.post('/jobs', { ...base, title: 'Dev' }), 'title');
		expect400(await kit.api.post('/jobs', { ...base, description: 'short' }), 'description');
		expect400(await kit.api.post('/jobs', { title: base.title, description: base.description }), 'status');
		expect400(await kit.api.post('/jobs', { ...base, jobTitle: 'x' }), 'jobTitle');
	});

	it('agents: list, get, create', async () => {
		const a = kit.emu.state.createAgent({ name: 'Listed' });
		expect((await kit.api.get('/agents')).data.data.data.map((x: { id: string }) => x.id)).toContain(a.id);
		expect((await kit.api.get(`/agents/${a.id}`)).data.data.name).toBe('Listed');
		const res = await kit.api.post('/agents', { name: 'New', type: 'ONLINE', focus: 'OUTREACH', language: 'DE', duration: 10 });
		expectOk(res, 201);
		expect404(await kit.api.get('/agents/3f1e8b6a-1111-4222-8333-944455556666'), 'Agent');
	});
});

describe('demo data', () => {
	it('fixed ids, two COMPLETED analyses with ratings', async () => {
		await kit.emu.control.seed({ demo: true });
		const agents = (await kit.api.get('/agents')).data.data.data;
		expect(agents.map((a: { name: string }) => a.name)).toContain('Screening (EN)');
		const jane = (await kit.api.get(`/interviews/${DEMO_IDS.interviews.janeScreening}`)).data.data;
		expect(jane.analysis).toMatchObject({ id: DEMO_IDS.analyses.jane, general: { status: 3, overallRating: 85 } });
		const john = (await kit.api.get(`/candidates/${DEMO_IDS.candidates.john}`)).data.data;
		expect(john).toMatchObject({ overallRating: 72, analysisCount: 1, interviewCount: 1 });
		expect((await kit.api.get('/candidates')).data.data.total).toBe(5);
	});
});
