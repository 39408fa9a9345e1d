import { ALL_SCOPES, DEFAULT_COMPANY_ID } from '../../../../emulator';
import type { AgentFocus } from '../../../../emulator/types';
import { runInstaview, useEmulator } from '../../../../helpers/instaview';

const ctx = useEmulator();
const NOW = '2026-05-20T12:00:00.000Z';
const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86400000).toISOString();

beforeEach(async () => {
	await ctx.emulator.control.reset();
	await ctx.emulator.control.setClock(NOW);
});

/** A completed, billable interview of `minutes` minutes that finished at `at`. */
async function completed(minutes: number, at: string, p: { companyId?: string; focus?: AgentFocus } = {}): Promise<void> {
	const c = ctx.emulator.control;
	const agent = await c.createAgent({ companyId: p.companyId ?? DEFAULT_COMPANY_ID, focus: p.focus ?? 'SCREENING' });
	const candidate = await c.createCandidate({ companyId: p.companyId ?? DEFAULT_COMPANY_ID });
	const interview = await c.createInterview({ candidateId: candidate.id, agentId: agent.id, isTest: false });
	await c.advanceInterview(interview.id, { status: 'COMPLETED', durationMinutes: minutes, at });
}

const usage = (parameters: Record<string, unknown> = {}, apiKey?: string, companyId?: string) =>
	runInstaview(ctx.emulator, {
		parameters: { resource: 'billing', operation: 'getUsage', period: 'last30Days', output: 'summary', simplify: true, ...parameters },
		...(apiKey ? { credentials: { apiKey, baseUrl: ctx.emulator.url, ...(companyId ? { companyId } : {}) } } : {}),
	});

const usageRequests = async () => ctx.emulator.control.requests({ path: '/billing/usage' });

