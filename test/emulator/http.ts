/** Request context, reply helpers (envelope / list shapes), query and scope helpers. */
import type { EmulatorState } from './store';
import type { ApiKey } from './types';
import { ApiError, UUID_RE, accessDenied, validationError } from './util';

export interface Ctx {
	state: EmulatorState;
	method: string;
	path: string;
	params: Record<string, string>;
	query: Record<string, string | string[]>;
	body: unknown;
	key: ApiKey;
}

export interface Reply {
	status: number;
	/** JSON body; undefined = no body (e.g. 204) */
	body?: unknown;
	headers?: Record<string, string>;
}

export interface Route {
	method: string;
	path: string;
	handler: (ctx: Ctx) => Reply | Promise<Reply>;
}

export function envelope(state: EmulatorState, data: unknown): unknown {
	return { success: true, data, error: null, timestamp: state.nowIso() };
}

export function errorEnvelope(state: EmulatorState, err: ApiError): unknown {
	return {
		success: false,
		data: null,
		error: { code: err.code, message: err.message, details: err.details },
		timestamp: state.nowIso(),
	};
}

/** Success reply: envelope, or the bare payload when the bareResponses option is on. */
export function ok(ctx: Ctx, data: unknown, status = 200): Reply {
	return { status, body: ctx.state.options.bareResponses ? data : envelope(ctx.state, data) };
}

/** Paginated reply in the configured list shape. `all` must already be filtered and sorted. */
export function paged<T>(ctx: Ctx, all: T[], serialize: (x: T) => unknown): Reply {
	const { page, limit } = pagination(ctx);
	const total = all.length;
	const totalPages = Math.ceil(total / limit);
	const items = all.slice((page - 1) * limit, page * limit).map(serialize);
	const shape = ctx.state.options.listShape;
	if (shape === 'flat') return { status: 200, body: { data: items, total, page, limit, totalPages } };
	if (shape === 'items') {
		return ok(ctx, {
			items,
			pagination: { total, page, limit, totalPages, hasNextPage: page < totalPages, hasPreviousPage: page > 1 },
		});
	}
	return ok(ctx, { data: items, total, page, limit, totalPages });
}

export function requireScopes(ctx: Ctx, ...scopes: string[]): void {
	for (const s of scopes) {
		if (!ctx.key.scopes.includes(s)) {
			throw new ApiError(403, 'INSUFFICIENT_PERMISSIONS', `Missing required scope: ${s}`, {
				requiredScopes: scopes,
				missingScope: s,
			});
		}
	}
}

/** Unknown query parameters are rejected (forbidNonWhitelisted). */
export function allowQuery(ctx: Ctx, allowed: string[]): void {
	const bad = Object.keys(ctx.query).filter((k) => !allowed.includes(k));
	if (bad.length) throw validationError(bad.map((k) => ({ field: k, message: `property ${k} should not exist` })));
}

export function queryOne(ctx: Ctx, name: string): string | undefined {
	const v = ctx.query[name];
	if (Array.isArray(v)) throw validationError([{ field: name, message: `${name} must be given at most once` }]);
	return v;
}

export function queryUuid(ctx: Ctx, name: string): string | undefined {
	const v = queryOne(ctx, name);
	if (v === undefined) return undefined;
	if (!UUID_RE.test(v)) throw validationError([{ field: name, message: `${name} must be a UUID` }]);
	return v.toLowerCase();
}

function intParam(ctx: Ctx, name: string, def: number, min: number, max: number): number {
	const v = queryOne(ctx, name);
	if (v === undefined) return def;
	if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
		throw validationError([{ field: name, message: `${name} must be an integer between ${min} and ${max}` }]);
	}
	return Number(v);
}

export function pagination(ctx: Ctx): { page: number; limit: number } {
	const errs: Array<{ field: string; message: string }> = [];
	let page = 1;
	let limit = 20;
	try {
		page = intParam(ctx, 'page', 1, 1, 10000);
	} catch (e) {
		errs.push(...((e as ApiError).details.fields as typeof errs));
	}
	try {
		limit = intParam(ctx, 'limit', 20, 1, 100);
	} catch (e) {
		errs.push(...((e as ApiError).details.fields as typeof errs));
	}
	if (errs.length) throw validationError(errs);
	return { page, limit };
}

export function pathId(ctx: Ctx, name = 'id'): string {
	const v = ctx.params[name];
	if (!UUID_RE.test(v)) throw validationError([{ field: name, message: `${name} must be a UUID (got "${v}")` }], 'Validation failed (uuid is expected)');
	return v.toLowerCase();
}

/**
 * Company the request acts on. ATS keys must pass ?companyId= everywhere.
 * Regular keys: on list endpoints a different companyId is refused (403); on single-resource endpoints it is ignored.
 */
export function companyFor(ctx: Ctx, kind: 'list' | 'single'): string {
	const q = queryUuid(ctx, 'companyId');
	if (ctx.key.ats) {
		if (!q) throw validationError([{ field: 'companyId', message: 'companyId is required for ATS integration keys' }]);
		return q;
	}
	if (kind === 'list' && q && q !== ctx.key.companyId) throw accessDenied('Company', q);
	return ctx.key.companyId;
}

/** 403 when a resource belongs to another company than the request's. */
export function sameCompany(companyId: string, resource: { companyId: string }, type: string, id: string): void {
	if (resource.companyId !== companyId) throw accessDenied(type, id);
}

export function bodyObject(ctx: Ctx): Record<string, unknown> {
	const b = ctx.body;
	if (typeof b !== 'object' || b === null || Array.isArray(b)) {
		throw validationError([{ field: 'body', message: 'request body must be a JSON object' }]);
	}
	return b as Record<string, unknown>;
}
