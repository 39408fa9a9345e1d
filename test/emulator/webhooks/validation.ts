/** Body rules of POST and PATCH /webhooks (every failing field is reported, class-validator style). */
import { isPlainObject, type FieldError } from '../util';
import { rejectUnknown, str, uuidField } from '../validation';
import { WEBHOOK_EVENTS, normalizeEvent } from './events';
import { isLoopbackHost } from './send';
import type { WebhookHeader } from './types';

const CREATE_FIELDS = ['url', 'events', 'name', 'description', 'companyId', 'headers'];
const UPDATE_FIELDS = ['url', 'events', 'name', 'description', 'headers', 'isActive'];
/** RFC 9110 token: what node:http accepts as a header name */
const HEADER_NAME_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** headers the delivery itself owns; a custom header may not replace them */
const RESERVED_HEADERS = ['content-type', 'content-length', 'host', 'transfer-encoding', 'connection'];

export interface WebhookInput {
	url?: string;
	events?: string[];
	name?: string;
	description?: string;
	companyId?: string;
	headers?: WebhookHeader[];
	isActive?: boolean;
}

function urlField(errs: FieldError[], v: unknown, required: boolean, allowLoopbackHttp: boolean): string | undefined {
	if (v === undefined || v === null) {
		if (required) errs.push({ field: 'url', message: 'url is required' });
		return undefined;
	}
	if (typeof v !== 'string' || v.length > 2048) {
		errs.push({ field: 'url', message: 'url must be a string of at most 2048 characters' });
		return undefined;
	}
	let u: URL;
	try {
		u = new URL(v);
	} catch {
		errs.push({ field: 'url', message: `url must be a valid absolute URL (got "${v}")` });
		return undefined;
	}
	if (u.protocol === 'https:') return v;
	if (u.protocol === 'http:' && allowLoopbackHttp && isLoopbackHost(u.hostname)) return v;
	errs.push({ field: 'url', message: 'url must use HTTPS' });
	return undefined;
}

function eventsField(errs: FieldError[], v: unknown, required: boolean): string[] | undefined {
	if (v === undefined || v === null) {
		if (required) errs.push({ field: 'events', message: 'events is required' });
		return undefined;
	}
	if (!Array.isArray(v) || v.length === 0) {
		errs.push({ field: 'events', message: 'events must be a non-empty array' });
		return undefined;
	}
	const out: string[] = [];
	v.forEach((e, i) => {
		const name = normalizeEvent(e);
		if (!name) errs.push({ field: `events[${i}]`, message: `each value in events must be one of: ${WEBHOOK_EVENTS.join(', ')}` });
		else if (out.includes(name)) errs.push({ field: `events[${i}]`, message: `events must not contain duplicates (${name})` });
		else out.push(name);
	});
	return out.length === v.length ? out : undefined;
}

function headersField(errs: FieldError[], v: unknown): WebhookHeader[] | undefined {
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v) || v.length > 50) {
		errs.push({ field: 'headers', message: 'headers must be an array of at most 50 items' });
		return undefined;
	}
	const out: WebhookHeader[] = [];
	const seen = new Set<string>();
	const before = errs.length;
	v.forEach((h, i) => {
		const prefix = `headers[${i}]`;
		if (!isPlainObject(h)) {
			errs.push({ field: prefix, message: 'each header must be an object { name, value }' });
			return;
		}
		rejectUnknown(errs, h, ['name', 'value'], prefix);
		const name = str(errs, h, 'name', prefix, { required: true, min: 1, max: 255 });
		const value = str(errs, h, 'value', prefix, { required: true, min: 1, max: 4096 });
		if (name !== undefined) {
			const lower = name.toLowerCase();
			if (!HEADER_NAME_RE.test(name)) errs.push({ field: `${prefix}.name`, message: 'name must be a valid HTTP header name' });
			else if (RESERVED_HEADERS.includes(lower)) errs.push({ field: `${prefix}.name`, message: `${name} is set by the delivery and cannot be overridden` });
			else if (seen.has(lower)) errs.push({ field: `${prefix}.name`, message: `duplicate header ${name}` });
			seen.add(lower);
		}
		if (value !== undefined && /[\x00-\x08\x0a-\x1f\x7f]/.test(value)) errs.push({ field: `${prefix}.value`, message: 'value must not contain control characters' });
		if (name !== undefined && value !== undefined) out.push({ name, value });
	});
	return errs.length === before ? out : undefined;
}

/** Validate a create (`mode: 'create'`) or update body; unknown fields are refused. */
export function validateWebhookBody(errs: FieldError[], body: Record<string, unknown>, mode: 'create' | 'update', allowLoopbackHttp: boolean): WebhookInput {
	const create = mode === 'create';
	rejectUnknown(errs, body, create ? CREATE_FIELDS : UPDATE_FIELDS, '');
	const input: WebhookInput = {
		url: urlField(errs, body.url, create, allowLoopbackHttp),
		events: eventsField(errs, body.events, create),
		name: str(errs, body, 'name', '', { min: 1, max: 255 }),
		description: str(errs, body, 'description', '', { min: 1, max: 1000 }),
		headers: headersField(errs, body.headers),
	};
	if (create) input.companyId = uuidField(errs, body, 'companyId', '');
	if (!create && body.isActive !== undefined && body.isActive !== null) {
		if (typeof body.isActive !== 'boolean') errs.push({ field: 'isActive', message: 'isActive must be a boolean' });
		else input.isActive = body.isActive;
	}
	return input;
}
