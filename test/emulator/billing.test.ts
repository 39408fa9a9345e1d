import { DEFAULT_COMPANY_ID } from './index';
import type { AgentFocus } from './types';
import {
	atsKey, expect400, expect403Scope, expectOk, keyWithout, startKit, type Kit,
} from './testkit';

let kit: Kit;
beforeAll(async () => {
	kit = await startKit();
});
afterAll(() => kit.emu.close());

const NOW = '2026-05-20T12:00:00.000Z';
const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86400000).toISOString();

beforeEach(async () => {
	await kit.emu.control.reset();
	await kit.emu.control.setOptions({ listShape: 'nested', bareResponses: false });
	await kit.emu.control.setClock(NOW);
});

/** A COMPLETED interview of `minutes` that finished at `at`, through the control API. */
async function completed(minutes: number, at: string, p: { companyId?: string; focus?: AgentFocus; isTest?: boolean } = {}): Promise<string> {
	const c = kit.emu.control;
	const agent = await c.createAgent({ companyId: p.companyId ?? DEFAULT_COMPANY_ID, focus: p.focus ?? 'SCREENING' });
	const cand = await c.createCandidate({ companyId: p.companyId ?? DEFAULT_COMPANY_ID });
	const iv = await c.createInterview({ candidateId: cand.id, agentId: agent.id, isTest: p.isTest ?? false });
	await c.advanceInterview(iv.id, { status: 'COMPLETED', durationMinutes: minutes, at });
	return iv.id;
}

const usage = async (params: Record<string, string> = {}) => {
	const res = await kit.api.get('/billing/usage', { params });
	expectOk(res);
	return res.data.data;
};

describe('GET /billing/usage, minutes billing', () => {
	it('counts COMPLETED non-test interviews of the last 30 days by their minutes', async () => {
		await completed(12, daysAgo(1));
		await completed(7.2, daysAgo(29)); // billed per started minute: 8
		await completed(30, daysAgo(31)); // outside the default range
		const deleted = await completed(5, daysAgo(2));
		expectOk(await kit.api.delete(`/interviews/${deleted}`)); // usage is history: still counted
		const test = await kit.api.post('/interviews', {
			candidate: { firstName: 'T', lastName: 'Est', email: 't@example.com', gdprExpiryDate: '2099-01-01' },
			agent: { name: 'Gen', type: 'ONLINE', focus: 'GENERIC', language: 'EN', duration: 10 }, isTest: true,
		});
		expectOk(test, 201);
		expect(test.data.data.status).toBe('COMPLETED');
		kit.emu.state.createInterview(); // SCHEDULED: nothing used yet
		const failed = kit.emu.state.createInterview();
		await kit.emu.control.advanceInterview(failed.id, { status: 'FAILED' });

		const res = await kit.api.get('/billing/usage');
		expect(res.data).toMatchObject({ success: true, error: null });
		expect(res.data.data).toEqual({
			totalInterviews: 3,
			totalMinutesUsed: 25,
			companies: [{
				companyId: DEFAULT_COMPANY_ID, companyName: 'Demo Company', billingSystem: 'minutes', totalMinutesUsed: 25, totalInterviews: 3,
				breakdownByCostKey: [{ costKey: 'interview_minutes', events: 3, minutesUsed: 25 }],
			}],
		});
	});

	it('no usage: zeros and an empty breakdown', async () => {
		expect(await usage()).toEqual({
			totalInterviews: 0, totalMinutesUsed: 0,
			companies: [{ companyId: DEFAULT_COMPANY_ID, companyName: 'Demo Company', billingSystem: 'minutes', totalMinutesUsed: 0, totalInterviews: 0, breakdownByCostKey: [] }],
		});
	});
});

