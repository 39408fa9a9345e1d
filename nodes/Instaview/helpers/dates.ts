import { InvalidFieldError } from './InvalidFieldError';

const OFFSET_SUFFIX = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/** Offset of `timeZone` from UTC at the instant `utcMs`, in minutes (e.g. +60 for Europe/Bratislava in winter). */
export function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

function formatOffset(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function pad(value: number, length = 2): string {
	return String(value).padStart(length, '0');
}

/** Formats an instant as local time in `timeZone` with its explicit offset: 2026-12-01T10:00:00+01:00. */
export function formatWithOffset(utcMs: number, timeZone: string): string {
	const offset = zoneOffsetMinutes(utcMs, timeZone);
	const local = new Date(utcMs + offset * 60000);
	return (
		`${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
		`T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${formatOffset(offset)}`
	);
}

/**
 * Reads a date-time as the user meant it: with an offset it is exact; without one it is wall
 * time in the workflow's timezone (n8n's date picker gives no offset). Returns epoch ms or NaN.
 */
export function parseDateTime(value: string, timeZone: string): number {
	const text = value.trim();
	if (OFFSET_SUFFIX.test(text) && /\d{2}:\d{2}/.test(text)) return Date.parse(text);
	const match = LOCAL_DATE_TIME.exec(text);
	if (!match) return Number.NaN;
	const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = match;
	const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, +ms.padEnd(3, '0'));
	const check = new Date(wall);
	if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d) return Number.NaN;
	// Two passes settle the offset across a daylight-saving change.
	let utc = wall - zoneOffsetMinutes(wall, timeZone) * 60000;
	utc = wall - zoneOffsetMinutes(utc, timeZone) * 60000;
	return utc;
}

export const MAX_SCHEDULE_AHEAD_MS = 30 * 24 * 60 * 60 * 1000;

/** The schedule time InstaView gets: a future instant at most 30 days ahead, with an explicit offset. */
export function normalizeScheduleTime(value: unknown, now: number, timeZone: string, field = 'Scheduled Time'): string {
	const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : '';
	if (!text.trim()) {
		throw new InvalidFieldError(field, 'is empty', 'Pick a date and time, or set Start to "Immediately".');
	}
	const at = parseDateTime(text, timeZone);
	if (Number.isNaN(at)) {
		throw new InvalidFieldError(
			field,
			`"${text}" is not a valid date-time`,
			'Use ISO 8601, e.g. 2026-12-01T14:00:00 (read in the workflow timezone) or 2026-12-01T14:00:00+01:00.',
		);
	}
	if (at <= now) {
		throw new InvalidFieldError(field, `${text} is in the past`, 'Pick a future time, or set Start to "Immediately".');
	}
	if (at - now > MAX_SCHEDULE_AHEAD_MS) {
		throw new InvalidFieldError(field, `${text} is more than 30 days ahead`, 'InstaView schedules at most 30 days in advance; pick an earlier time.');
	}
	return formatWithOffset(at, timeZone);
}

/** The GDPR expiry InstaView stores: a YYYY-MM-DD date (as the user meant it, in the workflow timezone) after today in UTC. */
export function normalizeGdprDate(value: unknown, now: number, timeZone: string, field = 'GDPR Expiry Date'): string {
	const text = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : '';
	if (!text) {
		throw new InvalidFieldError(field, 'is required for a new candidate', 'Set the date until which InstaView may keep the candidate\'s data, e.g. 2027-06-30.');
	}
	let date: string;
	if (/^\d{4}-\d{2}-\d{2}$/.test(text) || LOCAL_DATE_TIME.test(text)) {
		if (Number.isNaN(parseDateTime(text, timeZone))) {
			throw new InvalidFieldError(field, `"${text}" is not a valid date`, 'Use the form YYYY-MM-DD, e.g. 2027-06-30.');
		}
		date = text.slice(0, 10);
	} else {
		const at = Date.parse(text);
		if (Number.isNaN(at)) {
			throw new InvalidFieldError(field, `"${text}" is not a valid date`, 'Use the form YYYY-MM-DD, e.g. 2027-06-30.');
		}
		date = formatWithOffset(at, timeZone).slice(0, 10);
	}
	// InstaView judges "in the future" against its own date in UTC, whatever the workflow's
	// timezone: a date that is tomorrow in Tokyo but today in UTC would be refused.
	const todayUtc = new Date(now).toISOString().slice(0, 10);
	if (date <= todayUtc) {
		throw new InvalidFieldError(
			field,
			`${date} is not in the future`,
			`InstaView needs an expiry date after today in UTC (${todayUtc}); choose a later date, e.g. one year ahead.`,
		);
	}
	return date;
}
