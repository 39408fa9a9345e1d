import type { IPollFunctions } from 'n8n-workflow';

import type { RequestMeter } from '../../transport';

/** Fewest requests kept back from each rate-limit window for the action node and other workflows. */
export const RATE_LIMIT_RESERVE = 5;
/** Poll time used when the host does not say (n8n before 2.x has no getPollBudgetMs). */
export const DEFAULT_POLL_BUDGET_MS = 30 * 1000;
/** Share of the poll budget the trigger may use; the rest is headroom for emitting. */
export const BUDGET_SHARE = 0.8;

/**
 * One poll's allowance: at most `maxRequests` requests, none once the minute window is nearly
 * spent, and none after ~80 % of the time the engine gives the poll.
 */
export class PollBudget {
	readonly meter: RequestMeter = { requests: 0 };
	/** Requests promised to work still to come in this poll (the PDFs of analyses found). */
	reserved = 0;
	private readonly deadline: number;

	constructor(
		readonly maxRequests: number,
		budgetMs: number,
		private readonly now: () => number = Date.now,
	) {
		this.deadline = this.now() + Math.max(0, budgetMs) * BUDGET_SHARE;
	}

	static forPoll(context: IPollFunctions, maxRequests: number): PollBudget {
		const budgetMs =
			typeof context.getPollBudgetMs === 'function' ? Number(context.getPollBudgetMs()) : DEFAULT_POLL_BUDGET_MS;
		return new PollBudget(maxRequests, Number.isFinite(budgetMs) && budgetMs > 0 ? budgetMs : DEFAULT_POLL_BUDGET_MS);
	}

	get used(): number {
		return this.meter.requests;
	}

	/** Requests still allowed by the count alone. */
	get left(): number {
		return this.maxRequests - this.meter.requests - this.reserved;
	}

	/** Whether `count` more requests may be sent now. */
	canSpend(count = 1): boolean {
		if (this.left < count) return false;
		if (this.now() >= this.deadline) return false;
		const rate = this.meter.rateLimit;
		for (const window of [rate?.minute, rate?.hour]) {
			if (window?.remaining === undefined) continue;
			// A tenth of each window (at least a few requests) stays for the workflow's other
			// InstaView nodes: a trigger should not be what makes a Create run into 429.
			const reserve = window.limit !== undefined ? Math.max(RATE_LIMIT_RESERVE, Math.floor(window.limit / 10)) : RATE_LIMIT_RESERVE;
			if (window.remaining <= reserve) return false;
		}
		return true;
	}

	/** How long the transport may wait out a rate limit inside this poll. */
	waitMs(): number {
		return Math.max(0, this.deadline - this.now());
	}
}
