/** Small helpers shared by the emulator modules. */

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const E164_RE = /^\+[1-9]\d{1,14}$/;
export const EMAIL_RE = /^[^\s@"<>()[\]\\,;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
export const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 date-time; the offset is optional (no offset = UTC). */
export const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
export const UPPER_IDENT_RE = /^[A-Z][A-Z0-9_]*$/;

export interface FieldError {
	field: string;
	message: string;
}

export class ApiError extends Error {
	constructor(
		public readonly status: number,
		public readonly code: string,
		message: string,
		public readonly details: Record<string, unknown> = {},
	) {
		super(message);
	}
}

export function validationError(fields: FieldError[], message = 'Validation failed'): ApiError {
	const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
	return new ApiError(400, 'VALIDATION_ERROR', summary ? `${message}: ${summary}` : message, { fields });
}

export function notFound(resourceType: string, resourceId: string): ApiError {
	return new ApiError(404, 'RESOURCE_NOT_FOUND', `${resourceType} with id ${resourceId} not found`, {
		resourceType,
		resourceId,
	});
}

export function accessDenied(resourceType: string, resourceId: string): ApiError {
	return new ApiError(
		403,
		'RESOURCE_ACCESS_DENIED',
		`${resourceType} ${resourceId} belongs to another company`,
		{ resourceType, resourceId },
	);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parse an ISO 8601 date-time; returns epoch ms or an error message. No offset = UTC. */
export function parseDateTime(value: unknown): { ms: number } | { error: string } {
	if (typeof value !== 'string') return { error: 'must be an ISO 8601 date-time string' };
	const m = DATETIME_RE.exec(value);
	if (!m) return { error: `"${value}" is not a valid ISO 8601 date-time (expected YYYY-MM-DDTHH:mm[:ss[.sss]][Z|±HH:MM])` };
	const [, y, mo, d, h, mi, s] = m;
	const month = Number(mo);
	const day = Number(d);
	if (month < 1 || month > 12) return { error: `month ${mo} out of range` };
	const dim = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
	if (day < 1 || day > dim) return { error: `day ${d} out of range for ${y}-${mo}` };
	if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return { error: 'time of day out of range' };
	const offset = m[8];
	const iso = offset ? value : `${value}Z`;
	const ms = Date.parse(offset && /^[+-]\d{4}$/.test(offset) ? value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : iso);
	if (Number.isNaN(ms)) return { error: `"${value}" could not be parsed as a date-time` };
	return { ms };
}

/** Parse YYYY-MM-DD strictly; returns the date string or an error. */
export function parseDateOnly(value: unknown): { date: string } | { error: string } {
	if (typeof value !== 'string') return { error: 'must be a date string YYYY-MM-DD' };
	const m = DATE_RE.exec(value);
	if (!m) return { error: `"${value}" is not a date in the format YYYY-MM-DD` };
	const month = Number(m[2]);
	const day = Number(m[3]);
	if (month < 1 || month > 12) return { error: `month ${m[2]} out of range` };
	const dim = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
	if (day < 1 || day > dim) return { error: `day ${m[3]} out of range` };
	return { date: value };
}

export function isoDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

export function compareNewestFirst(
	a: { createdAt: string; id: string },
	b: { createdAt: string; id: string },
): number {
	if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
