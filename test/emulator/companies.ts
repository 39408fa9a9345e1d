/** Companies known to the emulator: names, billing system, ATS management. */
import { randomUUID } from 'node:crypto';
import type { EmulatorState } from './store';
import type { AgentFocus, BillingSystem, Company, CreditPrice } from './types';
import { UUID_RE, isPlainObject } from './util';

export const BILLING_SYSTEMS: BillingSystem[] = ['minutes', 'credits'];

/**
 * Credits charged per interview: baseCost + max(0, minutes - includedMinutes) * costPerMinute.
 * The real prices are plan-specific and undocumented; fractional values are deliberate.
 */
export const DEFAULT_CREDIT_PRICES: Record<AgentFocus, CreditPrice> = {
	GENERIC: { baseCost: 1, includedMinutes: 5, costPerMinute: 0.2 },
	SCREENING: { baseCost: 2, includedMinutes: 10, costPerMinute: 0.25 },
	OUTREACH: { baseCost: 1, includedMinutes: 5, costPerMinute: 0.2 },
	LANGUAGE_TEST: { baseCost: 3, includedMinutes: 10, costPerMinute: 0.3 },
};

export function newCompany(id: string, now: string, p: Partial<Company> = {}): Company {
	return {
		id,
		name: p.name ?? `Company ${id.slice(0, 8)}`,
		billingSystem: p.billingSystem ?? 'minutes',
		atsKey: p.atsKey ?? null,
		creditPrices: { ...DEFAULT_CREDIT_PRICES, ...(p.creditPrices ?? {}) },
		createdAt: p.createdAt ?? now,
	};
}

/** The registered company, or an unregistered one's implied record (billing system `minutes`). */
export function companyInfo(state: EmulatorState, id: string): Company {
	return state.companies.get(id) ?? newCompany(id, state.nowIso());
}

function checkPrice(v: unknown, name: string): CreditPrice {
	if (!isPlainObject(v)) throw new Error(`creditPrices.${name} must be an object`);
	for (const k of ['baseCost', 'includedMinutes', 'costPerMinute']) {
		if (typeof v[k] !== 'number' || !Number.isFinite(v[k] as number) || (v[k] as number) < 0) throw new Error(`creditPrices.${name}.${k} must be a non-negative number`);
	}
	return v as unknown as CreditPrice;
}

/** Add or update (by id) a company; throws an Error with a readable message on bad input. */
export function upsertCompany(state: EmulatorState, p: Record<string, unknown>): Company {
	const id = p.id === undefined ? undefined : String(p.id).toLowerCase();
	if (id !== undefined && !UUID_RE.test(id)) throw new Error('id must be a UUID');
	if (p.name !== undefined && (typeof p.name !== 'string' || !p.name)) throw new Error('name must be a non-empty string');
	if (p.billingSystem !== undefined && !BILLING_SYSTEMS.includes(p.billingSystem as BillingSystem)) throw new Error(`billingSystem must be one of ${BILLING_SYSTEMS.join(', ')}`);
	if (p.atsKey !== undefined && p.atsKey !== null && typeof p.atsKey !== 'string') throw new Error('atsKey must be a string or null');
	const prices: Partial<Record<AgentFocus, CreditPrice>> = {};
	if (p.creditPrices !== undefined) {
		if (!isPlainObject(p.creditPrices)) throw new Error('creditPrices must be an object');
		for (const [focus, v] of Object.entries(p.creditPrices)) {
			if (!(focus in DEFAULT_CREDIT_PRICES)) throw new Error(`creditPrices: unknown focus ${focus}`);
			prices[focus as AgentFocus] = checkPrice(v, focus);
		}
	}
	const existing = id ? state.companies.get(id) : undefined;
	const company: Company = existing
		? {
			...existing,
			name: (p.name as string | undefined) ?? existing.name,
			billingSystem: (p.billingSystem as BillingSystem | undefined) ?? existing.billingSystem,
			atsKey: p.atsKey === undefined ? existing.atsKey : (p.atsKey as string | null),
			creditPrices: { ...existing.creditPrices, ...prices },
		}
		: newCompany(id ?? randomUUID(), state.nowIso(), {
			name: p.name as string | undefined,
			billingSystem: p.billingSystem as BillingSystem | undefined,
			atsKey: p.atsKey as string | null | undefined,
			creditPrices: prices as Record<AgentFocus, CreditPrice>,
		});
	state.companies.set(company.id, company);
	return company;
}
