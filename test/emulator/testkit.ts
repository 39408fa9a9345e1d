/** Shared helpers for the emulator's own tests (not a test file itself). */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { ALL_SCOPES, DEMO_API_KEY, startEmulator, type Emulator, type EmulatorOptions } from './index';

export interface Kit {
	emu: Emulator;
	api: AxiosInstance;
	/** axios instance with an arbitrary bearer key (or none) */
	as(key: string | null): AxiosInstance;
}

export function client(url: string, key: string | null): AxiosInstance {
	return axios.create({
		baseURL: url,
		validateStatus: () => true,
		proxy: false,
		headers: key ? { Authorization: `Bearer ${key}` } : {},
	});
}

/** Start an emulator with effectively unlimited rate limits (unless overridden). */
export async function startKit(opts: EmulatorOptions = {}): Promise<Kit> {
	const emu = await startEmulator({ rateLimit: { perMinute: 1e9, perHour: 1e9 }, ...opts });
	return { emu, api: client(emu.url, DEMO_API_KEY), as: (key) => client(emu.url, key) };
}

/** YYYY-MM-DD `days` after the emulator's today. */
export function dateIn(kit: Kit, days: number): string {
	return new Date(kit.emu.state.nowMs() + days * 86400000).toISOString().slice(0, 10);
}

export function fields(res: AxiosResponse): string[] {
	return ((res.data?.error?.details?.fields ?? []) as Array<{ field: string }>).map((f) => f.field);
}

/** Assert a 400 VALIDATION_ERROR naming `field`. */
export function expect400(res: AxiosResponse, field: string): void {
	if (res.status !== 400 || !fields(res).includes(field)) {
		throw new Error(`expected 400 naming ${field}, got ${res.status}: ${JSON.stringify(res.data)}`);
	}
	expect(res.data.success).toBe(false);
	expect(res.data.data).toBeNull();
	expect(res.data.error.code).toBe('VALIDATION_ERROR');
}

export function expect404(res: AxiosResponse, resourceType: string, resourceId?: string): void {
	if (res.status !== 404) throw new Error(`expected 404 ${resourceType}, got ${res.status}: ${JSON.stringify(res.data)}`);
	expect(res.data.error.code).toBe('RESOURCE_NOT_FOUND');
	expect(res.data.error.details.resourceType).toBe(resourceType);
	if (resourceId) expect(res.data.error.details.resourceId).toBe(resourceId);
}

export function expectOk(res: AxiosResponse, status = 200): void {
	if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.data)}`);
}

let scopeKeyCounter = 0;

/** A fresh key with every scope except `missing` (same company as the demo key unless given). */
export async function keyWithout(kit: Kit, missing: string, extra: { companyId?: string; ats?: boolean } = {}): Promise<AxiosInstance> {
	const key = `sk_test_without_${missing.replace(':', '_')}_${++scopeKeyCounter}`;
	await kit.emu.control.addApiKey({ key, scopes: ALL_SCOPES.filter((s) => s !== missing), ...extra });
	return kit.as(key);
}

/** Assert a 403 INSUFFICIENT_PERMISSIONS naming `scope`. */
export function expect403Scope(res: AxiosResponse, scope: string): void {
	if (res.status !== 403) throw new Error(`expected 403 missing ${scope}, got ${res.status}: ${JSON.stringify(res.data)}`);
	expect(res.data.error.code).toBe('INSUFFICIENT_PERMISSIONS');
	expect(res.data.error.message).toContain(scope);
	expect(res.data.error.details.missingScope).toBe(scope);
}

/** An ATS key with every scope. */
export async function atsKey(kit: Kit, key = `sk_test_ats_${++scopeKeyCounter}`): Promise<{ key: string; api: AxiosInstance }> {
	await kit.emu.control.addApiKey({ key, scopes: ALL_SCOPES, ats: true });
	return { key, api: kit.as(key) };
}
