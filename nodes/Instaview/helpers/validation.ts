import type { IDataObject } from 'n8n-workflow';

import { InvalidFieldError } from './InvalidFieldError';

/** An InstaView ID (a UUID, dashes optional), as text because n8n's field validation takes a string. */
export const UUID_REGEX = '^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$';
const UUID = new RegExp(UUID_REGEX);
const E164 = /^\+[1-9]\d{1,14}$/;
// Deliberately loose: InstaView has the final word; this only catches obvious typos.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Any user value as trimmed text (expressions may hand over numbers, dates or Luxon objects). */
export function asText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return String((value as { toISO: () => string }).toISO());
	}
	return String(value).trim();
}

/** Trimmed text, or undefined for an empty value (so it is left out of a body). */
export function optionalText(value: unknown): string | undefined {
	const text = asText(value);
	return text === '' ? undefined : text;
}

/** The object without undefined and empty-string fields: InstaView gets only what was set. */
export function compact<T extends IDataObject>(object: T): T {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== '')) as T;
}

/** A UUID in its canonical lower-case dashed form; dashes are optional on input. */
export function requireUuid(value: unknown, field: string): string {
	const text = asText(value);
	if (!text) throw new InvalidFieldError(field, 'is empty', 'Choose one from the list or paste its ID.');
	if (!UUID.test(text)) {
		throw new InvalidFieldError(field, `"${text}" is not a valid ID`, 'InstaView IDs are UUIDs like 3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f.');
	}
	const hex = text.replace(/-/g, '').toLowerCase();
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function requireLength(value: unknown, field: string, min: number, max: number): string {
	const text = asText(value);
	if (text.length < min || text.length > max) {
		const now = text.length === 0 ? 'is empty' : `has ${text.length} characters`;
		throw new InvalidFieldError(field, `${now}; it needs ${min}–${max}`, `Enter ${min === max ? min : `${min} to ${max}`} characters.`);
	}
	return text;
}

/** Phone numbers in E.164; spaces, dashes, dots and brackets people type are removed first. */
export function normalizePhone(value: unknown, field: string): string {
	const text = asText(value).replace(/[\s().-]/g, '');
	if (!E164.test(text)) {
		throw new InvalidFieldError(
			field,
			`"${asText(value)}" is not in international E.164 form`,
			'Start with + and the country code, digits only, e.g. +421905123456.',
		);
	}
	return text;
}

export function requireEmail(value: unknown, field: string): string {
	const text = asText(value);
	if (!EMAIL.test(text)) {
		throw new InvalidFieldError(field, `"${text}" is not a valid email address`, 'Use an address like jane.doe@example.com.');
	}
	return text;
}

/** Skills from a comma-separated string or an array (by expression). */
export function readList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value.map((entry) => asText(entry));
	const text = asText(value);
	return text === '' ? [] : text.split(',').map((entry) => entry.trim());
}

const INVALID_JSON = Symbol('invalid JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return INVALID_JSON;
	}
}

export const METADATA_LIMITS = { bytes: 10 * 1024, depth: 5, keys: 50 };

/** InstaView's documented metadata limits: 10 KB, 5 levels, 50 keys. */
export function readMetadata(value: unknown, field: string): Record<string, unknown> | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parsed = typeof value === 'string' ? parseJson(value) : value;
	if (parsed === INVALID_JSON) {
		throw new InvalidFieldError(field, 'is not valid JSON', 'Enter a JSON object, e.g. {"externalInterviewId": "INT-789"}.');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new InvalidFieldError(field, 'must be a JSON object', 'Enter a JSON object, e.g. {"externalInterviewId": "INT-789"}.');
	}
	let keys = 0;
	const depthOf = (node: unknown, level: number): number => {
		if (typeof node !== 'object' || node === null) return level - 1;
		const children = Array.isArray(node) ? node : Object.values(node);
		if (!Array.isArray(node)) keys += Object.keys(node).length;
		return children.reduce<number>((deepest, child) => Math.max(deepest, depthOf(child, level + 1)), level);
	};
	const depth = depthOf(parsed, 1);
	const bytes = Buffer.byteLength(JSON.stringify(parsed), 'utf8');
	if (bytes > METADATA_LIMITS.bytes || depth > METADATA_LIMITS.depth || keys > METADATA_LIMITS.keys) {
		throw new InvalidFieldError(
			field,
			`is too large (${bytes} bytes, ${depth} levels, ${keys} keys)`,
			'InstaView accepts at most 10 KB, 5 levels and 50 keys; keep only the references you need.',
		);
	}
	return parsed as Record<string, unknown>;
}
