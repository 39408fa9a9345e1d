/** HTTP layer: routing, envelope, auth, rate limiting, faults, request log. Node built-ins only. */
import http from 'node:http';
import { handleControl } from './control';
import { errorEnvelope, type Ctx, type Reply, type Route } from './http';
import { consume, peekHeaders } from './ratelimit';
import { agentRoutes } from './routes/agents';
import { candidateRoutes } from './routes/candidates';
import { interviewRoutes } from './routes/interviews';
import { postingHtml } from './postings';
import { billingRoutes } from './routes/billing';
import { jobRoutes } from './routes/jobs';
import { webhookRoutes } from './routes/webhooks';
import type { ActiveFault, EmulatorState } from './store';
import type { ApiKey, RequestLogEntry } from './types';
import { ApiError } from './util';

interface Compiled extends Route {
	re: RegExp;
	names: string[];
}

const ROUTES: Compiled[] = [...interviewRoutes, ...candidateRoutes, ...jobRoutes, ...agentRoutes, ...billingRoutes, ...webhookRoutes].map((r) => {
	const names: string[] = [];
	const src = r.path.replace(/:(\w+)/g, (_m, n: string) => {
		names.push(n);
		return '([^/]+)';
	});
	return { ...r, re: new RegExp(`^${src}$`), names };
});

interface Outgoing {
	status: number;
	headers: Record<string, string>;
	body?: string;
}

