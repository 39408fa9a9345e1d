import { DEMO_IDS } from './index';
import {
	atsKey, dateIn, expect400, expect403Scope, expect404, expectOk, keyWithout, documentedLists, useKit,
} from './testkit';

const kit = useKit({}, documentedLists);

const OTHER = '9a9a9a9a-0000-4000-8000-000000000009';
const MISSING = '3f1e8b6a-1111-4222-8333-944455556666';
const body = () => ({ firstName: 'Eva', lastName: 'Nova', email: 'eva@example.com', gdprExpiryDate: dateIn(kit, 30) });
const names = (res: { data: { data: { data: Array<{ firstName: string }> } } }) => res.data.data.data.map((c) => c.firstName).sort();

describe('POST /candidates', () => {
	it('creates an APPLIED candidate with the documented fields', async () => {
		const job = kit.emu.state.createJob();
		const res = await kit.api.post('/candidates', { ...body(), phoneNumber: '+421901234567', jobIds: [job.id], metadata: { resumeUrl: 'https://cv.example/eva' } });
		expectOk(res, 201);
		expect(res.data).toMatchObject({ success: true, error: null });
		expect(res.data.data).toMatchObject({
			firstName: 'Eva', lastName: 'Nova', status: 'APPLIED', email: 'eva@example.com', phoneNumber: '+421901234567',
			gdprExpiryDate: dateIn(kit, 30), jobIds: [job.id], jobId: job.id, overallRating: null, analysisCount: 0, interviewCount: 0,
			metadata: { resumeUrl: 'https://cv.example/eva' },
		});
	});

	it('allows two candidates with the same email (no duplicate check)', async () => {
		expectOk(await kit.api.post('/candidates', body()), 201);
		const second = await kit.api.post('/candidates', { ...body(), firstName: 'Eva2' });
		expectOk(second, 201);
		expect((await kit.api.get('/candidates')).data.data.total).toBe(2);
	});

	it('validates like the inline candidate of POST /interviews', async () => {
		const b = body();
		expect400(await kit.api.post('/candidates', { ...b, firstName: '' }), 'firstName');
		expect400(await kit.api.post('/candidates', { ...b, lastName: 'x'.repeat(101) }), 'lastName');
		expect400(await kit.api.post('/candidates', { ...b, email: 'not-an-email' }), 'email');
		expect400(await kit.api.post('/candidates', { firstName: 'A', lastName: 'B', gdprExpiryDate: dateIn(kit, 5) }), 'email');
		expect400(await kit.api.post('/candidates', { ...b, phoneNumber: '0901 234 567' }), 'phoneNumber');
		expect400(await kit.api.post('/candidates', { ...b, gdprExpiryDate: dateIn(kit, 0) }), 'gdprExpiryDate');
		expect400(await kit.api.post('/candidates', { ...b, gdprExpiryDate: `${dateIn(kit, 5)}T00:00:00Z` }), 'gdprExpiryDate');
		expect400(await kit.api.post('/candidates', { ...b, metadata: { a: { b: { c: { d: { e: { f: 1 } } } } } } }), 'metadata');
		expect400(await kit.api.post('/candidates', { ...b, resumeUrl: 'https://cv.example' }), 'resumeUrl');
		expect404(await kit.api.post('/candidates', { ...b, jobIds: [MISSING] }), 'Job', MISSING);
		const foreign = kit.emu.state.createJob({ companyId: OTHER });
		expect404(await kit.api.post('/candidates', { ...b, jobIds: [foreign.id] }), 'Job', foreign.id);
	});

	it('needs write:candidates and read:jobs', async () => {
		expect403Scope(await (await keyWithout(kit, 'write:candidates')).post('/candidates', body()), 'write:candidates');
		expect403Scope(await (await keyWithout(kit, 'read:jobs')).post('/candidates', body()), 'read:jobs');
	});

	it('ATS keys create in the company named by companyId', async () => {
		const ats = await atsKey(kit);
		expect400(await ats.api.post('/candidates', body()), 'companyId');
		const res = await ats.api.post('/candidates', body(), { params: { companyId: OTHER } });
		expectOk(res, 201);
		expect(kit.emu.state.candidates.get(res.data.data.id)!.companyId).toBe(OTHER);
		expect((await kit.api.get(`/candidates/${res.data.data.id}`)).status).toBe(403);
	});
});

