/** Body validation rules (class-validator style: every failing field is reported). Job rules: validation-job.ts. */
import type { JsonObject } from './types';
import {
	E164_RE, EMAIL_RE, UUID_RE, isPlainObject, parseDateOnly, type FieldError,
} from './util';

export const EDUCATION = [
	'UNDEFINED', 'PRIMARY_EDUCATION', 'SECONDARY_SCHOOL_STUDENT', 'SECONDARY_WITHOUT_DIPLOMA',
	'SECONDARY_WITH_DIPLOMA', 'POST_SECONDARY_VOCATIONAL', 'UNIVERSITY_STUDENT', 'BACHELOR_LEVEL',
	'MASTER_LEVEL', 'POSTGRADUATE',
];
export const AGENT_TYPES = ['UNDEFINED', 'ONLINE', 'PHONE'];
export const AGENT_FOCUS = ['GENERIC', 'SCREENING', 'OUTREACH', 'LANGUAGE_TEST'];
export const AGENT_LANGUAGES = [
	'UNDEFINED', 'EN', 'JA', 'ZH', 'DE', 'HI', 'FR', 'KO', 'PT', 'IT', 'ES', 'ID', 'NL', 'TR', 'FIL', 'PL',
	'SV', 'BG', 'RO', 'AR', 'CS', 'EL', 'FI', 'HR', 'MS', 'SK', 'DA', 'TA', 'UK', 'RU', 'HU', 'NO', 'VI',
];
export const VOICES = ['ALEX', 'PETER', 'MIRIAM', 'SUE', 'VIERA', 'CASANDRA', 'SILVIA', 'MICHAEL', 'LUKE', 'EMMA', 'SARAH', 'EVA'];
export const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
export const CANDIDATE_STATUS = ['UNDEFINED', 'APPLIED', 'IN_PROCESS', 'REJECTED', 'ACCEPTED'];
export const INTERVIEW_STATUS = ['UNDEFINED', 'SCHEDULED', 'CANCELLED', 'FAILED', 'COMPLETED', 'IN_PROGRESS'];

export type Errs = FieldError[];

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

export function rejectUnknown(errs: Errs, obj: Record<string, unknown>, allowed: string[], prefix: string): void {
	for (const k of Object.keys(obj)) {
		if (!allowed.includes(k)) errs.push({ field: join(prefix, k), message: `property ${k} should not exist` });
	}
}

interface StrRule {
	required?: boolean;
	min?: number;
	max?: number;
}

/** Validate an optional/required string; returns it when valid. `null` counts as absent. */
export function str(errs: Errs, obj: Record<string, unknown>, key: string, prefix: string, rule: StrRule): string | undefined {
	const v = obj[key];
	const field = join(prefix, key);
	if (v === undefined || v === null) {
		if (rule.required) errs.push({ field, message: `${key} is required` });
		return undefined;
	}
	if (typeof v !== 'string') {
		errs.push({ field, message: `${key} must be a string` });
		return undefined;
	}
	const len = [...v].length;
	if (rule.min !== undefined && len < rule.min) errs.push({ field, message: `${key} must be at least ${rule.min} characters` });
	else if (rule.max !== undefined && len > rule.max) errs.push({ field, message: `${key} must be at most ${rule.max} characters` });
	else return v;
	return undefined;
}

export function uuidField(errs: Errs, obj: Record<string, unknown>, key: string, prefix: string, required = false): string | undefined {
	const v = obj[key];
	const field = join(prefix, key);
	if (v === undefined || v === null) {
		if (required) errs.push({ field, message: `${key} is required` });
		return undefined;
	}
	if (typeof v !== 'string' || !UUID_RE.test(v)) {
		errs.push({ field, message: `${key} must be a UUID` });
		return undefined;
	}
	return v.toLowerCase();
}

export function enumField(errs: Errs, obj: Record<string, unknown>, key: string, prefix: string, values: string[] | RegExp, required = false): string | undefined {
	const v = obj[key];
	const field = join(prefix, key);
	if (v === undefined || v === null) {
		if (required) errs.push({ field, message: `${key} is required` });
		return undefined;
	}
	const ok = typeof v === 'string' && (Array.isArray(values) ? values.includes(v) : values.test(v));
	if (!ok) {
		const desc = Array.isArray(values) ? `one of: ${values.join(', ')}` : `an upper-case identifier matching ${values.source}`;
		errs.push({ field, message: `${key} must be ${desc}` });
		return undefined;
	}
	return v as string;
}