function parseQuery(sp: URLSearchParams): Record<string, string | string[]> {
	const q: Record<string, string | string[]> = {};
	for (const [k, v] of sp) {
		const prev = q[k];
		q[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
	}
	return q;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function pathMatches(f: ActiveFault, path: string): boolean {
	if (f.path.startsWith('^')) return new RegExp(f.path).test(path);
	const p = f.path.length > 1 && f.path.endsWith('/') ? f.path.slice(0, -1) : f.path;
	return path === p || path.startsWith(`${p}/`);
}

function takeFault(state: EmulatorState, method: string, path: string): ActiveFault | undefined {
	const i = state.faults.findIndex((f) => (!f.method || f.method.toUpperCase() === method) && pathMatches(f, path));
	if (i < 0) return undefined;
	const f = state.faults[i];
	f.remaining -= 1;
	if (f.remaining <= 0) state.faults.splice(i, 1);
	return f;
}

function json(status: number, headers: Record<string, string>, body: unknown): Outgoing {
	return {
		status,
		headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
		body: body === undefined ? undefined : JSON.stringify(body),
	};
}

function bearer(req: http.IncomingMessage): string | undefined {
	const h = req.headers.authorization;
	const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
	return m ? m[1] : undefined;
}

/** Run the real API for one request. */
async function processApi(state: EmulatorState, req: http.IncomingMessage, path: string, query: Record<string, string | string[]>, raw: Buffer, key: ApiKey | undefined): Promise<Outgoing> {
	const method = (req.method ?? 'GET').toUpperCase();
	const fail = (e: ApiError, headers: Record<string, string>) => json(e.status, headers, errorEnvelope(state, e));
	// body parsing happens before auth (as in a NestJS app: body-parser middleware runs before guards)
	let body: unknown;
	if (raw.length) {
		const text = raw.toString('utf8');
		const ct = String(req.headers['content-type'] ?? '');
		if (/\bapplication\/(?:[\w.+-]+\+)?json\b/i.test(ct)) {
			try {
				body = JSON.parse(text);
			} catch (e) {
				const err = new ApiError(400, 'VALIDATION_ERROR', `Malformed JSON body: ${(e as Error).message}`, { fields: [{ field: 'body', message: 'malformed JSON' }] });
				return fail(err, peekHeaders(state, key?.key));
			}
		}
	}
	if (body === undefined && ['POST', 'PATCH', 'PUT'].includes(method)) body = {};
	if (!key) {
		const err = new ApiError(401, 'INVALID_API_KEY', req.headers.authorization ? 'Invalid API key' : 'Missing API key: send Authorization: Bearer <key>', {});
		return fail(err, peekHeaders(state, undefined));
	}
	const rl = consume(state, key.key);
	if (!rl.allowed) return json(429, rl.headers, rl.body);
	let route: Compiled | undefined;
	let m: RegExpExecArray | null = null;
	for (const r of ROUTES) {
		if (r.method !== method) continue;
		m = r.re.exec(path);
		if (m) {
			route = r;
			break;
		}
	}
	if (!route || !m) return fail(new ApiError(404, 'NOT_FOUND', `Cannot ${method} ${path}`, {}), rl.headers);
	const params: Record<string, string> = {};
	route.names.forEach((n, i) => (params[n] = decodeURIComponent(m![i + 1])));
	const ctx: Ctx = { state, method, path, params, query, body, key };
	try {
		const reply: Reply = await route.handler(ctx);
		return json(reply.status, { ...rl.headers, ...(reply.headers ?? {}) }, reply.body);
	} catch (e) {
		if (e instanceof ApiError) return fail(e, rl.headers);
		const err = new ApiError(500, 'INTERNAL_ERROR', `Emulator error: ${(e as Error).message}`, {});
		return fail(err, rl.headers);
	}
}

function send(res: http.ServerResponse, out: Outgoing): void {
	const headers = { ...out.headers };
	if (out.body === undefined) delete headers['Content-Type'];
	res.writeHead(out.status, headers);
	res.end(out.body);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function handle(state: EmulatorState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	let path = url.pathname;
	if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
	const raw = await readBody(req);
	if (path === '/__emulator' || path.startsWith('/__emulator/')) {
		const r = await handleControl(state, (req.method ?? 'GET').toUpperCase(), path, url.searchParams, raw);
		send(res, json(r.status, {}, r.body));
		return;
	}
	const method = (req.method ?? 'GET').toUpperCase();
	const posting = method === 'GET' ? /^\/postings\/([^/]+)$/.exec(path) : null;
	if (posting) {
		// public job-posting pages that POST /jobs/url can "read" (no auth, not logged)
		const p = state.postings.get(decodeURIComponent(posting[1]));
		res.writeHead(p ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
		res.end(p ? postingHtml(p) : '<!doctype html><html><body><h1>Not found</h1></body></html>');
		return;
	}
	const query = parseQuery(url.searchParams);
	const token = bearer(req);
	const key = token ? state.apiKeys.get(token) : undefined;
	const entry: RequestLogEntry = {
		t: state.nowIso(), method, path, query, headers: { ...req.headers }, authOk: !!key, body: undefined, status: null,
	};
	state.requests.push(entry);
	if (raw.length) {
		const text = raw.toString('utf8');
		try {
			entry.body = JSON.parse(text);
		} catch {
			entry.body = text;
		}
	}
	const fault = takeFault(state, method, path);
	if (fault) {
		entry.fault = true;
		if (fault.delayMs) await sleep(fault.delayMs);
		if (fault.drop) {
			entry.dropped = true;
			req.socket.destroy();
			return;
		}
		if (fault.status !== undefined || fault.body !== undefined || fault.rawBody !== undefined) {
			const status = fault.status ?? 500;
			const headers: Record<string, string> = { 'Content-Type': fault.rawBody !== undefined ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8', ...(fault.headers ?? {}) };
			const body = fault.rawBody ?? JSON.stringify(fault.body ?? { success: false, data: null, error: { code: 'EMULATED_FAULT', message: `Injected fault (HTTP ${status})`, details: {} }, timestamp: state.nowIso() });
			entry.status = status;
			res.writeHead(status, headers);
			res.end(body);
			return;
		}
	}
	const out = await processApi(state, req, path, query, raw, key);
	entry.status = out.status;
	if (fault?.headers) Object.assign(out.headers, fault.headers);
	if (fault?.dropAfterProcessing) {
		entry.dropped = true;
		req.socket.destroy();
		return;
	}
	send(res, out);
}

export function createHttpServer(state: EmulatorState): http.Server {
	const server = http.createServer((req, res) => {
		handle(state, req, res).catch((e: Error) => {
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
				res.end(JSON.stringify({ success: false, data: null, error: { code: 'INTERNAL_ERROR', message: e.message, details: {} }, timestamp: state.nowIso() }));
			}
		});
	});
	server.keepAliveTimeout = 1000;
	return server;
}
