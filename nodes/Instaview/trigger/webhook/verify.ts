import { randomBytes, timingSafeEqual } from 'crypto';

/**
 * InstaView does not document its signature scheme, but lets a webhook carry custom headers.
 * Each registration gets its own random secret in this header; a delivery without it did not
 * come from our registration.
 */
export const REGISTRATION_HEADER = 'X-N8n-Instaview-Secret';

/** 32 random bytes as 64 hex characters. */
export function generateSecret(): string {
	return randomBytes(32).toString('hex');
}

/** The secret header of a request (node:http gives header names in lower case; repeats as an array). */
export function secretHeaderOf(headers: Record<string, unknown>): string | undefined {
	const wanted = REGISTRATION_HEADER.toLowerCase();
	const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === wanted)?.[1];
	const value = Array.isArray(entry) ? entry[0] : entry;
	return typeof value === 'string' ? value : undefined;
}

/**
 * Whether the presented secret is the expected one, in constant time. The length check comes
 * first because timingSafeEqual refuses buffers of different lengths; it reveals only the
 * length, which is fixed and public (64).
 */
export function isAuthentic(presented: string | undefined, expected: string | undefined): boolean {
	if (!presented || !expected) return false;
	const a = Buffer.from(presented, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
}
