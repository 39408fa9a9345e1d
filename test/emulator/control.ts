/** Control API under /__emulator/ (no auth, plain JSON, not logged). */
import { upsertCompany } from './companies';
import { advanceInterview } from './lifecycle';
import { seedBulk } from './seed';
import type { EmulatorState } from './store';
import type { AdvanceInterviewBody, FaultRule, Job, ListShape, Posting, RateLimitOptions, SeedRequest } from './types';
import { ApiError, isPlainObject } from './util';
import { webhookControl } from './webhooks/control';

export interface ControlReply {
	status: number;
	body: unknown;
}

const SHAPES: ListShape[] = ['items', 'flat', 'nested'];

function bad(message: string): never {
	throw new ApiError(400, 'BAD_CONTROL_REQUEST', message);
}

function positiveInt(v: unknown, name: string): number {
	if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) bad(`${name} must be a positive integer`);
	return v;
}

export function applyRateLimit(state: EmulatorState, b: Partial<RateLimitOptions>): void {
	const cur = state.options.rateLimit;
	state.options.rateLimit = {
		perMinute: b.perMinute === undefined ? cur.perMinute : positiveInt(b.perMinute, 'perMinute'),
		perHour: b.perHour === undefined ? cur.perHour : positiveInt(b.perHour, 'perHour'),
		windowMs: b.windowMs === undefined ? cur.windowMs : positiveInt(b.windowMs, 'windowMs'),
		hourWindowMs: b.hourWindowMs === undefined ? cur.hourWindowMs : positiveInt(b.hourWindowMs, 'hourWindowMs'),
	};
	state.rateCounters.clear();
}

function addPosting(state: EmulatorState, b: Record<string, unknown>): Posting & { url: string } {
	if (typeof b.slug !== 'string' || !/^[A-Za-z0-9._-]+$/.test(b.slug)) bad('slug must match [A-Za-z0-9._-]+');
	if (b.job !== null && (!isPlainObject(b.job) || typeof b.job.title !== 'string')) bad('job must be an object with a title, or null (a page without a job)');
	const p: Posting = { slug: b.slug as string, job: b.job as Partial<Job> | null };
	state.postings.set(p.slug, p);
	return { ...p, url: `${state.publicUrl ?? ''}/postings/${p.slug}` };
}