describe('GET /candidates/{id}', () => {
	it('404 missing, 403 other company, 400 non-UUID, scope read:candidates', async () => {
		expect404(await kit.api.get(`/candidates/${MISSING}`), 'Candidate', MISSING);
		const c = kit.emu.state.createCandidate({ companyId: OTHER });
		const res = await kit.api.get(`/candidates/${c.id}`);
		expect(res.status).toBe(403);
		expect(res.data.error.code).toBe('RESOURCE_ACCESS_DENIED');
		expect400(await kit.api.get('/candidates/42'), 'id');
		const mine = kit.emu.state.createCandidate();
		expect403Scope(await (await keyWithout(kit, 'read:candidates')).get(`/candidates/${mine.id}`), 'read:candidates');
		expectOk(await kit.api.get(`/candidates/${mine.id}`, { params: { companyId: OTHER } })); // ignored for regular keys
	});
});

describe('GET /candidates', () => {
	it('search matches first or last name (case-insensitive substring), never email', async () => {
		const s = kit.emu.state;
		s.createCandidate({ firstName: 'Alice', lastName: 'Zed', email: 'alice@corp.example' });
		s.createCandidate({ firstName: 'Bob', lastName: 'Young', email: 'bob@alice-mail.example' });
		s.createCandidate({ firstName: 'Carol', lastName: 'Malice', email: 'carol@example.com' });
		const get = (search: string) => kit.api.get('/candidates', { params: { search } });
		expect(names(await get('ALICE'))).toEqual(['Alice', 'Carol']);
		expect(names(await get('you'))).toEqual(['Bob']);
		expect(names(await get('bob@alice-mail.example'))).toEqual([]);
		expect(names(await get('corp.example'))).toEqual([]);
		expect(names(await get('Alice Zed'))).toEqual([]); // one name at a time
	});

	it('jobId and status filters, combined; an unknown or deleted job → 404', async () => {
		const s = kit.emu.state;
		const j1 = s.createJob();
		const j2 = s.createJob();
		s.createCandidate({ firstName: 'A', jobIds: [j1.id], status: 'REJECTED' });
		s.createCandidate({ firstName: 'B', jobIds: [j1.id, j2.id] });
		s.createCandidate({ firstName: 'C' });
		expect(names(await kit.api.get('/candidates', { params: { jobId: j1.id } }))).toEqual(['A', 'B']);
		expect(names(await kit.api.get('/candidates', { params: { jobId: j2.id } }))).toEqual(['B']);
		expect(names(await kit.api.get('/candidates', { params: { status: 'APPLIED' } }))).toEqual(['B', 'C']);
		expect(names(await kit.api.get('/candidates', { params: { jobId: j1.id, status: 'REJECTED' } }))).toEqual(['A']);
		for (const status of ['INTERVIEWING', 'applied', 'APPLIED,REJECTED']) expect400(await kit.api.get('/candidates', { params: { status } }), 'status');
		expect400(await kit.api.get('/candidates', { params: { jobId: 'x' } }), 'jobId');
		expect404(await kit.api.get('/candidates', { params: { jobId: MISSING } }), 'Job', MISSING);
		expectOk(await kit.api.delete(`/jobs/${j2.id}`));
		expect404(await kit.api.get('/candidates', { params: { jobId: j2.id } }), 'Job', j2.id);
	});

	it('read:candidates always, read:jobs whenever a filter is given', async () => {
		expect403Scope(await (await keyWithout(kit, 'read:candidates')).get('/candidates'), 'read:candidates');
		const noJobs = await keyWithout(kit, 'read:jobs');
		expectOk(await noJobs.get('/candidates'));
		expect403Scope(await noJobs.get('/candidates', { params: { search: 'a' } }), 'read:jobs');
		expect403Scope(await noJobs.get('/candidates', { params: { status: 'APPLIED' } }), 'read:jobs');
	});

	it('paginates pool and job candidates of the own company only, newest first', async () => {
		const { jobIds } = await kit.emu.control.seed({ jobs: 1, candidates: 5 });
		await kit.emu.control.advanceClock(1000); // "newest" must not hinge on a millisecond tie with the seed
		kit.emu.state.createCandidate({ firstName: 'Pool' });
		kit.emu.state.createCandidate({ companyId: OTHER });
		const p1 = (await kit.api.get('/candidates', { params: { limit: 4 } })).data.data;
		expect(p1).toMatchObject({ total: 6, page: 1, limit: 4, totalPages: 2 });
		expect(p1.data[0].firstName).toBe('Pool');
		const p2 = (await kit.api.get('/candidates', { params: { limit: 4, page: 2 } })).data.data;
		expect(p2.data).toHaveLength(2);
		expect(p2.data.every((c: { jobIds: string[] }) => c.jobIds[0] === jobIds[0])).toBe(true);
		expect((await kit.api.get('/candidates', { params: { limit: 4, page: 3 } })).data.data.data).toEqual([]);
		expect400(await kit.api.get('/candidates', { params: { limit: 101 } }), 'limit');
		expect400(await kit.api.get('/candidates', { params: { email: 'x@example.com' } }), 'email');
		expect((await kit.api.get('/candidates', { params: { companyId: OTHER } })).status).toBe(403);
		await kit.emu.control.setOptions({ listShape: 'items' });
		const items = (await kit.api.get('/candidates', { params: { limit: 4, page: 2 } })).data.data;
		expect(items.pagination).toEqual({ total: 6, page: 2, limit: 4, totalPages: 2, hasNextPage: false, hasPreviousPage: true });
	});
});

