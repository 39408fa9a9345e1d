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
	currentWindows,
	RateLimitTracker,
	readRateLimitHeaders,
	retryAfterMs,
	waitBeforeNextRequest,
	type RateLimitSnapshot,
} from './rateLimit';

export { isDataObject, readListPage, unwrapEnvelope } from './envelope';
export type { RateLimitSnapshot, RateLimitWindow } from './rateLimit';

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

/** Lets a caller (the trigger) count requests, see the latest rate-limit headers and cap them. */
export interface RequestMeter {
	/** Requests sent, retries and re-sends after 429 included. */
	requests: number;
	/**
	 * Asked before every attempt, retries and re-sends included; false means "do not send".
	 * With it, the transport never sleeps on a rate limit: it stops and lets the caller resume later.
	 */
	mayAttempt?: () => boolean;
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

/**
 * Thrown instead of sending when the caller's meter refused the first attempt, or when the
 * rate limit is known to be spent and the caller does not want to wait. Nothing was sent for
 * it; the caller stops and resumes later. Not an error for the user.
 */
export class RequestNotSentError extends Error {
	constructor(readonly reason: 'budget' | 'rateLimit') {
		super(reason === 'budget' ? 'The request budget of this run is spent' : 'The rate limit of the API key is spent for now');
		this.name = 'RequestNotSentError';
	}
}

function trackerKeyOf(baseURL: string, secret: string): string {
	return createHash('sha256').update(`${baseURL}\n${secret}`).digest('hex');
}

function connectionOf(credentials: IDataObject): { secret: string; baseURL: string; companyId: string } {
	return {
		secret: typeof credentials.apiKey === 'string' ? credentials.apiKey : '',
		baseURL: String(credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, ''),
		companyId: typeof credentials.companyId === 'string' ? credentials.companyId.trim() : '',
	};
}

/**
 * What this process already knows of the key's rate-limit windows (from earlier responses to
 * any node using the same credential), with windows whose reset has passed counted as whole.
 * Per process: in queue mode, polls run on the main instance and learn from their own responses.
 */
export async function knownRateLimit(this: InstaviewContext): Promise<RateLimitSnapshot | undefined> {
	const { secret, baseURL } = connectionOf(await this.getCredentials(CREDENTIAL_NAME));
	const snapshot = rateLimits.get(trackerKeyOf(baseURL, secret));
	return snapshot && currentWindows(snapshot, Date.now());
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
	const { secret, baseURL, companyId } = connectionOf(await this.getCredentials(CREDENTIAL_NAME));
	const trackerKey = trackerKeyOf(baseURL, secret);
	const gate = request.meter?.mayAttempt;
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
	/** The failure a retry would have answered, if the caller's meter then refuses the retry. */
	let lastFailure: { failure: Failure; mayHaveBeenCreated: boolean } | undefined;

	const fail = (failure: Failure, mayHaveBeenCreated = false, requestedWaitMs?: number): never => {
		const described = describeFailure(failure, {
			method,
			subject: request.subject,
			waitedMs,
			attempts,
			mayHaveBeenCreated,
			requestedWaitMs,
			maxWaitMs: maxWait,
		});
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
			// A caller with its own budget resumes later rather than sleeping through its time.
			if (gate) {
				if (lastFailure) return fail(lastFailure.failure, lastFailure.mayHaveBeenCreated);
				throw new RequestNotSentError('rateLimit');
			}
			if (waitedMs + pause > maxWait) {
				return fail({ kind: 'http', status: 429, body: { message: 'Rate limit would be exceeded' } }, false, pause);
			}
			await sleep(pause);
			waitedMs += pause;
		}
		// The caller's cap covers every attempt: a retry it refuses ends with the failure it answered.
		if (gate && !gate()) {
			if (lastFailure) return fail(lastFailure.failure, lastFailure.mayHaveBeenCreated);
			throw new RequestNotSentError('budget');
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
				lastFailure = { failure, mayHaveBeenCreated: !repeatable && !neverSent };
				await sleep(transportSettings.backoffMs * 2 ** (attempts - 1));
				continue;
			}
			return fail(failure, !repeatable && !neverSent);
		}

		const { value: body, nonJson } = parseBody(response.body);
		const status = response.statusCode;
		const serverTime = serverTimeOf(body, response.headers ?? {});
		const snapshot = readRateLimitHeaders(response.headers ?? {}, Date.now(), serverTime);
		rateLimits.update(trackerKey, snapshot);
		if (request.meter && snapshot) request.meter.rateLimit = snapshot;

		if (status >= 200 && status < 300 && !nonJson) {
			if (request.meter && request.meter.firstServerTime === undefined) {
				request.meter.firstServerTime = serverTime;
			}
			if (isDataObject(body) && body.success === false) {
				return fail({ kind: 'http', status: 400, body });
			}
			return unwrapEnvelope(body);
		}

		if (status === 429) {
			// A 429 is refused before any work is done, so even a POST may be sent again.
			const wait = retryAfterMs(response.headers ?? {}, body, Date.now()) ?? 60 * 1000;
			const exhausted = rateLimits.markExhausted(trackerKey, Math.max(wait, 1), Date.now());
			if (request.meter) request.meter.rateLimit = exhausted;
			// With a budget of its own, the caller stops here and resumes on a later run.
			if (gate) throw new RequestNotSentError('rateLimit');
			if (waitedMs + wait <= maxWait) continue;
			return fail({ kind: 'http', status, body, nonJson }, false, wait);
		}

		if (status >= 500 && repeatable && attempts < transportSettings.maxAttempts) {
			ambiguousEarlierAttempt = true;
			lastFailure = { failure: { kind: 'http', status, body, nonJson }, mayHaveBeenCreated: false };
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