describe('Billing → Get Usage', () => {
	test('minutes billing, default period: nothing but the key is sent (InstaView\'s last 30 days)', async () => {
		await completed(12, daysAgo(1));
		await completed(7.2, daysAgo(29)); // billed per started minute: 8
		await completed(30, daysAgo(31)); // outside the default period
		const { output, error } = await usage();
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([
			{
				totalInterviews: 2,
				totalMinutesUsed: 20,
				byCostKey: { interview_minutes: { events: 2, minutesUsed: 20 } },
				companyCount: 1,
				periodStart: null,
				periodEnd: null,
			},
		]);
		const [request] = await usageRequests();
		expect(request.query).toEqual({});
	});

	test('credits billing: fractional credits per agent focus, no minutes total', async () => {
		await ctx.emulator.control.addCompany({ id: DEFAULT_COMPANY_ID, billingSystem: 'credits' });
		await completed(12, daysAgo(1), { focus: 'OUTREACH' }); // 1 + 7 × 0.2 = 2.4
		await completed(14, daysAgo(2), { focus: 'SCREENING' }); // 2 + 4 × 0.25 = 3
		await completed(3, daysAgo(3), { focus: 'OUTREACH' }); // 1
		const { output } = await usage();
		expect(output[0].json).toEqual({
			totalInterviews: 3,
			totalCreditsUsed: 6.4,
			byCostKey: { interview_outreach: { events: 2, creditsUsed: 3.4 }, interview_screening: { events: 1, creditsUsed: 3 } },
			companyCount: 1,
			periodStart: null,
			periodEnd: null,
		});
		const raw = await usage({ simplify: false });
		expect(raw.output[0].json).toMatchObject({ totalCreditsUsed: 6.4, companies: [{ billingSystem: 'credits', totalCreditsUsed: 6.4 }] });
		expect(raw.output[0].json).not.toHaveProperty('totalMinutesUsed');
	});

	test('an ATS key with two companies: one summary, or one item per company; the credential\'s company is not sent', async () => {
		const atsKey = 'sk_test_ats_usage_0000000000000000000000000000000';
		await ctx.emulator.control.addApiKey({ key: atsKey, scopes: ALL_SCOPES, ats: true });
		const acme = await ctx.emulator.control.addCompany({ name: 'Acme', billingSystem: 'minutes', atsKey });
		const globex = await ctx.emulator.control.addCompany({ name: 'Globex', billingSystem: 'credits', atsKey });
		await completed(20, daysAgo(1), { companyId: acme.id });
		await completed(5, daysAgo(2), { companyId: acme.id });
		await completed(12, daysAgo(1), { companyId: globex.id, focus: 'OUTREACH' });
		await completed(50, daysAgo(1)); // another company's

		const summary = await usage({}, atsKey, acme.id);
		expect(summary.error).toBeUndefined();
		expect(summary.output.map((item) => item.json)).toEqual([
			{
				totalInterviews: 3,
				totalMinutesUsed: 25,
				totalCreditsUsed: 2.4,
				byCostKey: { interview_minutes: { events: 2, minutesUsed: 25 }, interview_outreach: { events: 1, creditsUsed: 2.4 } },
				companyCount: 2,
				periodStart: null,
				periodEnd: null,
			},
		]);
		const perCompany = await usage({ output: 'perCompany' }, atsKey, acme.id);
		expect(perCompany.output.map((item) => item.json)).toEqual([
			{ companyId: acme.id, companyName: 'Acme', billingSystem: 'minutes', totalInterviews: 2, totalMinutesUsed: 25, byCostKey: { interview_minutes: { events: 2, minutesUsed: 25 } }, periodStart: null, periodEnd: null },
			{ companyId: globex.id, companyName: 'Globex', billingSystem: 'credits', totalInterviews: 1, totalCreditsUsed: 2.4, byCostKey: { interview_outreach: { events: 1, creditsUsed: 2.4 } }, periodStart: null, periodEnd: null },
		]);
		const raw = await usage({ output: 'perCompany', simplify: false }, atsKey, acme.id);
		expect(raw.output.map((item) => item.json.breakdownByCostKey)).toEqual([
			[{ costKey: 'interview_minutes', events: 2, minutesUsed: 25 }],
			[{ costKey: 'interview_outreach', events: 1, creditsUsed: 2.4 }],
		]);
		for (const request of await usageRequests()) expect(request.query).not.toHaveProperty('companyId');
	});

	test('custom period: bounds sent with the workflow\'s offset; a bare end date counts that whole day', async () => {
		await completed(1, '2026-05-01T00:00:00.000Z');
		await completed(2, '2026-05-10T09:30:00.000Z');
		await completed(4, '2026-05-15T23:59:00.000Z');
		await completed(8, '2026-03-01T12:00:00.000Z');
		const { output } = await usage({ period: 'custom', start: '2026-05-01', end: '2026-05-15' });
		expect(output[0].json).toMatchObject({ totalInterviews: 3, totalMinutesUsed: 7, periodStart: '2026-05-01T00:00:00+00:00', periodEnd: '2026-05-15T23:59:59+00:00' });
		const open = await runInstaview(ctx.emulator, {
			timezone: 'Europe/Bratislava',
			parameters: { resource: 'billing', operation: 'getUsage', period: 'custom', start: '2026-05-10T12:00:00', end: '', output: 'summary', simplify: true },
		});
		expect(open.output[0].json).toMatchObject({ totalMinutesUsed: 4, periodStart: '2026-05-10T12:00:00+02:00', periodEnd: null });
		expect((await usageRequests()).map((r) => r.query)).toEqual([
			{ start: '2026-05-01T00:00:00+00:00', end: '2026-05-15T23:59:59+00:00' },
			{ start: '2026-05-10T12:00:00+02:00' },
		]);
	});

	test('a key without read:billing: the error names the scope', async () => {
		const key = 'sk_test_nobilling_000000000000000000000000000000';
		await ctx.emulator.control.addApiKey({ key, scopes: ALL_SCOPES.filter((scope) => scope !== 'read:billing') });
		const { error } = await usage({}, key);
		expect(error?.message).toBe('The InstaView API key lacks the scope read:billing');
		expect(error?.description).toMatch(/read:billing/);
		expect(error?.httpCode).toBe('403');
	});

	test.each([
		['start empty', { start: '' }, 'Start'],
		['start not a date', { start: 'last monday' }, 'Start'],
		['start an impossible date', { start: '2026-02-30' }, 'Start'],
		['end not a date', { start: '2026-05-01', end: 'soon' }, 'End'],
		['start after end', { start: '2026-05-10', end: '2026-05-01' }, 'Start'],
		['start in the future', { start: '2099-06-01' }, 'Start'],
	])('refuses a custom period with %s before any request', async (_, period, field) => {
		const { error } = await usage({ period: 'custom', end: '', ...period });
		expect(error?.message).toMatch(new RegExp(`^${field}: `));
		expect(await ctx.emulator.control.requests({})).toHaveLength(0);
	});
});