describe('PATCH /candidates/{id}', () => {
	it('updates status, contact, GDPR date, job assignments and metadata; bumps updatedAt', async () => {
		const s = kit.emu.state;
		const [j1, j2] = [s.createJob(), s.createJob()];
		const c = s.createCandidate({ jobIds: [j1.id], metadata: { a: 1, b: 2 } });
		await kit.emu.control.advanceClock(60000);
		const res = await kit.api.patch(`/candidates/${c.id}`, {
			status: 'IN_PROCESS', email: 'new@example.com', phoneNumber: '+421900111222', gdprExpiryDate: dateIn(kit, 90),
			jobIds: [j2.id], metadata: { b: 3 }, firstName: 'Renamed',
		});
		expectOk(res);
		expect(res.data.data).toMatchObject({
			id: c.id, status: 'IN_PROCESS', email: 'new@example.com', phoneNumber: '+421900111222', gdprExpiryDate: dateIn(kit, 90),
			jobIds: [j2.id], jobId: j2.id, metadata: { b: 3 }, firstName: 'Renamed', lastName: c.lastName, createdAt: c.createdAt,
		});
		expect(res.data.data.updatedAt > c.createdAt).toBe(true);
		expect((await kit.api.get(`/candidates/${c.id}`)).data.data.metadata).toEqual({ b: 3 }); // replaced, not merged
	});

	it('assigns a pool candidate to jobs; jobIds replaces the whole list', async () => {
		const s = kit.emu.state;
		const [j1, j2] = [s.createJob(), s.createJob()];
		const c = s.createCandidate();
		expect((await kit.api.patch(`/candidates/${c.id}`, { jobIds: [j1.id, j2.id, j1.id] })).data.data.jobIds).toEqual([j1.id, j2.id]);
		expect((await kit.api.patch(`/candidates/${c.id}`, { jobIds: [j2.id] })).data.data.jobIds).toEqual([j2.id]);
		expect400(await kit.api.patch(`/candidates/${c.id}`, { jobIds: [] }), 'jobIds');
		expect404(await kit.api.patch(`/candidates/${c.id}`, { jobIds: [MISSING] }), 'Job', MISSING);
		expect((await kit.api.get(`/candidates/${c.id}`)).data.data.jobIds).toEqual([j2.id]); // nothing applied on error
	});

	it('rules: create rules per field, status enum, no deprecated jobId, no empty update; null = unchanged', async () => {
		const c = kit.emu.state.createCandidate({ phoneNumber: '+421900000001' });
		const patch = (b: Record<string, unknown>) => kit.api.patch(`/candidates/${c.id}`, b);
		expect400(await patch({ status: 'INTERVIEWING' }), 'status');
		expect400(await patch({ gdprExpiryDate: '2001-01-01' }), 'gdprExpiryDate');
		expect400(await patch({ email: 'nope' }), 'email');
		expect400(await patch({ phoneNumber: '12345' }), 'phoneNumber');
		expect400(await patch({ firstName: '' }), 'firstName');
		expect400(await patch({ jobId: kit.emu.state.createJob().id }), 'jobId');
		expect400(await patch({ interviewCount: 3 }), 'interviewCount');
		expect400(await patch({}), 'body');
		expect400(await patch({ email: null }), 'body');
		expect((await patch({ email: null, lastName: 'Kept' })).data.data).toMatchObject({ email: c.email, lastName: 'Kept' });
		expectOk(await patch({ status: 'UNDEFINED' }));
	});

	it('404 missing or deleted, 403 other company, scopes write:candidates and read:jobs, ATS companyId', async () => {
		expect404(await kit.api.patch(`/candidates/${MISSING}`, { status: 'ACCEPTED' }), 'Candidate', MISSING);
		const foreign = kit.emu.state.createCandidate({ companyId: OTHER });
		expect((await kit.api.patch(`/candidates/${foreign.id}`, { status: 'ACCEPTED' })).status).toBe(403);
		const c = kit.emu.state.createCandidate();
		expect403Scope(await (await keyWithout(kit, 'write:candidates')).patch(`/candidates/${c.id}`, { status: 'ACCEPTED' }), 'write:candidates');
		expect403Scope(await (await keyWithout(kit, 'read:jobs')).patch(`/candidates/${c.id}`, { status: 'ACCEPTED' }), 'read:jobs');
		const ats = await atsKey(kit);
		expect400(await ats.api.patch(`/candidates/${foreign.id}`, { status: 'ACCEPTED' }), 'companyId');
		expectOk(await ats.api.patch(`/candidates/${foreign.id}`, { status: 'ACCEPTED' }, { params: { companyId: OTHER } }));
		expect((await ats.api.patch(`/candidates/${c.id}`, { status: 'ACCEPTED' }, { params: { companyId: OTHER } })).status).toBe(403);
		await kit.api.delete(`/candidates/${c.id}`);
		expect404(await kit.api.patch(`/candidates/${c.id}`, { status: 'ACCEPTED' }), 'Candidate', c.id);
	});
});

