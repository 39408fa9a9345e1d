/** Usage computed from the recorded interviews (GET /billing/usage). */
import { companyInfo } from './companies';
import type { EmulatorState } from './store';
import type { BillingSystem, Company } from './types';

export const MINUTES_COST_KEY = 'interview_minutes';

export interface CostKeyUsage {
	costKey: string;
	events: number;
	minutesUsed?: number;
	creditsUsed?: number;
}

export interface CompanyUsage {
	companyId: string;
	companyName: string;
	billingSystem: BillingSystem;
	totalMinutesUsed?: number;
	totalCreditsUsed?: number;
	totalInterviews: number;
	breakdownByCostKey: CostKeyUsage[];
}

export interface UsageReport {
	totalInterviews: number;
	totalMinutesUsed?: number;
	totalCreditsUsed?: number;
	companies: CompanyUsage[];
}

/** Credits are fractional; keep two decimals so sums do not show floating-point noise. */
const cents = (n: number) => Math.round(n * 100) / 100;

/**
 * One billable event per COMPLETED, non-test interview whose finishedDate lies in [startMs, endMs]
 * (both inclusive). Deleted interviews still count: usage is history. Minutes are billed per started minute.
 */
function companyUsage(state: EmulatorState, company: Company, startMs: number, endMs: number): CompanyUsage {
	const byKey = new Map<string, CostKeyUsage>();
	let interviews = 0;
	let total = 0;
	for (const iv of state.interviews.values()) {
		if (iv.companyId !== company.id || iv.isTest || iv.status !== 'COMPLETED' || !iv.finishedDate) continue;
		const at = Date.parse(iv.finishedDate);
		if (at < startMs || at > endMs) continue;
		const minutes = Math.ceil(iv.durationMinutes ?? 0);
		let key: string;
		let used: number;
		if (company.billingSystem === 'minutes') {
			key = MINUTES_COST_KEY;
			used = minutes;
		} else {
			const focus = state.agents.get(iv.agentId)?.focus ?? 'SCREENING';
			const price = company.creditPrices[focus];
			key = `interview_${focus.toLowerCase()}`;
			used = price.baseCost + Math.max(0, minutes - price.includedMinutes) * price.costPerMinute;
		}
		let entry = byKey.get(key);
		if (!entry) {
			entry = company.billingSystem === 'minutes' ? { costKey: key, events: 0, minutesUsed: 0 } : { costKey: key, events: 0, creditsUsed: 0 };
			byKey.set(key, entry);
		}
		entry.events += 1;
		if (entry.minutesUsed !== undefined) entry.minutesUsed += used;
		else entry.creditsUsed = cents((entry.creditsUsed ?? 0) + used);
		interviews += 1;
		total += used;
	}
	const out: CompanyUsage = { companyId: company.id, companyName: company.name, billingSystem: company.billingSystem, totalInterviews: interviews, breakdownByCostKey: [...byKey.values()].sort((a, b) => (a.costKey < b.costKey ? -1 : 1)) };
	if (company.billingSystem === 'minutes') out.totalMinutesUsed = total;
	else out.totalCreditsUsed = cents(total);
	return out;
}

/** Usage of the given companies, with the same totals at the top level (a total only for the systems present). */
export function usageReport(state: EmulatorState, companyIds: string[], startMs: number, endMs: number): UsageReport {
	const companies = companyIds.map((id) => companyUsage(state, companyInfo(state, id), startMs, endMs));
	const report: UsageReport = { totalInterviews: companies.reduce((n, c) => n + c.totalInterviews, 0), companies };
	const minutes = companies.filter((c) => c.billingSystem === 'minutes');
	const credits = companies.filter((c) => c.billingSystem === 'credits');
	if (minutes.length) report.totalMinutesUsed = minutes.reduce((n, c) => n + c.totalMinutesUsed!, 0);
	if (credits.length) report.totalCreditsUsed = cents(credits.reduce((n, c) => n + c.totalCreditsUsed!, 0));
	return report;
}

/**
 * Companies an ATS key manages: those registered with its key, oldest first; two registered in
 * the same millisecond keep the order they were registered in (the sort is stable over the
 * registry's insertion order), not the order of their random ids.
 */
export function managedCompanies(state: EmulatorState, atsKey: string): string[] {
	return [...state.companies.values()]
		.filter((c) => c.atsKey === atsKey)
		.sort((a, b) => (a.createdAt === b.createdAt ? 0 : a.createdAt < b.createdAt ? -1 : 1))
		.map((c) => c.id);
}
