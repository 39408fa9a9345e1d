import type { IDataObject } from 'n8n-workflow';

import { isDataObject } from '../transport/envelope';
import { formatWithOffset, parseDateTime } from './dates';
import { InvalidFieldError } from './InvalidFieldError';
import { asText } from './validation';

/** The period of GET /billing/usage; undefined bounds are left to InstaView (the last 30 days, ending now). */
export interface UsageRange {
	start?: string;
	end?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

function readBound(value: unknown, field: string, timeZone: string, endOfDay: boolean): number | undefined {
	const text = asText(value);
	if (!text) return undefined;
	const at = parseDateTime(text, timeZone);
	if (Number.isNaN(at)) {
		throw new InvalidFieldError(field, `"${text}" is not a valid date`, 'Use a date like 2026-11-01 or a date-time like 2026-11-01T00:00:00.');
	}
	// InstaView reads a bare date as midnight, which would leave the end day out: a bare end
	// date means "up to the end of that day".
	return endOfDay && DATE_ONLY.test(text) ? at + DAY_MS - 1000 : at;
}

/**
 * The usage period as InstaView gets it: each bound with an explicit offset (a time without
 * one is read in the workflow's timezone), the start before the end (which defaults to now).
 */
export function buildUsageRange(start: unknown, end: unknown, now: number, timeZone: string): UsageRange {
	const from = readBound(start, 'Start', timeZone, false);
	const to = readBound(end, 'End', timeZone, true);
	if (from === undefined) throw new InvalidFieldError('Start', 'is empty', 'Set the first day of the period, or choose "Last 30 Days" as the period.');
	if (from > (to ?? now)) {
		throw new InvalidFieldError('Start', `is after ${to === undefined ? 'now' : 'End'}`, 'Pick a start before the end of the period.');
	}
	return { start: formatWithOffset(from, timeZone), ...(to === undefined ? {} : { end: formatWithOffset(to, timeZone) }) };
}

type BillingSystem = 'minutes' | 'credits';
const USED_KEY: Record<BillingSystem, 'minutesUsed' | 'creditsUsed'> = { minutes: 'minutesUsed', credits: 'creditsUsed' };
const TOTAL_KEY: Record<BillingSystem, 'totalMinutesUsed' | 'totalCreditsUsed'> = { minutes: 'totalMinutesUsed', credits: 'totalCreditsUsed' };

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
// Credits are fractional (2 decimals); sums of them must not show binary noise.
const round2 = (value: number) => Math.round(value * 100) / 100;

/** A company's billing system: as InstaView says, else from the total it carries. */
function systemOf(company: IDataObject): BillingSystem {
	if (company.billingSystem === 'credits' || company.billingSystem === 'minutes') return company.billingSystem;
	return company.totalCreditsUsed !== undefined ? 'credits' : 'minutes';
}

export function usageCompanies(usage: unknown): IDataObject[] {
	return isDataObject(usage) && Array.isArray(usage.companies) ? usage.companies.filter(isDataObject) : [];
}

/** Per cost key: the interviews (events) and the minutes or credits they used. */
function costKeys(companies: IDataObject[]): IDataObject {
	const result: Record<string, IDataObject> = {};
	for (const company of companies) {
		const system = systemOf(company);
		const breakdown = Array.isArray(company.breakdownByCostKey) ? company.breakdownByCostKey.filter(isDataObject) : [];
		for (const entry of breakdown) {
			const key = asText(entry.costKey) || 'unknown';
			const sum = (result[key] ??= { events: 0 });
			sum.events = num(sum.events) + num(entry.events);
			const used = USED_KEY[system];
			sum[used] = round2(num(sum[used]) + num(entry[used]));
		}
	}
	return result;
}

/** What a recruiter reads from one company's usage: interviews, minutes or credits, per cost key. */
export function simplifyCompanyUsage(company: IDataObject): IDataObject {
	const system = systemOf(company);
	return {
		companyId: company.companyId ?? null,
		companyName: company.companyName ?? null,
		billingSystem: system,
		totalInterviews: num(company.totalInterviews),
		[TOTAL_KEY[system]]: round2(num(company[TOTAL_KEY[system]])),
		byCostKey: costKeys([company]),
	};
}

/**
 * The totals of the whole answer. A total appears only for a billing system some company
 * uses (minutes and credits are never added together); InstaView's own top-level totals are
 * used when present, else summed from the companies.
 */
export function simplifyUsage(usage: unknown): IDataObject {
	const top = isDataObject(usage) ? usage : {};
	const companies = usageCompanies(usage);
	const systems = new Set(companies.map(systemOf));
	const result: IDataObject = {
		totalInterviews: typeof top.totalInterviews === 'number' ? top.totalInterviews : companies.reduce((sum, c) => sum + num(c.totalInterviews), 0),
	};
	for (const system of ['minutes', 'credits'] as const) {
		const key = TOTAL_KEY[system];
		if (!systems.has(system) && top[key] === undefined) continue;
		result[key] = typeof top[key] === 'number' ? top[key] : round2(companies.filter((c) => systemOf(c) === system).reduce((sum, c) => sum + num(c[key]), 0));
	}
	result.byCostKey = costKeys(companies);
	result.companyCount = companies.length;
	return result;
}
