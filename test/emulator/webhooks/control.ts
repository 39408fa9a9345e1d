/** Control API for webhooks, under /__emulator/webhooks (no auth, plain JSON). See README.md. */
import type { ControlReply } from '../control';
import { DEFAULT_COMPANY_ID, type EmulatorState } from '../store';
import { ApiError } from '../util';
import { WEBHOOK_EVENTS, eventData, normalizeEvent } from './events';
import type { WebhookFailRule, WebhookOptions } from './types';

function bad(message: string): never {
	throw new ApiError(400, 'BAD_CONTROL_REQUEST', message);
}

const nonNegInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function checkOptions(b: Record<string, unknown>): WebhookOptions {
	const o = b as WebhookOptions;
	for (const k of Object.keys(b)) {
		if (!['allowLoopbackHttp', 'retryDelaysMs', 'timeoutMs', 'maxRetries', 'failureThreshold', 'allowExternalDelivery'].includes(k)) bad(`unknown option ${k}`);
	}
	for (const k of ['allowLoopbackHttp', 'allowExternalDelivery'] as const) if (o[k] !== undefined && typeof o[k] !== 'boolean') bad(`${k} must be a boolean`);
	if (o.retryDelaysMs !== undefined && (!Array.isArray(o.retryDelaysMs) || !o.retryDelaysMs.length || !o.retryDelaysMs.every(nonNegInt))) {
		bad('retryDelaysMs must be a non-empty array of non-negative integers');
	}
	if (o.maxRetries !== undefined && !nonNegInt(o.maxRetries)) bad('maxRetries must be a non-negative integer');
	for (const k of ['timeoutMs', 'failureThreshold'] as const) if (o[k] !== undefined && (!nonNegInt(o[k]) || o[k] === 0)) bad(`${k} must be a positive integer`);
	return o;
}

function checkFailRule(b: Record<string, unknown>): WebhookFailRule {
	const r = b as WebhookFailRule;
	if (r.times !== undefined && (!nonNegInt(r.times) || r.times === 0)) bad('times must be a positive integer');
	if (r.status !== undefined && (!nonNegInt(r.status) || r.status < 100 || r.status > 599)) bad('status must be an HTTP status code');
	if (r.error !== undefined && r.error !== 'timeout' && r.error !== 'connection') bad('error must be "timeout" or "connection"');
	if (r.webhookId !== undefined && typeof r.webhookId !== 'string') bad('webhookId must be a string');
	return r;
}

const clone = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

export async function webhookControl(state: EmulatorState, method: string, sub: string, q: URLSearchParams, b: Record<string, unknown>): Promise<ControlReply> {
	const hub = state.webhooks;
	const redeliver = /^\/webhooks\/deliveries\/([^/]+)\/redeliver$/.exec(sub);
	if (method === 'POST' && redeliver) {
		try {
			return { status: 200, body: await hub.redeliver(decodeURIComponent(redeliver[1])) };
		} catch (e) {
			throw new ApiError(404, 'NOT_FOUND', (e as Error).message);
		}
	}
	const ping = /^\/webhooks\/([^/]+)\/ping$/.exec(sub);
	if (method === 'POST' && ping) {
		const wh = hub.webhooks.get(decodeURIComponent(ping[1]));
		if (!wh || wh.deletedAt) throw new ApiError(404, 'NOT_FOUND', `unknown webhook ${ping[1]}`);
		return { status: 200, body: await hub.test(wh) };
	}
	const match = (o: { webhookId: string; event: string; deliveryId: string }) =>
		(!q.get('webhookId') || o.webhookId === q.get('webhookId')) && (!q.get('event') || o.event === q.get('event')) && (!q.get('deliveryId') || o.deliveryId === q.get('deliveryId'));
	switch (`${method} ${sub}`) {
		case 'GET /webhooks':
			return { status: 200, body: clone([...hub.webhooks.values()].filter((w) => !w.deletedAt)) };
		case 'GET /webhooks/deliveries':
			return { status: 200, body: clone([...hub.deliveries.values()].filter((d) => match(d) && (!q.get('status') || d.status === q.get('status')))) };
		case 'GET /webhooks/attempts':
			return { status: 200, body: clone(hub.attempts.filter(match)) };
		case 'DELETE /webhooks/attempts':
			hub.attempts = [];
			return { status: 200, body: { ok: true } };
		case 'GET /webhooks/idle':
			return { status: 200, body: { idle: hub.idle(), holding: hub.holding } };
		case 'POST /webhooks/hold':
			hub.hold();
			return { status: 200, body: { holding: true } };
		case 'POST /webhooks/release':
			return { status: 200, body: { released: hub.release() } };
		case 'POST /webhooks/fail':
			hub.addFailRule(checkFailRule(b));
			return { status: 201, body: { ok: true } };
		case 'DELETE /webhooks/fail':
			hub.clearFailRules();
			return { status: 200, body: { ok: true } };
		case 'GET /webhooks/options':
			return { status: 200, body: hub.options };
		case 'POST /webhooks/options':
			return { status: 200, body: hub.configure(checkOptions(b)) };
		case 'POST /webhooks/emit': {
			const event = normalizeEvent(b.event);
			if (!event) bad(`event must be one of ${WEBHOOK_EVENTS.join(', ')}`);
			if (b.interviewId !== undefined) {
				const iv = state.interviews.get(String(b.interviewId));
				if (!iv) throw new ApiError(404, 'NOT_FOUND', `unknown interview ${String(b.interviewId)}`);
				return { status: 201, body: { deliveryIds: hub.emit(event, iv.companyId, () => eventData(state, event, iv)) } };
			}
			if (b.companyId !== undefined && typeof b.companyId !== 'string') bad('companyId must be a string');
			const data = b.data === undefined ? {} : b.data;
			if (typeof data !== 'object' || data === null || Array.isArray(data)) bad('data must be an object');
			return { status: 201, body: { deliveryIds: hub.emit(event, (b.companyId as string | undefined) ?? DEFAULT_COMPANY_ID, () => data as Record<string, unknown>) } };
		}
		default:
			throw new ApiError(404, 'NOT_FOUND', `Unknown control endpoint ${method} /__emulator${sub}`);
	}
}
