import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { describeFailure, type Failure } from './errors';
import { isDataObject, readListPage, unwrapEnvelope } from './envelope';
import {
	RateLimitTracker,
	readRateLimitHeaders,
	retryAfterMs,
	waitBeforeNextRequest,
	type RateLimitSnapshot,
} from './rateLimit';

export { isDataObject, readListPage, unwrapEnvelope } from './envelope';
export type { RateLimitSnapshot } from './rateLimit';

export type InstaviewContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export const CREDENTIAL_NAME = 'instaviewApi';
export const DEFAULT_BASE_URL = 'https://api.instaview.sk';
export const MAX_PAGE_SIZE = 100;

/** Tunables, exported so tests and benchmarks can shorten the waits. */
export const transportSettings = {
	/** Attempts for a GET or DELETE that fails with 5xx or a network error. */
	maxAttempts: 4,
	/** First back-off; it doubles on each retry (1 s, 2 s, 4 s). */
	backoffMs: 1000,
	/** Longest total time one request may spend waiting on rate limits. */
	maxRateLimitWaitMs: 5 * 60 * 1000,
	timeoutMs: 60 * 1000,
};

/** Lets a caller (the trigger) count requests and see the latest rate-limit headers. */
export interface RequestMeter {
	requests: number;
	rateLimit?: RateLimitSnapshot;
	/** InstaView's clock (epoch ms) at its first answer: the envelope's timestamp, else the Date header. */
	firstServerTime?: number;
}

/** The server's time of a response, so time boundaries do not depend on n8n's clock. */
export function serverTimeOf(body: unknown, headers: Record<string, unknown>): number | undefined {
	const stamp = isDataObject(body) && typeof body.timestamp === 'string' ? Date.parse(body.timestamp) : Number.NaN;
	if (!Number.isNaN(stamp)) return stamp;
	const date = Object.entries(headers).find(([name]) => name.toLowerCase() === 'date')?.[1];
	const parsed = typeof date === 'string' ? Date.parse(date) : Number.NaN;
	return Number.isNaN(parsed) ? undefined : parsed;
}

export interface InstaviewRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** What the request is about, for error texts ("interview 5b0c…"). */
	subject?: string;
	meter?: RequestMeter;
	/** Upper bound for waiting on rate limits in this call (the trigger passes its poll budget). */
	maxRateLimitWaitMs?: number;
	/** Leave out the credential's Company ID (billing usage refuses it; ATS keys get all their companies). */
	omitCompanyId?: boolean;
}

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

const rateLimits = new RateLimitTracker();

/** Forget pacing state (tests start each case from a clean slate). */
export function resetRateLimitTracking(): void {
	rateLimits.clear();
}

// Connection failures that prove the request never left: safe to repeat even for POST.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

interface WrappedFailure {
	code?: unknown;
	httpCode?: unknown;
	message?: unknown;
	messages?: unknown;
	cause?: { code?: unknown; message?: unknown };
}

/**
 * n8n wraps a failed request in NodeApiError, and where it keeps the socket error's code
 * differs between versions (`cause.code` in 2.x; only `httpCode` and `messages` in 1.x), so
 * every place is read.
 */
function networkFailure(error: unknown, secret: string): Failure {
	const wrapped = (error ?? {}) as WrappedFailure;
	const code = [wrapped.cause?.code, wrapped.code, wrapped.httpCode].find(
		(value): value is string => typeof value === 'string' && /^[A-Z_]+$/.test(value),
	);
	const original = Array.isArray(wrapped.messages) ? wrapped.messages.find((m) => typeof m === 'string') : undefined;
	const detail = String(original ?? wrapped.cause?.message ?? wrapped.message ?? 'unknown network failure');
	return { kind: 'network', code, detail: redact(detail, secret) };
}

function redact(text: string, secret: string): string {
	return secret ? text.split(secret).join('[redacted]') : text;
}

function parseBody(body: unknown): { value: unknown; nonJson: boolean } {
	if (typeof body !== 'string') return { value: body, nonJson: false };
	if (body.trim() === '') return { value: undefined, nonJson: false };
	try {
		return { value: JSON.parse(body), nonJson: false };
	} catch {
		return { value: body, nonJson: true };
	}
}

/**
 * The one way this package talks to InstaView: adds the company of ATS keys, paces on the
 * rate-limit headers, waits out 429s, retries 5xx and network failures only where repeating
 * is harmless (GET, DELETE), unwraps the envelope and turns failures into NodeApiError.
 */
