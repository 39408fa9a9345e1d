import { ALL_SCOPES } from '../../../../emulator';
import { byId, DEMO_IDS, runInstaview, useEmulator } from '../../../../helpers/instaview';

const ctx = useEmulator();
const dateIn = (days: number) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
const candidate = (operation: string, parameters: Record<string, unknown> = {}) => ({ resource: 'candidate', operation, ...parameters });
const logged = (method: string, path?: string | RegExp) => ctx.emulator.control.requests({ method, ...(path ? { path } : {}) });

describe('Candidate → Create', () => {
	test('sends the documented body with jobIds (not the deprecated jobId) and returns the candidate', async () => {
		const gdpr = dateIn(200);
		const { output, error } = await runInstaview(ctx.emulator, {
			parameters: candidate('create', {
				firstName: ' Ada ',
				lastName: 'Lovelace',
				email: 'ada@example.com',
				phoneNumber: '+421 905 123 456',
				gdprExpiryDate: gdpr,
				additionalFields: { jobIds: `${DEMO_IDS.jobs.backend}, ${DEMO_IDS.jobs.designer}`, metadata: '{"atsId":"A-1"}' },
			}),
		});
		expect(error).toBeUndefined();
		const [post] = await logged('POST', '/candidates');
		expect(post.body).toEqual({
			firstName: 'Ada',
			lastName: 'Lovelace',
			email: 'ada@example.com',
			phoneNumber: '+421905123456',
			gdprExpiryDate: gdpr,
			jobIds: [DEMO_IDS.jobs.backend, DEMO_IDS.jobs.designer],
			metadata: { atsId: 'A-1' },
		});
		expect(post.status).toBe(201);
		expect(output[0].json).toMatchObject({ firstName: 'Ada', status: 'APPLIED', jobIds: [DEMO_IDS.jobs.backend, DEMO_IDS.jobs.designer], metadata: { atsId: 'A-1' } });
	});

	test('without jobs: a talent-pool candidate, and no jobIds key is sent', async () => {
		const { output } = await runInstaview(ctx.emulator, {
			parameters: candidate('create', { firstName: 'Pool', lastName: 'Person', phoneNumber: '+421905000111', email: '', gdprExpiryDate: dateIn(30), additionalFields: {} }),
		});
		const [post] = await logged('POST', '/candidates');
		expect(Object.keys(post.body as object).sort()).toEqual(['firstName', 'gdprExpiryDate', 'lastName', 'phoneNumber']);
		expect(output[0].json.jobIds).toEqual([]);
	});

	test('a 5xx after the create may have happened is not retried and says to check first', async () => {
		await ctx.emulator.control.addFault({ method: 'POST', path: '/candidates', status: 503 });
		const { error } = await runInstaview(ctx.emulator, {
			parameters: candidate('create', { firstName: 'Once', lastName: 'Only', email: 'once@example.com', gdprExpiryDate: dateIn(30) }),
		});
		expect(error?.message).toMatch(/server problem/);
		expect(error?.description).toMatch(/did not send it again/);
		expect(await logged('POST', '/candidates')).toHaveLength(1);
	});
});

describe('Candidate → Get, Get Many, Delete', () => {
	test('Get: simplified by default, raw on request', async () => {
		const simple = await runInstaview(ctx.emulator, { parameters: candidate('get', { candidateId: byId(DEMO_IDS.candidates.jane), simplify: true }) });
		expect(simple.output[0].json).toMatchObject({ id: DEMO_IDS.candidates.jane, firstName: 'Jane', overallRating: 85, jobIds: [DEMO_IDS.jobs.backend] });
		expect(simple.output[0].json).not.toHaveProperty('links');
		const raw = await runInstaview(ctx.emulator, { parameters: candidate('get', { candidateId: byId(DEMO_IDS.candidates.jane), simplify: false }) });
		expect(raw.output[0].json).toHaveProperty('links');
	});

	test('Get of an unknown candidate names it', async () => {
		const id = 'cafe0001-0000-4000-8000-0000000000ff';
		const { error } = await runInstaview(ctx.emulator, { parameters: candidate('get', { candidateId: byId(id), simplify: true }) });
		expect(error?.message).toBe(`InstaView could not find the candidate ${id}`);
	});

	test('Get Many: Return All reads pages of 100 (250 candidates → 3 requests)', async () => {
		await ctx.emulator.control.seed({ candidates: 245 });
		const { output } = await runInstaview(ctx.emulator, { parameters: candidate('getAll', { returnAll: true, filters: {}, simplify: true }) });
		expect(output).toHaveLength(250);
		const lists = await logged('GET', '/candidates');
		expect(lists.map((r) => r.query)).toEqual([1, 2, 3].map((page) => ({ page: String(page), limit: '100' })));
	});

	test('Get Many: Limit, and the search, job and status filters go to InstaView', async () => {
		const limited = await runInstaview(ctx.emulator, { parameters: candidate('getAll', { returnAll: false, limit: 2, filters: {}, simplify: true }) });
		expect(limited.output).toHaveLength(2);
		const filtered = await runInstaview(ctx.emulator, {
			parameters: candidate('getAll', { returnAll: true, filters: { search: 'pet', jobId: DEMO_IDS.jobs.designer, status: 'APPLIED' }, simplify: true }),
		});
		expect(filtered.output.map((item) => item.json.id)).toEqual([DEMO_IDS.candidates.peter]);
		const lists = await logged('GET', '/candidates');
		expect(lists[1].query).toEqual({ page: '1', limit: '100', search: 'pet', jobId: DEMO_IDS.jobs.designer, status: 'APPLIED' });
	});

	test('Get Many: the email filter is applied by the node (InstaView\'s search ignores emails)', async () => {
		const jane = (await runInstaview(ctx.emulator, { parameters: candidate('get', { candidateId: byId(DEMO_IDS.candidates.jane), simplify: true }) })).output[0].json;
		const { output } = await runInstaview(ctx.emulator, {
			parameters: candidate('getAll', { returnAll: false, limit: 5, filters: { email: ` ${String(jane.email).toUpperCase()} ` }, simplify: true }),
		});
		expect(output.map((item) => item.json.id)).toEqual([DEMO_IDS.candidates.jane]);
		const [, list] = await logged('GET', '/candidates');
		expect(list.query).not.toHaveProperty('search');
	});

	test('Delete: {deleted, id}; the candidate is gone afterwards', async () => {
		const { output } = await runInstaview(ctx.emulator, { parameters: candidate('delete', { candidateId: byId(DEMO_IDS.candidates.maria) }) });
		expect(output[0].json).toEqual({ deleted: true, id: DEMO_IDS.candidates.maria });
		const again = await runInstaview(ctx.emulator, { parameters: candidate('get', { candidateId: byId(DEMO_IDS.candidates.maria), simplify: true }) });
		expect(again.error?.httpCode).toBe('404');
	});
});