describe('GET /billing/usage, credits billing', () => {
	it('credits per interview = baseCost + minutes over includedMinutes × costPerMinute, per focus', async () => {
		const company = await kit.emu.control.addCompany({ id: DEFAULT_COMPANY_ID, billingSystem: 'credits' });
		expect(company).toMatchObject({ id: DEFAULT_COMPANY_ID, name: 'Demo Company', billingSystem: 'credits' });
		await completed(14, daysAgo(1), { focus: 'SCREENING' }); // 2 + 4 × 0.25 = 3
		await completed(10, daysAgo(2), { focus: 'SCREENING' }); // 2
		await completed(3, daysAgo(3), { focus: 'GENERIC' }); // 1
		await completed(13, daysAgo(3), { focus: 'LANGUAGE_TEST' }); // 3 + 3 × 0.3 = 3.9
		const data = await usage();
		expect(data).not.toHaveProperty('totalMinutesUsed');
		expect(data.totalCreditsUsed).toBe(9.9);
		expect(data.totalInterviews).toBe(4);
		const [c] = data.companies;
		expect(c).not.toHaveProperty('totalMinutesUsed');
		expect(c).toMatchObject({ billingSystem: 'credits', totalCreditsUsed: 9.9, totalInterviews: 4 });
		expect(c.breakdownByCostKey).toEqual([
			{ costKey: 'interview_generic', events: 1, creditsUsed: 1 },
			{ costKey: 'interview_language_test', events: 1, creditsUsed: 3.9 },
			{ costKey: 'interview_screening', events: 2, creditsUsed: 5 },
		]);
	});

	it('prices are seedable per company', async () => {
		await kit.emu.control.addCompany({ id: DEFAULT_COMPANY_ID, billingSystem: 'credits', creditPrices: { SCREENING: { baseCost: 0, includedMinutes: 0, costPerMinute: 1 } } });
		await completed(14, daysAgo(1));
		expect((await usage()).totalCreditsUsed).toBe(14);
		await expect(kit.emu.control.addCompany({ billingSystem: 'coins' as never })).rejects.toThrow(/400/);
		await expect(kit.emu.control.addCompany({ creditPrices: { SCREENING: { baseCost: -1 } } as never })).rejects.toThrow(/400/);
	});
});

describe('GET /billing/usage, ATS keys', () => {
	it('aggregates the companies the key manages, with a per-company breakdown', async () => {
		const ats = await atsKey(kit);
		const acme = await kit.emu.control.addCompany({ name: 'Acme', billingSystem: 'minutes', atsKey: ats.key });
		const globex = await kit.emu.control.addCompany({ name: 'Globex', billingSystem: 'credits', atsKey: ats.key });
		const stranger = await kit.emu.control.addCompany({ name: 'Not managed', billingSystem: 'minutes' });
		await completed(20, daysAgo(1), { companyId: acme.id });
		await completed(5, daysAgo(2), { companyId: acme.id });
		await completed(12, daysAgo(1), { companyId: globex.id, focus: 'OUTREACH' }); // 1 + 7 × 0.2 = 2.4
		await completed(50, daysAgo(1), { companyId: stranger.id });
		await completed(50, daysAgo(1)); // the demo key's company
		expect((await kit.emu.control.companies()).map((c) => c.name).sort()).toEqual(['Acme', 'Demo Company', 'Globex', 'Not managed']);

		const res = await ats.api.get('/billing/usage');
		expectOk(res);
		expect(res.data.data).toEqual({
			totalInterviews: 3, totalMinutesUsed: 25, totalCreditsUsed: 2.4,
			companies: [
				{ companyId: acme.id, companyName: 'Acme', billingSystem: 'minutes', totalMinutesUsed: 25, totalInterviews: 2, breakdownByCostKey: [{ costKey: 'interview_minutes', events: 2, minutesUsed: 25 }] },
				{ companyId: globex.id, companyName: 'Globex', billingSystem: 'credits', totalCreditsUsed: 2.4, totalInterviews: 1, breakdownByCostKey: [{ costKey: 'interview_outreach', events: 1, creditsUsed: 2.4 }] },
			],
		});
		// a regular key sees only its own company
		expect((await usage()).companies.map((c: { companyId: string }) => c.companyId)).toEqual([DEFAULT_COMPANY_ID]);
		// companyId is not a documented parameter of this endpoint, for either kind of key
		expect400(await ats.api.get('/billing/usage', { params: { companyId: acme.id } }), 'companyId');
		expect400(await kit.api.get('/billing/usage', { params: { companyId: DEFAULT_COMPANY_ID } }), 'companyId');
	});

	it('an ATS key that manages no company gets an empty list', async () => {
		const ats = await atsKey(kit);
		expect((await ats.api.get('/billing/usage')).data.data).toEqual({ totalInterviews: 0, companies: [] });
	});
});