export async function instaviewApiRequest(this: InstaviewContext, request: InstaviewRequest): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const secret = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	const baseURL = String(credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
	const companyId = typeof credentials.companyId === 'string' ? credentials.companyId.trim() : '';
	const trackerKey = createHash('sha256').update(`${baseURL}\n${secret}`).digest('hex');
	const method = request.method;
	const repeatable = method === 'GET' || method === 'DELETE';
	const maxWait = request.maxRateLimitWaitMs ?? transportSettings.maxRateLimitWaitMs;

	const options: IHttpRequestOptions = {
		method,
		baseURL,
		url: request.path,
		qs: { ...(companyId && !request.omitCompanyId ? { companyId } : {}), ...(request.qs ?? {}) },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: transportSettings.timeoutMs,
	};
	if (request.body !== undefined) options.body = request.body;

	let attempts = 0;
	let waitedMs = 0;
	let ambiguousEarlierAttempt = false;

	const fail = (failure: Failure, mayHaveBeenCreated = false): never => {
		const described = describeFailure(failure, { method, subject: request.subject, waitedMs, attempts, mayHaveBeenCreated });
		// API details go under their own key: NodeApiError rewrites the message when it finds a
		// known `code` (e.g. ECONNABORTED) at the top level, which would lose our explanation.
		const errorResponse: JsonObject = { message: redact(described.message, secret), instaview: described.details as JsonObject };
		const error = new NodeApiError(this.getNode(), errorResponse, {
			message: redact(described.message, secret),
			description: redact(described.description, secret),
			httpCode: described.httpCode,
			itemIndex: request.itemIndex,
		});
		// NodeApiError swaps a message that mentions ECONNRESET & co. for a generic one; ours
		// already explains it and names InstaView, so put it back.
		error.message = redact(described.message, secret);
		throw error;
	};

	for (;;) {
		const pause = waitBeforeNextRequest(rateLimits.get(trackerKey), Date.now());
		if (pause > 0) {
			if (waitedMs + pause > maxWait) {
				fail({ kind: 'http', status: 429, body: { message: 'Rate limit would be exceeded' } });
			}
			await sleep(pause);
			waitedMs += pause;
		}

		attempts++;
		if (request.meter) request.meter.requests++;
		let response: FullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_NAME, options)) as FullResponse;
		} catch (error) {
			const failure = networkFailure(error, secret);
			const neverSent = failure.kind === 'network' && failure.code !== undefined && NOT_SENT_CODES.has(failure.code);
			if ((repeatable || neverSent) && attempts < transportSettings.maxAttempts) {
				ambiguousEarlierAttempt = ambiguousEarlierAttempt || !neverSent;
				await sleep(transportSettings.backoffMs * 2 ** (attempts - 1));
				continue;
			}
			return fail(failure, !repeatable && !neverSent);
		}

		const snapshot = readRateLimitHeaders(response.headers ?? {}, Date.now());
		rateLimits.update(trackerKey, snapshot);
		if (request.meter && snapshot) request.meter.rateLimit = snapshot;

		const { value: body, nonJson } = parseBody(response.body);
		const status = response.statusCode;

		if (status >= 200 && status < 300 && !nonJson) {
			if (request.meter && request.meter.firstServerTime === undefined) {
				request.meter.firstServerTime = serverTimeOf(body, response.headers ?? {});
			}
			if (isDataObject(body) && body.success === false) {
				return fail({ kind: 'http', status: 400, body });
			}
			return unwrapEnvelope(body);
		}

		if (status === 429) {
			// A 429 is refused before any work is done, so even a POST may be sent again.
			const wait = retryAfterMs(response.headers ?? {}, body, Date.now()) ?? 60 * 1000;
			if (waitedMs + wait <= maxWait) {
				rateLimits.markExhausted(trackerKey, Date.now() + Math.max(wait, 1), Date.now());
				continue;
			}
			return fail({ kind: 'http', status, body, nonJson });
		}

		if (status >= 500 && repeatable && attempts < transportSettings.maxAttempts) {
			ambiguousEarlierAttempt = true;
			await sleep(transportSettings.backoffMs * 2 ** (attempts - 1));
			continue;
		}

		// The first DELETE may have gone through before its answer was lost.
		if (status === 404 && method === 'DELETE' && ambiguousEarlierAttempt) {
			return true;
		}

		return fail({ kind: 'http', status, body, nonJson }, method === 'POST' && (status >= 500 || nonJson));
	}
}

export interface AllItemsOptions {
	/** Stop after this many items; undefined returns everything. */
	max?: number;
	itemIndex?: number;
	meter?: RequestMeter;
	/** Keep only the items this accepts (for filters InstaView lacks); `max` counts kept items. */
	keep?: (item: IDataObject) => boolean;
}

/**
 * Reads a list page by page at the largest page size (fewest requests for the rate limit),
 * removing items seen twice: with no documented sort order, a record created during the scan
 * can push one from page N onto page N+1.
 */
export async function instaviewApiRequestAllItems(
	this: InstaviewContext,
	path: string,
	qs: IDataObject,
	options: AllItemsOptions = {},
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const seen = new Set<unknown>();
	const max = options.max;
	// With a client-side filter a page may keep few items, so read full pages.
	const limit = max !== undefined && max < MAX_PAGE_SIZE && !options.keep ? Math.max(1, max) : MAX_PAGE_SIZE;
	for (let page = 1; ; page++) {
		const body = await instaviewApiRequest.call(this, {
			method: 'GET',
			path,
			qs: { ...qs, page, limit },
			itemIndex: options.itemIndex,
			meter: options.meter,
		});
		const { items, hasNextPage } = readListPage(body, page, limit);
		for (const item of items) {
			const id = item.id ?? JSON.stringify(item);
			if (seen.has(id)) continue;
			seen.add(id);
			if (options.keep && !options.keep(item)) continue;
			results.push(item);
			if (max !== undefined && results.length >= max) return results;
		}
		if (!hasNextPage) return results;
	}
}