describe('Candidate → Update', () => {
	test('sends only the fields set; job assignments and metadata replace the old ones', async () => {
		const { output, error } = await runInstaview(ctx.emulator, {
			parameters: candidate('update', {
				candidateId: byId(DEMO_IDS.candidates.peter),
				updateFields: { status: 'ACCEPTED', jobIds: DEMO_IDS.jobs.designer, metadata: '{"stage":"offer"}', firstName: '' },
			}),
		});
		expect(error).toBeUndefined();
		const [patch] = await logged('PATCH');
		expect(patch.path).toBe(`/candidates/${DEMO_IDS.candidates.peter}`);
		expect(patch.body).toEqual({ status: 'ACCEPTED', jobIds: [DEMO_IDS.jobs.designer], metadata: { stage: 'offer' } });
		expect(output[0].json).toMatchObject({ status: 'ACCEPTED', jobIds: [DEMO_IDS.jobs.designer], metadata: { stage: 'offer' }, firstName: 'Peter' });
	});

	test('contact details and the GDPR date, checked like a create', async () => {
		const gdpr = dateIn(400);
		await runInstaview(ctx.emulator, {
			parameters: candidate('update', { candidateId: byId(DEMO_IDS.candidates.anna), updateFields: { email: 'anna.new@example.com', phoneNumber: '+44 20 7946 0000', gdprExpiryDate: gdpr } }),
		});
		const [patch] = await logged('PATCH');
		expect(patch.body).toEqual({ email: 'anna.new@example.com', phoneNumber: '+442079460000', gdprExpiryDate: gdpr });
	});

	test('a key without read:jobs: InstaView asks for it on every candidate update, and the error names it', async () => {
		const key = 'sk_test_noreadjobs_00000000000000000000000000000';
		await ctx.emulator.control.addApiKey({ key, scopes: ALL_SCOPES.filter((scope) => scope !== 'read:jobs') });
		const { error } = await runInstaview(ctx.emulator, {
			credentials: { apiKey: key, baseUrl: ctx.emulator.url },
			parameters: candidate('update', { candidateId: byId(DEMO_IDS.candidates.jane), updateFields: { status: 'REJECTED' } }),
		});
		expect(error?.message).toBe('The InstaView API key lacks the scope read:jobs');
	});

	test('Continue On Fail: a bad row becomes an error item paired with it, the others go on', async () => {
		const rows = [
			candidate('update', { candidateId: byId(DEMO_IDS.candidates.jane), updateFields: { status: 'IN_PROCESS' } }),
			candidate('update', { candidateId: byId(DEMO_IDS.candidates.john), updateFields: {} }),
			candidate('update', { candidateId: byId(DEMO_IDS.candidates.maria), updateFields: { status: 'REJECTED' } }),
		];
		const { output } = await runInstaview(ctx.emulator, { continueOnFail: true, items: [{ json: {} }, { json: {} }, { json: {} }], parameters: rows });
		expect(output.map((item) => [item.json.status ?? item.json.error, item.pairedItem])).toEqual([
			['IN_PROCESS', { item: 0 }],
			['Update Fields: are all empty', { item: 1 }],
			['REJECTED', { item: 2 }],
		]);
		expect(await logged('PATCH')).toHaveLength(2);
	});
});