function route(state: EmulatorState, method: string, path: string, q: URLSearchParams, b: Record<string, unknown>): ControlReply | Promise<ControlReply> {
	const sub = path.slice('/__emulator'.length) || '/';
	if (sub === '/webhooks' || sub.startsWith('/webhooks/')) return webhookControl(state, method, sub, q, b);
	const key = `${method} ${sub}`;
	const adv = /^\/interviews\/([^/]+)\/advance$/.exec(sub);
	if (method === 'POST' && adv) {
		return { status: 200, body: JSON.parse(JSON.stringify(advanceInterview(state, adv[1], b as AdvanceInterviewBody))) };
	}
	switch (key) {
		case 'POST /reset':
			state.reset();
			return { status: 200, body: { ok: true } };
		case 'POST /api-keys': {
			if (typeof b.key !== 'string' || !b.key) bad('key is required');
			if (!Array.isArray(b.scopes) || !b.scopes.every((s) => typeof s === 'string')) bad('scopes must be a string array');
			const k = state.addApiKey({ key: b.key as string, scopes: b.scopes as string[], companyId: b.companyId as string | undefined, ats: b.ats === true });
			return { status: 201, body: k };
		}
		case 'POST /seed':
			try {
				return { status: 201, body: state.webhooks.silently(() => seedBulk(state, b as SeedRequest)) };
			} catch (e) {
				return bad((e as Error).message);
			}
		case 'POST /agents':
			return { status: 201, body: state.createAgent(b) };
		case 'POST /jobs':
			return { status: 201, body: state.createJob(b) };
		case 'POST /candidates':
			return { status: 201, body: state.createCandidate(b) };
		case 'POST /interviews':
			return { status: 201, body: state.createInterview(b) };
		case 'POST /companies':
			try {
				return { status: 201, body: upsertCompany(state, b) };
			} catch (e) {
				return bad((e as Error).message);
			}
		case 'GET /companies':
			return { status: 200, body: [...state.companies.values()] };
		case 'POST /postings':
			return { status: 201, body: addPosting(state, b) };
		case 'GET /postings':
			return { status: 200, body: [...state.postings.values()].map((p) => ({ ...p, url: `${state.publicUrl ?? ''}/postings/${p.slug}` })) };
		case 'POST /faults': {
			const f = b as unknown as FaultRule;
			if (typeof f.path !== 'string' || !f.path) bad('path is required');
			const times = f.times === undefined ? 1 : positiveInt(f.times, 'times');
			state.faults.push({ ...f, remaining: times });
			return { status: 201, body: { ok: true, faults: state.faults.length } };
		}
		case 'GET /faults':
			return { status: 200, body: state.faults };
		case 'DELETE /faults':
			state.faults = [];
			return { status: 200, body: { ok: true } };
		case 'GET /requests': {
			const m = q.get('method')?.toUpperCase();
			const p = q.get('path');
			const list = state.requests.filter((r) => (!m || r.method === m) && (!p || r.path === p || r.path.startsWith(`${p}/`)));
			return { status: 200, body: list };
		}
		case 'DELETE /requests':
			state.requests = [];
			return { status: 200, body: { ok: true } };
		case 'GET /clock':
			return { status: 200, body: { now: state.nowIso(), offsetMs: state.clockOffsetMs } };
		case 'POST /clock':
			if (b.set !== undefined) {
				if (typeof b.set !== 'string' || Number.isNaN(Date.parse(b.set))) bad('set must be an ISO timestamp');
				state.setClock(b.set as string);
			}
			if (b.advanceMs !== undefined) {
				if (typeof b.advanceMs !== 'number' || !Number.isFinite(b.advanceMs)) bad('advanceMs must be a number');
				state.advanceClock(b.advanceMs as number);
			}
			return { status: 200, body: { now: state.nowIso(), offsetMs: state.clockOffsetMs } };
		case 'POST /rate-limit':
			applyRateLimit(state, b as Partial<RateLimitOptions>);
			return { status: 200, body: state.options.rateLimit };
		case 'POST /options':
			if (b.listShape !== undefined) {
				if (!SHAPES.includes(b.listShape as ListShape)) bad(`listShape must be one of ${SHAPES.join(', ')}`);
				state.options.listShape = b.listShape as ListShape;
			}
			if (b.bareResponses !== undefined) {
				if (typeof b.bareResponses !== 'boolean') bad('bareResponses must be a boolean');
				state.options.bareResponses = b.bareResponses as boolean;
			}
			return { status: 200, body: { listShape: state.options.listShape, bareResponses: state.options.bareResponses } };
		case 'GET /state':
			return { status: 200, body: state.summary() };
		default:
			throw new ApiError(404, 'NOT_FOUND', `Unknown control endpoint ${method} ${path}`);
	}
}

function errorReply(e: unknown): ControlReply {
	if (e instanceof ApiError) return { status: e.status, body: { error: e.message, code: e.code, details: e.details } };
	return { status: 500, body: { error: (e as Error).message } };
}

export function handleControl(state: EmulatorState, method: string, path: string, q: URLSearchParams, raw: Buffer): ControlReply | Promise<ControlReply> {
	try {
		let b: unknown = {};
		if (raw.length) {
			try {
				b = JSON.parse(raw.toString('utf8'));
			} catch {
				bad('malformed JSON');
			}
		}
		if (!isPlainObject(b)) bad('body must be a JSON object');
		const r = route(state, method, path, q, b as Record<string, unknown>);
		return r instanceof Promise ? r.catch(errorReply) : r;
	} catch (e) {
		return errorReply(e);
	}
}
