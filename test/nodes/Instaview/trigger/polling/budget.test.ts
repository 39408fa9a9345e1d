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
		expect(budget.limit(true)).toBe(30);
		expect(new PollBudget(25, 30000, () => NOW, windows(20, 2000)).limit(true)).toBe(25);
	});
});
