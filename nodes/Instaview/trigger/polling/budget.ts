import type { IPollFunctions } from 'n8n-workflow';

import { knownRateLimit, type RateLimitSnapshot, type RateLimitWindow, type RequestMeter } from '../../transport';
import { currentWindows, serverNowOf } from '../../transport/rateLimit';

/** Fewest requests kept back from each rate-limit window for the action node and other workflows. */
export const RATE_LIMIT_RESERVE = 5;
/** Poll time used when the host does not say (n8n before 2.x has no getPollBudgetMs). */
export const DEFAULT_POLL_BUDGET_MS = 30 * 1000;
/** Share of the poll budget the trigger may use; the rest is headroom for emitting. */
export const BUDGET_SHARE = 0.8;
/** n8n polls at most once a minute, so an hour's spare requests are spread over its minutes. */
export const SHORTEST_POLL_INTERVAL_MS = 60 * 1000;
/** Most requests of one poll even when the windows could spare more (keeps a poll short). */
export const MAX_SPARE_REQUESTS = 500;

/**
 * Requests of a window kept for the workflow's other InstaView nodes: a tenth, at least a few,
 * but never more than half of a tiny limit (or the trigger could never send at all).
 */
export function reserveOf(window: RateLimitWindow): number {
	if (window.limit === undefined) return RATE_LIMIT_RESERVE;
	return Math.min(Math.max(RATE_LIMIT_RESERVE, Math.floor(window.limit / 10)), Math.floor(window.limit / 2));
}

/**
 * Requests one poll may add on top of the reserve, judged from a rate-limit snapshot: what is
 * left of the minute, and the hour's spare spread evenly over the polls until it resets (so an
 * activation check does not spend the hour in its first minutes and stall the polls after it).
 */
export function spareRequests(snapshot: RateLimitSnapshot, now: number): number {
	const windows = currentWindows(snapshot, now);
	let spare = Number.POSITIVE_INFINITY;
	const minute = windows.minute;
	if (minute.remaining !== undefined) spare = Math.min(spare, minute.remaining - reserveOf(minute));
	const hour = windows.hour;
	if (hour.remaining !== undefined) {
		const left = hour.remaining - reserveOf(hour);
		const untilReset = hour.resetAt === undefined ? 3600 * 1000 : hour.resetAt - serverNowOf(windows, now);
		const polls = Math.max(1, Math.ceil(untilReset / SHORTEST_POLL_INTERVAL_MS));
		spare = Math.min(spare, Math.floor(left / polls));
	}
	return Number.isFinite(spare) ? Math.min(MAX_SPARE_REQUESTS, Math.max(0, spare)) : 0;
}

/**
 * One poll's allowance, and the single place that decides whether a request may be sent: the
 * transport asks `meter.mayAttempt` before every attempt, retries and re-sends after 429
 * included. A poll sends at most `maxRequests` requests (more only for the activation check,
 * within the spare the rate-limit headers show), none once a window is down to its reserve, and
 * none after ~80 % of the time the engine gives the poll.
 */
export class PollBudget {
	readonly meter: RequestMeter;
	/** Requests promised to work still to come in this poll (the PDFs of analyses found). */
	reserved = 0;
	/** Whether the requests now being sent belong to the activation check (may use the spare). */
	spareAllowed = false;
	private readonly deadline: number;
	/** Most requests this poll when the spare is allowed; fixed once the first headers are known. */
	private spareLimit: number | undefined;

	constructor(
		readonly maxRequests: number,
		budgetMs: number,
		private readonly now: () => number = Date.now,
		known?: RateLimitSnapshot,
	) {
		this.deadline = this.now() + Math.max(0, budgetMs) * BUDGET_SHARE;
		this.meter = { requests: 0, mayAttempt: () => this.canSpend(1, this.spareAllowed) };
		if (known) this.meter.rateLimit = known;
	}

	/** A budget for this poll, knowing what earlier responses in this process said of the key's windows. */
	static async forPoll(context: IPollFunctions, maxRequests: number): Promise<PollBudget> {
		const budgetMs =
			typeof context.getPollBudgetMs === 'function' ? Number(context.getPollBudgetMs()) : DEFAULT_POLL_BUDGET_MS;
		const known = await knownRateLimit.call(context);
		return new PollBudget(maxRequests, Number.isFinite(budgetMs) && budgetMs > 0 ? budgetMs : DEFAULT_POLL_BUDGET_MS, Date.now, known);
	}

	get used(): number {
		return this.meter.requests;
	}

	/** The cap of this poll: `maxRequests`, or for the activation check what the windows can spare. */
	limit(spare = false): number {
		if (!spare) return this.maxRequests;
		// Judged from this poll's own first answer, not from what earlier polls left behind.
		if (this.spareLimit === undefined && this.meter.rateLimit && this.meter.requests > 0) {
			this.spareLimit = this.meter.requests + spareRequests(this.meter.rateLimit, this.now());
		}
		return Math.max(this.maxRequests, this.spareLimit ?? 0);
	}

	/** Requests still allowed by the count alone. */
	left(spare = false): number {
		return this.limit(spare) - this.meter.requests - this.reserved;
	}

	/** Whether the rate-limit windows, as last seen, leave `count` requests above the reserve. */
	rateAllows(count = 1): boolean {
		const rate = this.meter.rateLimit;
		if (!rate) return true;
		const windows = currentWindows(rate, this.now());
		for (const window of [windows.minute, windows.hour]) {
			if (window.remaining !== undefined && window.remaining - count < reserveOf(window)) return false;
		}
		return true;
	}

	/** Whether `count` more requests may be sent now (`spare`: for the activation check). */
	canSpend(count = 1, spare = false): boolean {
		if (this.left(spare) < count) return false;
		if (this.now() >= this.deadline) return false;
		// The promised requests (PDFs, details) will come out of the same windows.
		return this.rateAllows(count + this.reserved);
	}

	/** Whether the key's quota, rather than this poll's cap, is what stops the poll. */
	get quotaSpent(): boolean {
		return !this.rateAllows(1);
	}

	/** How long the transport may wait out a rate limit inside this poll. */
	waitMs(): number {
		return Math.max(0, this.deadline - this.now());
	}
}
