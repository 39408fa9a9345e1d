/** Per-key fixed-window rate limiting (minute + hour tiers) on the emulator clock. */
import type { EmulatorState, RateCounter } from './store';

export interface RateDecision {
	allowed: boolean;
	headers: Record<string, string>;
	/** non-envelope 429 body when !allowed */
	body?: Record<string, unknown>;
}

function windows(state: EmulatorState, c: RateCounter | undefined, now: number): RateCounter {
	const { windowMs, hourWindowMs } = state.options.rateLimit;
	const minuteStart = Math.floor(now / windowMs) * windowMs;
	const hourStart = Math.floor(now / hourWindowMs) * hourWindowMs;
	return {
		minuteStart,
		minuteCount: c && c.minuteStart === minuteStart ? c.minuteCount : 0,
		hourStart,
		hourCount: c && c.hourStart === hourStart ? c.hourCount : 0,
	};
}

function headersFor(state: EmulatorState, c: RateCounter): Record<string, string> {
	const { perMinute, perHour, windowMs, hourWindowMs } = state.options.rateLimit;
	return {
		'X-RateLimit-Limit-Minute': String(perMinute),
		'X-RateLimit-Limit-Hour': String(perHour),
		'X-RateLimit-Remaining-Minute': String(Math.max(0, perMinute - c.minuteCount)),
		'X-RateLimit-Remaining-Hour': String(Math.max(0, perHour - c.hourCount)),
		'X-RateLimit-Reset-Minute': String(Math.ceil((c.minuteStart + windowMs) / 1000)),
		'X-RateLimit-Reset-Hour': String(Math.ceil((c.hourStart + hourWindowMs) / 1000)),
	};
}

/** Headers without counting (used for responses to unauthenticated requests). */
export function peekHeaders(state: EmulatorState, key: string | undefined): Record<string, string> {
	const now = state.nowMs();
	return headersFor(state, windows(state, key ? state.rateCounters.get(key) : undefined, now));
}

/** Count one request for `key`; a rejected (429) request is not counted. */
export function consume(state: EmulatorState, key: string): RateDecision {
	const now = state.nowMs();
	const { perMinute, perHour, windowMs, hourWindowMs } = state.options.rateLimit;
	const c = windows(state, state.rateCounters.get(key), now);
	const minuteOver = c.minuteCount >= perMinute;
	const hourOver = c.hourCount >= perHour;
	if (minuteOver || hourOver) {
		state.rateCounters.set(key, c);
		// when both tiers are exhausted, the later reset (the hour) is the one that matters
		const useHour = hourOver;
		const resetMs = useHour ? c.hourStart + hourWindowMs : c.minuteStart + windowMs;
		const retryAfter = Math.max(1, Math.ceil((resetMs - now) / 1000));
		const headers = { ...headersFor(state, c), 'Retry-After': String(retryAfter) };
		return {
			allowed: false,
			headers,
			body: {
				statusCode: 429,
				message: 'Rate limit exceeded',
				error: 'Too Many Requests',
				// deliberately smaller than the Retry-After header (the docs' example: header 60, body 30)
				retryAfter: Math.floor(retryAfter / 2),
				limit: useHour ? perHour : perMinute,
				remaining: 0,
				reset: Math.ceil(resetMs / 1000),
			},
		};
	}
	c.minuteCount++;
	c.hourCount++;
	state.rateCounters.set(key, c);
	return { allowed: true, headers: headersFor(state, c) };
}