function stats(v: unknown, depth: number, acc: { keys: number; depth: number }): void {
	if (Array.isArray(v)) {
		acc.depth = Math.max(acc.depth, depth);
		for (const x of v) stats(x, depth + 1, acc);
	} else if (isPlainObject(v)) {
		acc.depth = Math.max(acc.depth, depth);
		for (const [, x] of Object.entries(v)) {
			acc.keys++;
			stats(x, depth + 1, acc);
		}
	}
}

/** metadata: plain object, <= 10 KB serialized (UTF-8), <= 5 levels deep, <= 50 keys in total. */
export function metadataField(errs: Errs, obj: Record<string, unknown>, key: string, prefix: string): JsonObject | undefined {
	const v = obj[key];
	const field = join(prefix, key);
	if (v === undefined || v === null) return undefined;
	if (!isPlainObject(v)) {
		errs.push({ field, message: `${key} must be an object` });
		return undefined;
	}
	const size = Buffer.byteLength(JSON.stringify(v), 'utf8');
	const acc = { keys: 0, depth: 0 };
	stats(v, 1, acc);
	if (size > 10240) errs.push({ field, message: `${key} must be at most 10 KB when serialized (got ${size} bytes)` });
	else if (acc.depth > 5) errs.push({ field, message: `${key} must be at most 5 levels deep (got ${acc.depth})` });
	else if (acc.keys > 50) errs.push({ field, message: `${key} must have at most 50 keys (got ${acc.keys})` });
	else return v as JsonObject;
	return undefined;
}

export function stringArray(errs: Errs, obj: Record<string, unknown>, key: string, prefix: string, maxItems: number, maxLen: number, item?: string[] | RegExp): string[] | undefined {
	const v = obj[key];
	const field = join(prefix, key);
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v)) {
		errs.push({ field, message: `${key} must be an array` });
		return undefined;
	}
	if (v.length > maxItems) errs.push({ field, message: `${key} must contain at most ${maxItems} items` });
	let ok = v.length <= maxItems;
	v.forEach((s, i) => {
		const good = typeof s === 'string' && s.trim().length > 0 && s.length <= maxLen && (!item || (Array.isArray(item) ? item.includes(s) : item.test(s)));
		if (!good) {
			ok = false;
			const what = item ? (Array.isArray(item) ? `one of: ${item.join(', ')}` : `matching ${item.source}`) : `a non-empty string of at most ${maxLen} characters`;
			errs.push({ field: `${field}[${i}]`, message: `each value in ${key} must be ${what}` });
		}
	});
	return ok ? (v as string[]) : undefined;
}

/** gdprExpiryDate: only YYYY-MM-DD, strictly after today (UTC). */
export function gdprField(errs: Errs, body: Record<string, unknown>, prefix: string, todayUtc: string, required: boolean): string | undefined {
	const g = body.gdprExpiryDate;
	const field = join(prefix, 'gdprExpiryDate');
	if (g === undefined || g === null) {
		if (required) errs.push({ field, message: 'gdprExpiryDate is required' });
		return undefined;
	}
	const r = parseDateOnly(g);
	if ('error' in r) errs.push({ field, message: r.error });
	else if (r.date <= todayUtc) errs.push({ field, message: `gdprExpiryDate must be in the future (after ${todayUtc})` });
	else return r.date;
	return undefined;
}

export function emailField(errs: Errs, body: Record<string, unknown>, prefix: string): string | undefined {
	const v = body.email;
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string' || v.length > 254 || !EMAIL_RE.test(v)) errs.push({ field: join(prefix, 'email'), message: 'email must be an email' });
	else return v;
	return undefined;
}

export function phoneField(errs: Errs, body: Record<string, unknown>, prefix: string): string | undefined {
	const v = body.phoneNumber;
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string' || !E164_RE.test(v)) errs.push({ field: join(prefix, 'phoneNumber'), message: 'phoneNumber must be a valid E.164 phone number (e.g. +421901234567)' });
	else return v;
	return undefined;
}

/** jobIds: 1–50 UUIDs (duplicates collapsed). */
export function jobIdsField(errs: Errs, body: Record<string, unknown>, prefix: string): string[] | undefined {
	const v = body.jobIds;
	const field = join(prefix, 'jobIds');
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v) || v.length < 1 || v.length > 50) errs.push({ field, message: 'jobIds must be an array of 1 to 50 UUIDs' });
	else if (!v.every((x) => typeof x === 'string' && UUID_RE.test(x))) errs.push({ field, message: 'each value in jobIds must be a UUID' });
	else return [...new Set((v as string[]).map((x) => x.toLowerCase()))];
	return undefined;
}

