import { currentWindows, RateLimitTracker, readRateLimitHeaders, RESET_MARGIN_MS, retryAfterMs, waitBeforeNextRequest } from '../../../../nodes/Instaview/transport/rateLimit';

const NOW = 1_700_000_000_000;
const headers = (remainingMinute: number, resetMinute: number, remainingHour = 1000) => ({
	'x-ratelimit-limit-minute': '60',
	'X-RateLimit-Remaining-Minute': String(remainingMinute),
	'x-ratelimit-reset-minute': String(resetMinute),
	'x-ratelimit-limit-hour': '2000',
	'x-ratelimit-remaining-hour': String(remainingHour),
	'x-ratelimit-reset-hour': String(NOW / 1000 + 3000),
});

describe('rate-limit pacing', () => {
	test('headers are read case-insensitively, resets as epoch ms', () => {
		const snapshot = readRateLimitHeaders(headers(5, NOW / 1000 + 30), NOW);
		expect(snapshot?.minute).toEqual({ limit: 60, remaining: 5, resetAt: NOW + 30000 });
		expect(readRateLimitHeaders({}, NOW)).toBeUndefined();
	});

	test('no wait while requests are left; a wait until reset when none are', () => {
		expect(waitBeforeNextRequest(readRateLimitHeaders(headers(1, NOW / 1000 + 30), NOW), NOW)).toBe(0);
		expect(waitBeforeNextRequest(readRateLimitHeaders(headers(0, NOW / 1000 + 30), NOW), NOW)).toBe(30000 + RESET_MARGIN_MS);
		expect(waitBeforeNextRequest(readRateLimitHeaders(headers(0, NOW / 1000 - 5), NOW), NOW)).toBe(0);
	});

	test('a reset far ahead (clock skew) never means waiting longer than the window', () => {
		expect(waitBeforeNextRequest(readRateLimitHeaders(headers(0, NOW / 1000 + 7200), NOW), NOW)).toBe(60000 + RESET_MARGIN_MS);
	});

	test('a spent hour waits for the hour, whichever is later', () => {
		expect(waitBeforeNextRequest(readRateLimitHeaders(headers(10, NOW / 1000 + 30, 0), NOW), NOW)).toBe(3000000 + RESET_MARGIN_MS);
	});

	test('Retry-After: header first (seconds or date), then the body, then the body reset', () => {
		expect(retryAfterMs({ 'Retry-After': '60' }, { retryAfter: 30 }, NOW)).toBe(60000);
		expect(retryAfterMs({ 'retry-after': new Date(NOW + 5000).toUTCString() }, {}, NOW)).toBe(5000);
		expect(retryAfterMs({}, { retryAfter: 30 }, NOW)).toBe(30000);
		expect(retryAfterMs({}, { reset: NOW / 1000 + 12 }, NOW)).toBe(12000);
		expect(retryAfterMs({}, 'Too many', NOW)).toBeUndefined();
	});

	test('the tracker marks a key exhausted until the time a 429 gave', () => {
		const tracker = new RateLimitTracker();
		tracker.markExhausted('k', 2000, NOW);
		expect(waitBeforeNextRequest(tracker.get('k'), NOW)).toBe(2000 + RESET_MARGIN_MS);
		expect(tracker.get('other')).toBeUndefined();
	});

	test('resets are judged on InstaView\'s clock: an hour of skew neither blocks nor frees a window early', () => {
		const serverAt = NOW + 3600000;
		const snapshot = readRateLimitHeaders({ ...headers(0, serverAt / 1000 + 30, 500), 'x-ratelimit-reset-hour': String(serverAt / 1000 + 600) }, NOW, serverAt)!;
		expect(waitBeforeNextRequest(snapshot, NOW)).toBe(30000 + RESET_MARGIN_MS);
		expect(currentWindows(snapshot, NOW + 10000).minute.remaining).toBe(0);
		// 31 s later (local clock) the minute window has started again (what is left is unknown
		// until the next answer); the hour window has not.
		const later = currentWindows(snapshot, NOW + 31000);
		expect(later.minute).toEqual({ limit: 60 });
		expect(later.hour.remaining).toBe(500);
		// A 429 keeps the server's clock, so its wait is measured the same way.
		const tracker = new RateLimitTracker();
		tracker.update('k', snapshot);
		tracker.markExhausted('k', 5000, NOW + 1000);
		expect(waitBeforeNextRequest(tracker.get('k'), NOW + 1000)).toBe(5000 + RESET_MARGIN_MS);
	});
});
