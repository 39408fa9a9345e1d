/** GET /billing/usage?start=&end= (scope read:billing). */
import { allowQuery, ok, queryOne, requireScopes, type Ctx, type Reply, type Route } from '../http';
import { managedCompanies, usageReport } from '../billing';
import { parseDateOnly, parseDateTime, validationError, type FieldError } from '../util';

const DEFAULT_RANGE_MS = 30 * 86400000;

/** ISO 8601 date (YYYY-MM-DD = 00:00:00Z of that day) or date-time; undefined when absent. */
function rangeBound(ctx: Ctx, name: string, errs: FieldError[]): number | undefined {
	const v = queryOne(ctx, name);
	if (v === undefined) return undefined;
	const d = parseDateOnly(v);
	if ('date' in d) return Date.parse(`${d.date}T00:00:00Z`);
	const t = parseDateTime(v);
	if ('ms' in t) return t.ms;
	errs.push({ field: name, message: /^\d{4}-\d{2}-\d{2}$/.test(v) ? d.error : t.error });
	return undefined;
}

function usage(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:billing');
	allowQuery(ctx, ['start', 'end']);
	const errs: FieldError[] = [];
	const start = rangeBound(ctx, 'start', errs);
	const end = rangeBound(ctx, 'end', errs);
	if (errs.length) throw validationError(errs);
	const now = ctx.state.nowMs();
	// each bound defaults on its own: start = now - 30 days, end = now
	const startMs = start ?? now - DEFAULT_RANGE_MS;
	const endMs = end ?? now;
	if (startMs > endMs) throw validationError([{ field: 'start', message: 'start must not be after end' }]);
	const companies = ctx.key.ats ? managedCompanies(ctx.state, ctx.key.key) : [ctx.key.companyId];
	return ok(ctx, usageReport(ctx.state, companies, startMs, endMs));
}

export const billingRoutes: Route[] = [{ method: 'GET', path: '/billing/usage', handler: usage }];
