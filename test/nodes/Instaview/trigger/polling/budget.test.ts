import { PollBudget, spareRequests } from '../../../../../nodes/Instaview/trigger/polling/budget';

const NOW = 1_800_000_000_000;
const windows = (minute: number, hour: number, hourResetInMs = 3600 * 1000) => ({
	minute: { limit: 60, remaining: minute, resetAt: NOW + 30000 },
	hour: { limit: 2000, remaining: hour, resetAt: NOW + hourResetInMs },
	seenAt: NOW,
	serverAt: NOW,
});

describe('poll budget', () => {
	test('the budget stops at the request cap, the rate-limit reserve and the deadline', () => {
		let now = 0;
		const budget = new PollBudget(3, 1000, () => now);
		expect(budget.canSpend()).toBe(true);
		budget.meter.requests = 3;
		expect(budget.canSpend()).toBe(false);
		budget.meter.requests = 0;
		// A tenth of each window is kept for other workflows (at least 5 requests).
		budget.meter.rateLimit = { minute: { limit: 60, remaining: 6 }, hour: {}, seenAt: 0 };
		expect(budget.canSpend()).toBe(false);
		expect(budget.quotaSpent).toBe(true);
		budget.meter.rateLimit = { minute: { limit: 30, remaining: 6 }, hour: {}, seenAt: 0 };
		expect(budget.canSpend()).toBe(true);
		budget.meter.rateLimit = { minute: { limit: 60, remaining: 7 }, hour: { limit: 2000, remaining: 200 }, seenAt: 0 };
		expect(budget.canSpend()).toBe(false);
		budget.meter.rateLimit = { minute: { limit: 60, remaining: 7 }, hour: { limit: 2000, remaining: 201 }, seenAt: 0 };
		expect(budget.canSpend()).toBe(true);
		expect(budget.waitMs()).toBe(800);
		now = 800;
		expect(budget.canSpend()).toBe(false);
	});

	test('requests promised to PDFs and details count against the windows too, not only against the cap', () => {
		const budget = new PollBudget(25, 1000, () => NOW);
		budget.meter.rateLimit = { minute: { limit: 60, remaining: 10 }, hour: {}, seenAt: NOW };
		expect(budget.canSpend(1)).toBe(true);
		budget.reserved = 4;
		// 10 left, 6 kept for others: 4 are promised, so no further read may start
		expect(budget.canSpend(1)).toBe(false);
		budget.reserved = 0;
		// the promised requests themselves are then sent
		expect(budget.canSpend(4)).toBe(true);
	});

	test('the transport asks the budget before every attempt, so retries count against the cap', () => {
		const budget = new PollBudget(2, 1000, () => NOW);
		expect(budget.meter.mayAttempt?.()).toBe(true);
		budget.meter.requests = 2;
		expect(budget.meter.mayAttempt?.()).toBe(false);
	});

	test('what the process knew of the window at the start counts before the first request; a passed reset frees it', () => {
		let now = NOW;
		const budget = new PollBudget(25, 60000, () => now, windows(6, 1500));
		expect(budget.canSpend()).toBe(false);
		now = NOW + 31000;
		expect(budget.canSpend()).toBe(true);
	});

	test('spare for the activation check: the minute above its reserve, the hour spread over its remaining minutes', () => {
		expect(spareRequests(windows(60, 2000), NOW)).toBe(30); // (2000 - 200) / 60 minutes
		expect(spareRequests(windows(20, 2000), NOW)).toBe(14); // 20 - 6
		expect(spareRequests(windows(60, 1000, 10 * 60 * 1000), NOW)).toBe(54); // 800 / 10 = 80, but the minute allows 54
		expect(spareRequests(windows(60, 150), NOW)).toBe(0); // the hour is in its reserve
		const budget = new PollBudget(25, 30000, () => NOW, windows(60, 2000));
		expect(budget.limit(false)).toBe(25);
		// Only this poll's own answers count for the spare.
		expect(budget.limit(true)).toBe(25);
		budget.meter.requests = 1;
		expect(budget.limit(true)).toBe(31);
		const short = new PollBudget(25, 30000, () => NOW, windows(20, 2000));
		short.meter.requests = 1;
		expect(short.limit(true)).toBe(25);
	});

	test('a tiny limit keeps at most half as reserve, so the trigger can still send; a renewed window is learnt afresh', () => {
		const tiny = new PollBudget(25, 60000, () => NOW, { minute: { limit: 4, remaining: 3, resetAt: NOW + 1000 }, hour: {}, seenAt: NOW, serverAt: NOW });
		expect(tiny.canSpend()).toBe(true);
		tiny.meter.rateLimit = { minute: { limit: 4, remaining: 2, resetAt: NOW + 1000 }, hour: {}, seenAt: NOW, serverAt: NOW };
		expect(tiny.canSpend()).toBe(false);
		let now = NOW;
		const renewed = new PollBudget(25, 60000, () => now, { minute: { limit: 4, remaining: 0, resetAt: NOW + 1000 }, hour: {}, seenAt: NOW, serverAt: NOW });
		expect(renewed.canSpend()).toBe(false);
		now = NOW + 1500;
		expect(renewed.canSpend()).toBe(true);
	});
});
