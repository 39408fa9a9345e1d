import { PollBudget } from '../../../../../nodes/Instaview/trigger/polling/budget';

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
});