export interface CandidateInput {
	firstName?: string;
	lastName?: string;
	email?: string;
	phoneNumber?: string;
	gdprExpiryDate?: string;
	jobIds?: string[];
	metadata?: JsonObject;
}

/** POST /candidates (inline=false) or the inline `candidate` of POST /interviews (inline=true). */
export function validateCandidate(errs: Errs, body: Record<string, unknown>, prefix: string, todayUtc: string, inline: boolean): CandidateInput {
	const allowed = inline
		? ['firstName', 'lastName', 'gdprExpiryDate', 'email', 'phoneNumber', 'jobId', 'metadata']
		: ['firstName', 'lastName', 'gdprExpiryDate', 'email', 'phoneNumber', 'jobIds', 'jobId', 'metadata'];
	rejectUnknown(errs, body, allowed, prefix);
	const out: CandidateInput = {};
	out.firstName = str(errs, body, 'firstName', prefix, { required: true, min: 1, max: 100 });
	out.lastName = str(errs, body, 'lastName', prefix, { required: true, min: 1, max: 100 });
	out.gdprExpiryDate = gdprField(errs, body, prefix, todayUtc, true);
	out.email = emailField(errs, body, prefix);
	out.phoneNumber = phoneField(errs, body, prefix);
	const noEmail = body.email === undefined || body.email === null;
	const noPhone = body.phoneNumber === undefined || body.phoneNumber === null;
	if (noEmail && noPhone) errs.push({ field: join(prefix, 'email'), message: 'either email or phoneNumber must be provided' });
	const jobId = uuidField(errs, body, 'jobId', prefix);
	if (!inline && body.jobIds !== undefined && body.jobIds !== null) out.jobIds = jobIdsField(errs, body, prefix);
	else if (jobId) out.jobIds = [jobId];
	out.metadata = metadataField(errs, body, 'metadata', prefix);
	return out;
}

export interface AgentInput {
	name?: string;
	type?: string;
	focus?: string;
	language?: string;
	duration?: number;
	questions?: string[];
	instructions?: string;
	voiceId?: string;
	cefrLevel?: string;
	companyPhoneNumberId?: string;
	metadata?: JsonObject;
}

/** POST /agents body, also the inline `agent` of POST /interviews. All five core fields required. */
export function validateAgent(errs: Errs, body: Record<string, unknown>, prefix: string): AgentInput {
	rejectUnknown(errs, body, ['name', 'type', 'focus', 'language', 'duration', 'questions', 'instructions', 'voiceId', 'companyPhoneNumberId', 'cefrLevel', 'metadata'], prefix);
	const out: AgentInput = {};
	out.name = str(errs, body, 'name', prefix, { required: true, min: 2, max: 100 });
	out.type = enumField(errs, body, 'type', prefix, AGENT_TYPES, true);
	out.focus = enumField(errs, body, 'focus', prefix, AGENT_FOCUS, true);
	out.language = enumField(errs, body, 'language', prefix, AGENT_LANGUAGES, true);
	const d = body.duration;
	if (d === undefined || d === null) errs.push({ field: join(prefix, 'duration'), message: 'duration is required' });
	else if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > 180) errs.push({ field: join(prefix, 'duration'), message: 'duration must be an integer between 1 and 180 (minutes)' });
	else out.duration = d;
	out.questions = stringArray(errs, body, 'questions', prefix, 50, 1000);
	out.instructions = str(errs, body, 'instructions', prefix, { min: 1, max: 2000 });
	out.voiceId = enumField(errs, body, 'voiceId', prefix, VOICES);
	out.cefrLevel = enumField(errs, body, 'cefrLevel', prefix, CEFR);
	out.companyPhoneNumberId = uuidField(errs, body, 'companyPhoneNumberId', prefix);
	if (body.type === 'PHONE' && (body.companyPhoneNumberId === undefined || body.companyPhoneNumberId === null)) {
		errs.push({ field: join(prefix, 'companyPhoneNumberId'), message: 'companyPhoneNumberId is required when type is PHONE' });
	}
	out.metadata = metadataField(errs, body, 'metadata', prefix);
	return out;
}
