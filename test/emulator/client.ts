/** Typed HTTP client for the emulator's control API (/__emulator/…). */
import axios, { type AxiosInstance } from 'axios';
import type {
	AdvanceInterviewBody, Agent, ApiKey, BillingSystem, Candidate, Company, CreditPrice, FaultRule, Interview, Job,
	ListShape, Posting, RateLimitOptions, RequestLogEntry, SeedRequest, SeedResult, StateSummary,
} from './types';
import type {
	DeliveryStatus, Webhook, WebhookAttempt, WebhookDelivery, WebhookFailRule, WebhookOptions, WebhookTestResult,
} from './webhooks/types';

/** Narrow the webhook delivery log; every field must match exactly. */
export interface WebhookLogFilter {
	webhookId?: string;
	event?: string;
	deliveryId?: string;
}

export interface RequestFilter {
	method?: string;
	/** exact path, segment prefix, or a RegExp tested against the path */
	path?: string | RegExp;
	/** only requests whose authorization header carried a registered key */
	authOk?: boolean;
}

export class EmulatorClient {
	private readonly http: AxiosInstance;

	constructor(public readonly baseUrl: string) {
		this.http = axios.create({ baseURL: `${baseUrl}/__emulator`, validateStatus: () => true, proxy: false });
	}

	private async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, data?: unknown): Promise<T> {
		const res = await this.http.request({ method, url: path, data });
		if (res.status >= 400) {
			const msg = (res.data as { error?: string } | undefined)?.error ?? JSON.stringify(res.data);
			throw new Error(`emulator control ${method} ${path} failed (${res.status}): ${msg}`);
		}
		return res.data as T;
	}

	/** Wipe data, request log, faults, rate counters and clock offset; keeps options; re-adds the demo key. */
	async reset(): Promise<void> {
		await this.call('POST', '/reset');
	}
	addApiKey(k: { key: string; scopes: string[]; companyId?: string; ats?: boolean }): Promise<ApiKey> {
		return this.call('POST', '/api-keys', k);
	}
	seed(req: SeedRequest): Promise<SeedResult> {
		return this.call('POST', '/seed', req);
	}
	createAgent(p: Partial<Agent> = {}): Promise<Agent> {
		return this.call('POST', '/agents', p);
	}
	createJob(p: Partial<Job> = {}): Promise<Job> {
		return this.call('POST', '/jobs', p);
	}
	createCandidate(p: Partial<Candidate> = {}): Promise<Candidate> {
		return this.call('POST', '/candidates', p);
	}
	createInterview(p: Partial<Interview> = {}): Promise<Interview> {
		return this.call('POST', '/interviews', p);
	}
	advanceInterview(id: string, body: AdvanceInterviewBody): Promise<Interview> {
		return this.call('POST', `/interviews/${encodeURIComponent(id)}/advance`, body);
	}
	/**
	 * Add a company, or update one by id (e.g. switch the default company to `credits`). `atsKey` makes it
	 * one of the companies that ATS key manages (its GET /billing/usage lists it).
	 */
	addCompany(p: { id?: string; name?: string; billingSystem?: BillingSystem; atsKey?: string | null; creditPrices?: Partial<Record<Agent['focus'], CreditPrice>> }): Promise<Company> {
		return this.call('POST', '/companies', p);
	}
	companies(): Promise<Company[]> {
		return this.call('GET', '/companies');
	}
	/**
	 * Add (or replace) a canned job posting at `<emulator url>/postings/<slug>`; returns it with its `url`,
	 * which POST /jobs/url accepts. `job: null` is a page without a job (extraction fails with 422).
	 */
	addPosting(slug: string, job: Partial<Job> | null): Promise<Posting & { url: string }> {
		return this.call('POST', '/postings', { slug, job });
	}
	postings(): Promise<Array<Posting & { url: string }>> {
		return this.call('GET', '/postings');
	}
	/** URL of a posting slug on this emulator (defaults: backend-engineer, barista, not-a-job). */
	postingUrl(slug: string): string {
		return `${this.baseUrl}/postings/${slug}`;
	}
	async addFault(f: FaultRule): Promise<void> {
		await this.call('POST', '/faults', f);
	}
	async clearFaults(): Promise<void> {
		await this.call('DELETE', '/faults');
	}
	async requests(filter: RequestFilter = {}): Promise<RequestLogEntry[]> {
		const all = await this.call<RequestLogEntry[]>('GET', '/requests');
		return all.filter((r) => {
			if (filter.method && r.method !== filter.method.toUpperCase()) return false;
			if (filter.authOk !== undefined && r.authOk !== filter.authOk) return false;
			if (filter.path instanceof RegExp) return filter.path.test(r.path);
			if (typeof filter.path === 'string') return r.path === filter.path || r.path.startsWith(`${filter.path}/`);
			return true;
		});
	}
	async clearRequests(): Promise<void> {
		await this.call('DELETE', '/requests');
	}
	/** Shift the emulator clock forward (negative = backward); returns the new emulator time. */
	async advanceClock(ms: number): Promise<string> {
		return (await this.call<{ now: string }>('POST', '/clock', { advanceMs: ms })).now;
	}
	/** Set the emulator clock to an absolute ISO time; returns the new emulator time. */
	async setClock(iso: string): Promise<string> {
		return (await this.call<{ now: string }>('POST', '/clock', { set: iso })).now;
	}
	/** Current emulator time (ISO string). */
	async now(): Promise<string> {
		return (await this.call<{ now: string }>('GET', '/clock')).now;
	}
	setRateLimit(r: RateLimitOptions): Promise<Required<RateLimitOptions>> {
		return this.call('POST', '/rate-limit', r);
	}
	setOptions(o: { listShape?: ListShape; bareResponses?: boolean }): Promise<{ listShape: ListShape; bareResponses: boolean }> {
		return this.call('POST', '/options', o);
	}
	getState(): Promise<StateSummary> {
		return this.call('GET', '/state');
	}

	// ---- webhooks (see README.md, "Webhooks") --------------------------------------
	/** Every live webhook with its internals: owning `apiKey`, `signingSecret`, unmasked header values. */
	webhooks(): Promise<Webhook[]> {
		return this.call('GET', '/webhooks');
	}
	webhookDeliveries(filter: WebhookLogFilter & { status?: DeliveryStatus } = {}): Promise<WebhookDelivery[]> {
		return this.call('GET', `/webhooks/deliveries${query(filter)}`);
	}
	/** Every attempt made (oldest first), with the headers sent, status code, error and timing. */
	webhookAttempts(filter: WebhookLogFilter = {}): Promise<WebhookAttempt[]> {
		return this.call('GET', `/webhooks/attempts${query(filter)}`);
	}
	/** Poll the attempt log until at least `count` attempts match (default timeout 5 s). */
	async waitForWebhookAttempts(count: number, filter: WebhookLogFilter = {}, timeoutMs = 5000): Promise<WebhookAttempt[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.webhookAttempts(filter);
			if (list.length >= count) return list;
			if (Date.now() > deadline) throw new Error(`expected ${count} webhook attempts matching ${JSON.stringify(filter)} within ${timeoutMs} ms, got ${list.length}`);
			await new Promise((r) => setTimeout(r, 20));
		}
	}
	async clearWebhookAttempts(): Promise<void> {
		await this.call('DELETE', '/webhooks/attempts');
	}
	/** Send a delivery again now (same deliveryId and body); `{ held: true }` while deliveries are held. */
	redeliverWebhook(deliveryId: string): Promise<WebhookAttempt | { held: true }> {
		return this.call('POST', `/webhooks/deliveries/${encodeURIComponent(deliveryId)}/redeliver`);
	}
	/** Queue every new delivery (and due retry) without sending it, until releaseWebhooks(). */
	async holdWebhooks(): Promise<void> {
		await this.call('POST', '/webhooks/hold');
	}
	/** Send everything held (asynchronously); returns how many were released. */
	async releaseWebhooks(): Promise<number> {
		return (await this.call<{ released: number }>('POST', '/webhooks/release')).released;
	}
	/** Make the next `times` attempts fail without sending (HTTP `status`, default 500, or a network `error`). */
	async failWebhookDeliveries(rule: WebhookFailRule = {}): Promise<void> {
		await this.call('POST', '/webhooks/fail', rule);
	}
	async clearWebhookFailures(): Promise<void> {
		await this.call('DELETE', '/webhooks/fail');
	}
	/** The test endpoint without an API key: ping delivery, first attempt awaited. */
	pingWebhook(webhookId: string): Promise<WebhookTestResult> {
		return this.call('POST', `/webhooks/${encodeURIComponent(webhookId)}/ping`);
	}
	/** Fire an event: with `interviewId` the documented payload of that interview, else `data` as given. */
	async emitWebhookEvent(e: { event: string; interviewId?: string; companyId?: string; data?: Record<string, unknown> }): Promise<string[]> {
		return (await this.call<{ deliveryIds: string[] }>('POST', '/webhooks/emit', e)).deliveryIds;
	}
	setWebhookOptions(o: WebhookOptions): Promise<Required<WebhookOptions>> {
		return this.call('POST', '/webhooks/options', o);
	}
	getWebhookOptions(): Promise<Required<WebhookOptions>> {
		return this.call('GET', '/webhooks/options');
	}
	/** True when nothing is scheduled, held or in flight. */
	async webhooksIdle(): Promise<boolean> {
		return (await this.call<{ idle: boolean }>('GET', '/webhooks/idle')).idle;
	}
}

function query(filter: object): string {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(filter)) if (typeof v === 'string') q.set(k, v);
	const text = q.toString();
	return text ? `?${text}` : '';
}
