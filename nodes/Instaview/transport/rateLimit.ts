/**
 * InstaView sends X-RateLimit-{Limit,Remaining,Reset}-{Minute,Hour} on every response
 * (Reset is a Unix time in seconds) and a 429 with Retry-After when a window is spent.
 * The node reads these to wait before it is refused, rather than after.
 */
export interface RateLimitWindow {
	limit?: number;
	remaining?: number;
	/** Epoch milliseconds at which the window starts again. */
	resetAt?: number;
}

export interface RateLimitSnapshot {
	minute: RateLimitWindow;
	hour: RateLimitWindow;
	/** Epoch milliseconds when the headers were read (this process's clock). */
	seenAt: number;
	/** InstaView's clock at that moment, when the response said (Reset times are on its clock). */
	serverAt?: number;
}

type Headers = Record<string, unknown>;

function header(headers: Headers, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === wanted) {
			return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
		}
	}
	return undefined;
}

function numberHeader(headers: Headers, name: string): number | undefined {
	const raw = header(headers, name);
	if (raw === undefined || raw.trim() === '') return undefined;
	const value = Number(raw);
	return Number.isFinite(value) ? value : undefined;
}

function readWindow(headers: Headers, suffix: 'Minute' | 'Hour'): RateLimitWindow {
	const reset = numberHeader(headers, `x-ratelimit-reset-${suffix}`);
	return {
		limit: numberHeader(headers, `x-ratelimit-limit-${suffix}`),
		remaining: numberHeader(headers, `x-ratelimit-remaining-${suffix}`),
		resetAt: reset === undefined ? undefined : reset * 1000,
	};
}

export function readRateLimitHeaders(headers: Headers, now: number, serverAt?: number): RateLimitSnapshot | undefined {
	const minute = readWindow(headers, 'Minute');
	const hour = readWindow(headers, 'Hour');
	if (minute.remaining === undefined && hour.remaining === undefined) return undefined;
	return serverAt === undefined ? { minute, hour, seenAt: now } : { minute, hour, seenAt: now, serverAt };
}

/** InstaView's time now, estimated from a snapshot (the local clock when it had none). */
export function serverNowOf(snapshot: RateLimitSnapshot, now: number): number {
	return snapshot.serverAt === undefined ? now : snapshot.serverAt + Math.max(0, now - snapshot.seenAt);
}

/**
 * What a snapshot says now: a window whose reset has passed (on InstaView's clock, estimated
 * from the server time the snapshot was taken at plus the time elapsed here) has started again,
 * and what is left of it is unknown until the next response (the limit itself may have changed).
 * Without a server time, the local clock is compared with the reset, as the pacing does.
 */
export function currentWindows(snapshot: RateLimitSnapshot, now: number): RateLimitSnapshot {
	const serverNow = serverNowOf(snapshot, now);
	const renew = (window: RateLimitWindow): RateLimitWindow =>
		window.resetAt !== undefined && window.limit !== undefined && serverNow >= window.resetAt
			? { limit: window.limit }
			: window;
	return { ...snapshot, minute: renew(snapshot.minute), hour: renew(snapshot.hour) };
}

/**
 * Milliseconds to wait before the next request so it is not refused: zero while the window
 * has requests left, otherwise until the window resets (plus a small margin for clock skew).
 */
export function waitBeforeNextRequest(snapshot: RateLimitSnapshot | undefined, localNow: number): number {
	if (!snapshot) return 0;
	const now = serverNowOf(snapshot, localNow);
	let wait = 0;
	for (const [window, longest] of [
		[snapshot.minute, MINUTE_MS],
		[snapshot.hour, HOUR_MS],
	] as const) {
		if (window.remaining !== undefined && window.remaining <= 0 && window.resetAt !== undefined) {
			// Reset is InstaView's clock; if n8n's clock is behind, never wait longer than a window.
			wait = Math.max(wait, Math.min(window.resetAt - now, longest) + RESET_MARGIN_MS);
		}
	}
	return Math.max(0, wait);
}

export const RESET_MARGIN_MS = 250;
const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Seconds a 429 asks us to wait: the Retry-After header first (seconds or an HTTP date), then
 * the body's retryAfter (the docs' example has header 60 and body 30, so they can disagree),
 * then the body's reset time.
 */
export function retryAfterMs(headers: Headers, body: unknown, now: number): number | undefined {
	const raw = header(headers, 'retry-after');
	if (raw !== undefined) {
		const seconds = Number(raw);
		if (Number.isFinite(seconds) && raw.trim() !== '') return Math.max(0, seconds * 1000);
		const date = Date.parse(raw);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	if (typeof body === 'object' && body !== null) {
		const { retryAfter, reset } = body as { retryAfter?: unknown; reset?: unknown };
		if (typeof retryAfter === 'number' && Number.isFinite(retryAfter)) return Math.max(0, retryAfter * 1000);
		if (typeof reset === 'number' && Number.isFinite(reset)) return Math.max(0, reset * 1000 - now);
	}
	return undefined;
}

/** Remembers the last headers seen per credential, so consecutive requests can pace. */
export class RateLimitTracker {
	private readonly snapshots = new Map<string, RateLimitSnapshot>();

	get(key: string): RateLimitSnapshot | undefined {
		return this.snapshots.get(key);
	}

	update(key: string, snapshot: RateLimitSnapshot | undefined): void {
		if (snapshot) this.snapshots.set(key, snapshot);
	}

	/** After the server refused us, nothing is left for `waitMs` (kept on the snapshot's clock). */
	markExhausted(key: string, waitMs: number, now: number): RateLimitSnapshot {
		const previous = this.snapshots.get(key);
		const serverNow = previous?.serverAt === undefined ? undefined : serverNowOf(previous, now);
		const snapshot: RateLimitSnapshot = {
			minute: { ...(previous?.minute ?? {}), remaining: 0, resetAt: (serverNow ?? now) + waitMs },
			hour: previous?.hour ?? {},
			seenAt: now,
		};
		if (serverNow !== undefined) snapshot.serverAt = serverNow;
		this.snapshots.set(key, snapshot);
		return snapshot;
	}

	clear(): void {
		this.snapshots.clear();
	}
}