describe('DELETE /candidates/{id}', () => {
	it('returns true; the candidate vanishes; its interviews stay readable; no new interviews', async () => {
		await kit.emu.control.seed({ demo: true });
		const jane = DEMO_IDS.candidates.jane;
		const res = await kit.api.delete(`/candidates/${jane}`);
		expectOk(res);
		expect(res.data).toMatchObject({ success: true, data: true, error: null });
		expect404(await kit.api.get(`/candidates/${jane}`), 'Candidate', jane);
		expect404(await kit.api.delete(`/candidates/${jane}`), 'Candidate', jane);
		expect((await kit.api.get('/candidates')).data.data.total).toBe(4);
		expect((await kit.api.get(`/interviews/${DEMO_IDS.interviews.janeScreening}`)).data.data.candidateId).toBe(jane);
		expect404(await kit.api.get('/interviews', { params: { candidateId: jane } }), 'Candidate', jane);
		expect404(await kit.api.post('/interviews', { candidateId: jane, agentId: DEMO_IDS.agents.screening, jobId: DEMO_IDS.jobs.backend }), 'Candidate', jane);
		await kit.emu.control.setOptions({ bareResponses: true });
		expect((await kit.api.delete(`/candidates/${DEMO_IDS.candidates.john}`)).data).toBe(true);
	});

	it('scope delete:candidates; 403 other company; ATS with companyId', async () => {
		const c = kit.emu.state.createCandidate();
		expect403Scope(await (await keyWithout(kit, 'delete:candidates')).delete(`/candidates/${c.id}`), 'delete:candidates');
		const foreign = kit.emu.state.createCandidate({ companyId: OTHER });
		expect((await kit.api.delete(`/candidates/${foreign.id}`)).status).toBe(403);
		const ats = await atsKey(kit);
		expectOk(await ats.api.delete(`/candidates/${foreign.id}`, { params: { companyId: OTHER } }));
		expect(kit.emu.state.candidates.get(foreign.id)!.deletedAt).toBeTruthy();
	});
});
