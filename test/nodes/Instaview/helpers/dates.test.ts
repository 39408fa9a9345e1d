import { formatWithOffset, normalizeGdprDate, normalizeScheduleTime, parseDateTime, zoneOffsetMinutes } from '../../../../nodes/Instaview/helpers/dates';

const NOW = Date.parse('2026-03-20T12:00:00Z');

describe('dates', () => {
	test('zone offsets follow daylight saving', () => {
		expect(zoneOffsetMinutes(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Bratislava')).toBe(60);
		expect(zoneOffsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'Europe/Bratislava')).toBe(120);
		expect(zoneOffsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
		expect(zoneOffsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'UTC')).toBe(0);
	});

	test('a time without offset is wall time in the workflow timezone', () => {
		expect(parseDateTime('2026-03-30T09:00:00', 'Europe/Bratislava')).toBe(Date.parse('2026-03-30T07:00:00Z'));
		expect(parseDateTime('2026-03-27T09:00', 'Europe/Bratislava')).toBe(Date.parse('2026-03-27T08:00:00Z'));
		expect(parseDateTime('2026-03-27 09:00:00', 'UTC')).toBe(Date.parse('2026-03-27T09:00:00Z'));
	});

	test('an explicit offset wins over the workflow timezone', () => {
		expect(parseDateTime('2026-03-30T09:00:00+05:30', 'Europe/Bratislava')).toBe(Date.parse('2026-03-30T03:30:00Z'));
		expect(parseDateTime('2026-03-30T09:00:00Z', 'America/New_York')).toBe(Date.parse('2026-03-30T09:00:00Z'));
	});

	test('impossible dates are not silently rolled over', () => {
		expect(parseDateTime('2026-02-30T10:00:00', 'UTC')).toBeNaN();
		expect(parseDateTime('30/03/2026 10:00', 'UTC')).toBeNaN();
	});

	test('the schedule time is sent with the offset of its zone', () => {
		expect(normalizeScheduleTime('2026-03-30T09:00:00', NOW, 'Europe/Bratislava')).toBe('2026-03-30T09:00:00+02:00');
		expect(normalizeScheduleTime('2026-03-21T09:00:00', NOW, 'America/New_York')).toBe('2026-03-21T09:00:00-04:00');
		expect(formatWithOffset(Date.parse('2026-03-21T13:00:00Z'), 'UTC')).toBe('2026-03-21T13:00:00+00:00');
	});

	test('the schedule window is (now, now + 30 days]', () => {
		expect(() => normalizeScheduleTime('2026-03-20T11:59:59Z', NOW, 'UTC')).toThrow(/in the past/);
		expect(normalizeScheduleTime('2026-04-19T12:00:00Z', NOW, 'UTC')).toBe('2026-04-19T12:00:00+00:00');
		expect(() => normalizeScheduleTime('2026-04-19T12:00:01Z', NOW, 'UTC')).toThrow(/more than 30 days/);
	});

	test('GDPR dates become YYYY-MM-DD after today in the workflow timezone', () => {
		expect(normalizeGdprDate('2027-01-31', NOW, 'UTC')).toBe('2027-01-31');
		expect(normalizeGdprDate('2027-01-31T00:00:00', NOW, 'UTC')).toBe('2027-01-31');
		expect(normalizeGdprDate('2027-01-30T23:30:00Z', NOW, 'Europe/Bratislava')).toBe('2027-01-31');
		expect(normalizeGdprDate('2026-03-21', NOW, 'UTC')).toBe('2026-03-21');
		expect(() => normalizeGdprDate('2026-03-20', NOW, 'UTC')).toThrow(/not in the future/);
	});

	test('"after today" is judged in UTC, as InstaView judges it, whatever the workflow timezone', () => {
		// 23:30 UTC on the 20th is already the 21st in Tokyo, but InstaView's today is still the
		// 20th: the 21st is accepted there, so the node accepts it too.
		expect(normalizeGdprDate('2026-03-21', Date.parse('2026-03-20T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-03-21');
		// 01:00 on the 21st in Bratislava is still the 20th in UTC: the 20th is today there, refused.
		expect(() => normalizeGdprDate('2026-03-20', Date.parse('2026-03-20T23:30:00Z'), 'Europe/Bratislava')).toThrow(/not in the future/);
		// 22:00 UTC on the 21st is the 21st in UTC even though it is the 22nd in Tokyo: the 21st is refused.
		expect(() => normalizeGdprDate('2026-03-21', Date.parse('2026-03-21T22:00:00Z'), 'Asia/Tokyo')).toThrow(
			expect.objectContaining({ message: expect.stringMatching(/not in the future/), hint: expect.stringMatching(/after today in UTC \(2026-03-21\)/) }),
		);
	});
});