describe('GET /billing/usage, date range', () => {
	beforeEach(async () => {
		await completed(1, '2026-05-01T00:00:00.000Z');
		await completed(2, '2026-05-10T09:30:00.000Z');
		await completed(4, '2026-05-15T23:59:00.000Z');
		await completed(8, '2026-03-01T12:00:00.000Z');
	});
	const minutes = async (params: Record<string, string>) => (await usage(params)).totalMinutesUsed;

	it('default: the last 30 days ending now on the emulator clock', async () => {
		expect(await minutes({})).toBe(7);
		await kit.emu.control.advanceClock(11 * 86400000); // now 05-31T12:00Z, range from 05-01T12:00Z: 05-01T00:00Z drops out
		expect(await minutes({})).toBe(6);
	});

	it('custom range: dates (00:00 UTC) and date-times, both bounds inclusive', async () => {
		expect(await minutes({ start: '2026-03-01', end: '2026-05-31' })).toBe(15);
		expect(await minutes({ start: '2026-05-01', end: '2026-05-15' })).toBe(3); // end = 05-15T00:00Z excludes that day
		expect(await minutes({ start: '2026-05-01', end: '2026-05-16' })).toBe(7);
		expect(await minutes({ start: '2026-05-10T09:30:00Z', end: '2026-05-15T23:59:00Z' })).toBe(6);
		expect(await minutes({ start: '2026-05-10T11:30:00+02:00', end: '2026-05-10T09:30:00Z' })).toBe(2);
		expect(await minutes({ start: '2026-02-01' })).toBe(15); // end defaults to now
		expect(await minutes({ end: '2026-05-11' })).toBe(3); // start defaults to now - 30 days
	});

	it('invalid dates and reversed ranges → 400 naming the parameter', async () => {
		expect400(await kit.api.get('/billing/usage', { params: { start: '2026-02-30' } }), 'start');
		expect400(await kit.api.get('/billing/usage', { params: { end: 'yesterday' } }), 'end');
		expect400(await kit.api.get('/billing/usage', { params: { start: '05/01/2026' } }), 'start');
		expect400(await kit.api.get('/billing/usage', { params: { start: '2026-05-10', end: '2026-05-01' } }), 'start');
		expect400(await kit.api.get('/billing/usage', { params: { end: '2026-01-01' } }), 'start');
		expect400(await kit.api.get('/billing/usage?start=2026-05-01&start=2026-05-02'), 'start');
		expect400(await kit.api.get('/billing/usage', { params: { from: '2026-05-01' } }), 'from');
	});
});

describe('GET /billing/usage, auth', () => {
	it('needs read:billing', async () => {
		expect403Scope(await (await keyWithout(kit, 'read:billing')).get('/billing/usage'), 'read:billing');
		const onlyBilling = 'sk_test_only_billing';
		await kit.emu.control.addApiKey({ key: onlyBilling, scopes: ['read:billing'] });
		expectOk(await kit.as(onlyBilling).get('/billing/usage'));
		expect((await kit.as(null).get('/billing/usage')).status).toBe(401);
	});

	it('bare responses: the usage object without the envelope', async () => {
		await kit.emu.control.setOptions({ bareResponses: true });
		const res = await kit.api.get('/billing/usage');
		expect(Object.keys(res.data).sort()).toEqual(['companies', 'totalInterviews', 'totalMinutesUsed']);
	});
});
