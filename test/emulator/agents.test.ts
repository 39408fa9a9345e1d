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

describe('GET /agents/{id}', () => {
	it('returns the documented agent object', async () => {
		await kit.emu.control.seed({ demo: true });
		const res = await kit.api.get(`/agents/${DEMO_IDS.agents.screening}`);
		expectOk(res);
		expect(res.data).toMatchObject({ success: true, error: null });
		const a = res.data.data;
		expect(Object.keys(a).sort()).toEqual([
			'cefrLevel', 'companyId', 'companyPhoneNumberId', 'createdAt', 'duration', 'focus', 'id', 'instructions', 'language', 'metadata',
			'name', 'questions', 'type', 'updatedAt', 'voiceId',
		]);
		expect(a).toMatchObject({ id: DEMO_IDS.agents.screening, name: 'Screening (EN)', type: 'ONLINE', focus: 'SCREENING', language: 'EN', duration: 20, companyId: DEMO_IDS.companyId });
	});

	it('404 missing or deleted, 403 other company, 400 non-UUID, scope read:agents, ATS companyId', async () => {
		expect404(await kit.api.get(`/agents/${MISSING}`), 'Agent', MISSING);
		const gone = kit.emu.state.createAgent({ deletedAt: kit.emu.state.nowIso() });
		expect404(await kit.api.get(`/agents/${gone.id}`), 'Agent', gone.id);
		const foreign = kit.emu.state.createAgent({ companyId: OTHER });
		const denied = await kit.api.get(`/agents/${foreign.id}`);
		expect(denied.status).toBe(403);
		expect(denied.data.error).toMatchObject({ code: 'RESOURCE_ACCESS_DENIED', details: { resourceType: 'Agent', resourceId: foreign.id } });
		expect400(await kit.api.get('/agents/not-a-uuid'), 'id');
		expect403Scope(await (await keyWithout(kit, 'read:agents')).get(`/agents/${foreign.id}`), 'read:agents');
		const ats = await atsKey(kit);
		expect400(await ats.api.get(`/agents/${foreign.id}`), 'companyId');
		expectOk(await ats.api.get(`/agents/${foreign.id}`, { params: { companyId: OTHER } }));
		expect((await ats.api.get(`/agents/${foreign.id}`, { params: { companyId: DEMO_IDS.companyId } })).status).toBe(403);
	});
});

describe('GET /agents', () => {
	it('own company only, deleted hidden, newest first, paginated', async () => {
		await kit.emu.control.seed({ agents: 5 });
		kit.emu.state.createAgent({ companyId: OTHER });
		kit.emu.state.createAgent({ name: 'Deleted', deletedAt: kit.emu.state.nowIso() });
		const p1 = (await kit.api.get('/agents', { params: { limit: 2 } })).data.data;
		expect(p1).toMatchObject({ total: 5, page: 1, limit: 2, totalPages: 3 });
		expect(p1.data.map((a: { name: string }) => a.name)).toEqual(['Screening agent 5', 'Screening agent 4']);
		const p3 = (await kit.api.get('/agents', { params: { limit: 2, page: 3 } })).data.data;
		expect(p3.data.map((a: { name: string }) => a.name)).toEqual(['Screening agent 1']);
		expect((await kit.api.get('/agents', { params: { limit: 2, page: 4 } })).data.data.data).toEqual([]);
		await kit.emu.control.setOptions({ listShape: 'flat' });
		const flat = (await kit.api.get('/agents', { params: { limit: 2, page: 2 } })).data;
		expect(flat).toMatchObject({ total: 5, page: 2, limit: 2, totalPages: 3 });
	});

	it('only page/limit/companyId; scope read:agents; ATS companyId; another companyId → 403', async () => {
		for (const p of ['focus', 'type', 'search', 'status']) expect400(await kit.api.get('/agents', { params: { [p]: 'X' } }), p);
		expect400(await kit.api.get('/agents', { params: { page: 0 } }), 'page');
		expect403Scope(await (await keyWithout(kit, 'read:agents')).get('/agents'), 'read:agents');
		expect((await kit.api.get('/agents', { params: { companyId: OTHER } })).status).toBe(403);
		expectOk(await kit.api.get('/agents', { params: { companyId: DEMO_IDS.companyId } }));
		kit.emu.state.createAgent({ companyId: OTHER, name: 'Theirs' });
		const ats = await atsKey(kit);
		expect400(await ats.api.get('/agents'), 'companyId');
		const list = (await ats.api.get('/agents', { params: { companyId: OTHER } })).data.data;
		expect(list.data.map((a: { name: string }) => a.name)).toEqual(['Theirs']);
	});
});
