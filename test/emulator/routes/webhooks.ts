/** /webhooks: create, list, get, update, delete, test (ping), reset-circuit. Deliveries: webhooks/hub.ts. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
	allowQuery, bodyObject, ok, pathId, queryUuid, requireScopes, type Ctx, type Reply, type Route,
} from '../http';
import { accessDenied, compareNewestFirst, notFound, validationError, type FieldError } from '../util';
import type { Webhook } from '../webhooks/types';
import { validateWebhookBody } from '../webhooks/validation';

/** A stable UUID-shaped id for an API key (the key itself is never shown). */
export function apiKeyIdOf(key: string): string {
	const h = createHash('sha256').update(key).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The config object as GET returns it: header values masked, no secret. */
export function webhookJson(wh: Webhook, timeoutMs: number, maxRetries: number): Record<string, unknown> {
	return {
		id: wh.id,
		apiKeyId: wh.apiKeyId,
		companyId: wh.companyId,
		url: wh.url,
		name: wh.name,
		description: wh.description,
		headers: wh.headers.map((h) => ({ name: h.name, isMasked: true })),
		events: [...wh.events],
		isActive: wh.isActive,
		maxRetries,
		timeoutMs,
		consecutiveFailures: wh.consecutiveFailures,
		circuitOpenedAt: wh.circuitOpenedAt,
		createdAt: wh.createdAt,
		updatedAt: wh.updatedAt,
	};
}

const json = (ctx: Ctx, wh: Webhook) => webhookJson(wh, ctx.state.webhooks.options.timeoutMs, ctx.state.webhooks.options.maxRetries);

/**
 * A webhook belongs to the API key that created it: any other key (even of the same company) gets 403.
 * An ATS key's `?companyId=` must match the webhook's company (a global webhook has none → 403).
 */
function loadWebhook(ctx: Ctx): Webhook {
	allowQuery(ctx, ['companyId']);
	const company = queryUuid(ctx, 'companyId');
	const id = pathId(ctx);
	const wh = ctx.state.webhooks.webhooks.get(id);
	if (!wh || wh.deletedAt) throw notFound('Webhook', id);
	if (wh.apiKey !== ctx.key.key) throw accessDenied('Webhook', id);
	if (ctx.key.ats && company !== undefined && wh.companyId !== company) throw accessDenied('Webhook', id);
	return wh;
}

function list(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:webhooks');
	allowQuery(ctx, ['companyId']);
	const company = queryUuid(ctx, 'companyId');
	if (company !== undefined && !ctx.key.ats && company !== ctx.key.companyId) throw accessDenied('Company', company);
	const all = [...ctx.state.webhooks.webhooks.values()]
		.filter((wh) => !wh.deletedAt && wh.apiKey === ctx.key.key && (company === undefined || wh.companyId === company))
		.sort(compareNewestFirst);
	return ok(ctx, { data: all.map((wh) => json(ctx, wh)), total: all.length });
}

function get(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:webhooks');
	return ok(ctx, json(ctx, loadWebhook(ctx)));
}

function create(ctx: Ctx): Reply {
	requireScopes(ctx, 'write:webhooks');
	allowQuery(ctx, ['companyId']); // accepted but ignored: only the body's companyId scopes a webhook
	const errs: FieldError[] = [];
	const input = validateWebhookBody(errs, bodyObject(ctx), 'create', ctx.state.webhooks.options.allowLoopbackHttp);
	if (errs.length) throw validationError(errs);
	if (input.companyId !== undefined && !ctx.key.ats && input.companyId !== ctx.key.companyId) throw accessDenied('Company', input.companyId);
	const now = ctx.state.nowIso();
	const wh: Webhook = {
		id: randomUUID(),
		apiKey: ctx.key.key,
		apiKeyId: apiKeyIdOf(ctx.key.key),
		companyId: input.companyId ?? null,
		url: input.url!,
		name: input.name ?? null,
		description: input.description ?? null,
		headers: input.headers ?? [],
		events: input.events!,
		isActive: true,
		consecutiveFailures: 0,
		circuitOpenedAt: null,
		signingSecret: randomBytes(32).toString('hex'),
		createdAt: now,
		updatedAt: now,
	};
	ctx.state.webhooks.webhooks.set(wh.id, wh);
	return ok(ctx, { id: wh.id, signingSecret: wh.signingSecret, url: wh.url, events: [...wh.events], isActive: wh.isActive }, 201);
}

function update(ctx: Ctx): Reply {
	requireScopes(ctx, 'write:webhooks');
	const wh = loadWebhook(ctx);
	const errs: FieldError[] = [];
	const input = validateWebhookBody(errs, bodyObject(ctx), 'update', ctx.state.webhooks.options.allowLoopbackHttp);
	if (errs.length) throw validationError(errs);
	if (input.url !== undefined) wh.url = input.url;
	if (input.events !== undefined) wh.events = input.events;
	if (input.name !== undefined) wh.name = input.name;
	if (input.description !== undefined) wh.description = input.description;
	if (input.headers !== undefined) wh.headers = input.headers; // replaces the whole list
	// isActive:true does not close an open circuit: only reset-circuit does
	if (input.isActive !== undefined) wh.isActive = input.isActive;
	wh.updatedAt = ctx.state.nowIso();
	return ok(ctx, json(ctx, wh));
}

function remove(ctx: Ctx): Reply {
	requireScopes(ctx, 'write:webhooks');
	const wh = loadWebhook(ctx);
	wh.deletedAt = ctx.state.nowIso();
	ctx.state.webhooks.cancelPending(wh.id, 'webhook deleted');
	return { status: 204 };
}

async function test(ctx: Ctx): Promise<Reply> {
	requireScopes(ctx, 'write:webhooks');
	const wh = loadWebhook(ctx);
	return ok(ctx, await ctx.state.webhooks.test(wh));
}

function resetCircuit(ctx: Ctx): Reply {
	requireScopes(ctx, 'write:webhooks');
	const wh = loadWebhook(ctx);
	wh.consecutiveFailures = 0;
	wh.circuitOpenedAt = null;
	wh.isActive = true;
	wh.updatedAt = ctx.state.nowIso();
	return ok(ctx, json(ctx, wh));
}

export const webhookRoutes: Route[] = [
	{ method: 'GET', path: '/webhooks', handler: list },
	{ method: 'POST', path: '/webhooks', handler: create },
	{ method: 'GET', path: '/webhooks/:id', handler: get },
	{ method: 'PATCH', path: '/webhooks/:id', handler: update },
	{ method: 'DELETE', path: '/webhooks/:id', handler: remove },
	{ method: 'POST', path: '/webhooks/:id/test', handler: test },
	{ method: 'POST', path: '/webhooks/:id/reset-circuit', handler: resetCircuit },
];
