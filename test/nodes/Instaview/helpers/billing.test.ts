import { buildUsageRange, simplifyUsage } from '../../../../nodes/Instaview/helpers/billing';

describe('simplifyUsage', () => {
	test('sums the companies when the top level has no totals, never adding minutes to credits', () => {
		const usage = {
			companies: [
				{ companyId: 'a', billingSystem: 'minutes', totalMinutesUsed: 10, totalInterviews: 2, breakdownByCostKey: [{ costKey: 'interview_minutes', events: 2, minutesUsed: 10 }] },
				{ companyId: 'b', totalCreditsUsed: 0.1, totalInterviews: 1, breakdownByCostKey: [{ costKey: 'interview_generic', events: 1, creditsUsed: 0.1 }] },
				{ companyId: 'c', billingSystem: 'credits', totalCreditsUsed: 0.2, totalInterviews: 1, breakdownByCostKey: [{ costKey: 'interview_generic', events: 1, creditsUsed: 0.2 }] },
			],
		};
		expect(simplifyUsage(usage)).toEqual({
			totalInterviews: 4,
			totalMinutesUsed: 10,
			totalCreditsUsed: 0.3,
			byCostKey: { interview_minutes: { events: 2, minutesUsed: 10 }, interview_generic: { events: 2, creditsUsed: 0.3 } },
			companyCount: 3,
		});
	});

	test('an ATS key with no company: zero interviews and no totals', () => {
		expect(simplifyUsage({ totalInterviews: 0, companies: [] })).toEqual({ totalInterviews: 0, byCostKey: {}, companyCount: 0 });
	});
});

describe('buildUsageRange', () => {
	const now = Date.parse('2026-05-20T12:00:00Z');
	test('explicit offsets are kept as the same instant, shown in the workflow timezone', () => {
		expect(buildUsageRange('2026-05-01T00:00:00Z', '2026-05-02T10:00:00+02:00', now, 'Europe/Bratislava')).toEqual({
			start: '2026-05-01T02:00:00+02:00',
			end: '2026-05-02T10:00:00+02:00',
		});
	});
	test('a bare end date runs to the end of that day; no end means now', () => {
		expect(buildUsageRange('2026-05-01', '2026-05-15', now, 'UTC')).toEqual({ start: '2026-05-01T00:00:00+00:00', end: '2026-05-15T23:59:59+00:00' });
		expect(buildUsageRange('2026-05-01', '', now, 'UTC')).toEqual({ start: '2026-05-01T00:00:00+00:00' });
	});
});
