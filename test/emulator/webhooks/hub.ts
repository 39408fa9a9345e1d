/**
 * Webhook configs and the delivery engine: events → deliveries → real HTTP POSTs, retries with
 * back-off, the circuit breaker, and the hold / fail / redeliver test controls. Deliveries always run
 * outside the API request that caused them (a timer), except the first attempt of POST /webhooks/{id}/test.
 */
import { randomUUID } from 'node:crypto';
import type { EmulatorState } from '../store';
import type { Interview } from '../types';
import { ANALYSIS_EVENTS, STATUS_EVENTS, eventData } from './events';
import { isLoopbackHost, postJson, type Sending } from './send';
import type {
	DeliveryStatus, Webhook, WebhookAttempt, WebhookDelivery, WebhookFailRule, WebhookOptions, WebhookTestResult,
} from './types';

export const DEFAULT_WEBHOOK_OPTIONS: Required<WebhookOptions> = {
	allowLoopbackHttp: false,
	retryDelaysMs: [2000, 10000, 60000],
	timeoutMs: 30000,
	maxRetries: 3,
	failureThreshold: 5,
	allowExternalDelivery: false,
};

type HeldItem = { deliveryId: string; redelivery: boolean };
type ActiveFailRule = WebhookFailRule & { remaining: number };

export class WebhookHub {
	webhooks = new Map<string, Webhook>();
	/** insertion order = creation order */
	deliveries = new Map<string, WebhookDelivery>();
	attempts: WebhookAttempt[] = [];
	options: Required<WebhookOptions> = { ...DEFAULT_WEBHOOK_OPTIONS, retryDelaysMs: [...DEFAULT_WEBHOOK_OPTIONS.retryDelaysMs] };
	holding = false;
	private heldQueue: HeldItem[] = [];
	private failRules: ActiveFailRule[] = [];
	private timers = new Map<string, NodeJS.Timeout>();
	private inFlight = new Set<Sending>();
	/** bumped by reset(): outcomes of attempts started before it are ignored */
	private generation = 0;

	constructor(private readonly state: EmulatorState) {}

	configure(o: WebhookOptions): Required<WebhookOptions> {
		this.options = { ...this.options, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) };
		return this.options;
	}

	/** Drop webhooks, deliveries, the log, hold, fail rules; abort attempts in flight. Options are kept. */
	reset(): void {
		this.generation += 1;
		for (const t of this.timers.values()) clearTimeout(t);
		this.timers.clear();
		for (const s of this.inFlight) s.abort();
		this.inFlight.clear();
		this.webhooks.clear();
		this.deliveries.clear();
		this.attempts = [];
		this.holding = false;
		this.heldQueue = [];
		this.failRules = [];
	}

	// ---- events ------------------------------------------------------------

	private muted = false;

	/** Run `fn` without firing events (seeding builds past states; nothing "happens" then). */
	silently<T>(fn: () => T): T {
		const was = this.muted;
		this.muted = true;
		try {
			return fn();
		} finally {
			this.muted = was;
		}
	}

	/** Called by the lifecycle after an interview changed: fires the matching events. */
	interviewChanged(iv: Interview, status: string | undefined, analysisStatus: number | undefined): void {
		if (this.muted) return;
		const events = [status && STATUS_EVENTS[status], analysisStatus !== undefined && ANALYSIS_EVENTS[analysisStatus]];
		for (const event of events) if (event) this.emit(event, iv.companyId, () => eventData(this.state, event, iv));
	}

	/** Create one delivery per subscribed, active webhook that sees `companyId`; returns their ids. */
	emit(event: string, companyId: string | null, data: () => Record<string, unknown>): string[] {
		const ids: string[] = [];
		let shared: Record<string, unknown> | undefined;
		for (const wh of this.webhooks.values()) {
			if (!this.subscribed(wh, event, companyId) || !this.deliverable(wh)) continue;
			shared ??= data();
			const d = this.createDelivery(wh, event, companyId, shared);
			ids.push(d.deliveryId);
			this.schedule(d, 0);
		}
		return ids;
	}

	private subscribed(wh: Webhook, event: string, companyId: string | null): boolean {
		if (wh.deletedAt || !wh.events.includes(event)) return false;
		if (wh.companyId !== null) return wh.companyId === companyId;
		// a global webhook: every company its key can reach (an ATS key: every company)
		const key = this.state.apiKeys.get(wh.apiKey);
		return !!key && (key.ats || key.companyId === companyId);
	}

	private deliverable(wh: Webhook): boolean {
		return !wh.deletedAt && wh.isActive && wh.circuitOpenedAt === null;
	}

	private createDelivery(wh: Webhook, event: string, companyId: string | null, data: Record<string, unknown>): WebhookDelivery {
		const deliveryId = randomUUID();
		const d: WebhookDelivery = {
			deliveryId,
			webhookId: wh.id,
			event,
			companyId,
			payload: { event, timestamp: this.state.nowIso(), deliveryId, data },
			status: 'pending',
			attemptCount: 0,
			nextAttemptAt: null,
			cancelReason: null,
			createdAt: this.state.nowIso(),
		};
		this.deliveries.set(deliveryId, d);
		return d;
	}

	// ---- test (ping) ----------------------------------------------------------

	/** POST /webhooks/{id}/test: a ping delivery whose first attempt is awaited; later retries run as usual. */
	async test(wh: Webhook): Promise<WebhookTestResult> {
		if (!wh.events.includes('ping')) return { success: false, message: 'Webhook is not subscribed to the ping event' };
		if (!this.deliverable(wh)) return { success: false, message: 'No delivery created: the webhook is disabled or its circuit is open' };
		const d = this.createDelivery(wh, 'ping', wh.companyId, { webhookId: wh.id, message: 'Test delivery from InstaView' });
		const a = await this.dispatch(d);
		if (!a) return { success: false, message: 'No delivery made: delivery queued (held by the emulator)' };
		if (a.ok) return { success: true, deliveryId: d.deliveryId, httpStatus: a.statusCode!, durationMs: a.durationMs, message: 'Test webhook delivered successfully' };
		const why = a.statusCode !== null ? `endpoint answered HTTP ${a.statusCode}` : a.error!.startsWith('timeout') ? `connection timeout (${a.error})` : `connection failed (${a.error})`;
		return { success: false, message: `Test webhook failed: ${why}` };
	}

	// ---- delivery engine -------------------------------------------------------

	private schedule(d: WebhookDelivery, delayMs: number): void {
		const t = setTimeout(() => {
			this.timers.delete(d.deliveryId);
			void this.dispatch(d);
		}, delayMs);
		t.unref();
		this.timers.set(d.deliveryId, t);
	}

	private cancel(d: WebhookDelivery, reason: string): void {
		const t = this.timers.get(d.deliveryId);
		if (t) clearTimeout(t);
		this.timers.delete(d.deliveryId);
		this.heldQueue = this.heldQueue.filter((h) => h.deliveryId !== d.deliveryId);
		d.status = 'cancelled';
		d.cancelReason = reason;
		d.nextAttemptAt = null;
	}

	/** Cancel every delivery of a webhook that has not finished (delete, circuit opening). */
	cancelPending(webhookId: string, reason: string): void {
		for (const d of this.deliveries.values()) {
			if (d.webhookId === webhookId && isOpen(d.status)) this.cancel(d, reason);
		}
	}

	/** One automatic attempt (first or retry); undefined when nothing was sent (held or cancelled). */
	private async dispatch(d: WebhookDelivery): Promise<WebhookAttempt | undefined> {
		const wh = this.webhooks.get(d.webhookId);
		if (!wh || wh.deletedAt) return void this.cancel(d, 'webhook deleted');
		if (!this.deliverable(wh)) return void this.cancel(d, wh.isActive ? 'circuit open' : 'webhook disabled');
		if (this.holding) {
			d.status = 'held';
			d.nextAttemptAt = null;
			this.heldQueue.push({ deliveryId: d.deliveryId, redelivery: false });
			return undefined;
		}
		const gen = this.generation;
		const a = await this.attempt(d, wh, false);
		if (gen !== this.generation || d.status === 'cancelled') return a;
		if (a.ok) {
			d.status = 'succeeded';
			d.nextAttemptAt = null;
		} else if (!this.deliverable(wh)) {
			// disabled while the attempt was in flight (deletion and an opening circuit cancel at once)
			this.cancel(d, wh.deletedAt ? 'webhook deleted' : wh.isActive ? 'circuit open' : 'webhook disabled');
		} else if (d.attemptCount <= this.options.maxRetries) {
			const delays = this.options.retryDelaysMs;
			const delay = delays[Math.min(d.attemptCount - 1, delays.length - 1)] ?? 0;
			d.status = 'retrying';
			d.nextAttemptAt = new Date(this.state.nowMs() + delay).toISOString();
			this.schedule(d, delay);
		} else if (isOpen(d.status)) {
			d.status = 'failed';
			d.nextAttemptAt = null;
		}
		return a;
	}

	/** Make one HTTP attempt (or a simulated one), log it and update the circuit breaker. */
	private async attempt(d: WebhookDelivery, wh: Webhook, redelivery: boolean): Promise<WebhookAttempt> {
		const body = JSON.stringify(d.payload);
		const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
		for (const h of wh.headers) headers[h.name] = h.value;
		d.attemptCount += 1;
		const rec: WebhookAttempt = {
			deliveryId: d.deliveryId, webhookId: wh.id, event: d.event, attempt: d.attemptCount, redelivery, url: wh.url, headers,
			startedAt: this.state.nowIso(), durationMs: 0, statusCode: null, error: null, ok: false, simulated: false, responseBody: null,
		};
		const gen = this.generation;
		const rule = this.takeFailRule(wh.id);
		if (rule) {
			rec.simulated = true;
			if (rule.error) rec.error = rule.error === 'timeout' ? `timeout after ${this.options.timeoutMs} ms (simulated)` : 'ECONNREFUSED (simulated)';
			else rec.statusCode = rule.status ?? 500;
		} else if (!this.options.allowExternalDelivery && !isLoopbackHost(new URL(wh.url).hostname)) {
			rec.error = 'EHOSTUNREACH: the emulator delivers only to loopback hosts (allowExternalDelivery is off)';
		} else {
			const sending = postJson(wh.url, headers, body, this.options.timeoutMs);
			this.inFlight.add(sending);
			const out = await sending.done;
			this.inFlight.delete(sending);
			Object.assign(rec, { statusCode: out.statusCode, error: out.error, responseBody: out.responseBody, durationMs: out.durationMs });
		}
		rec.ok = rec.statusCode !== null && rec.statusCode >= 200 && rec.statusCode < 300;
		if (gen !== this.generation) return rec;
		this.attempts.push(rec);
		if (rec.ok) wh.consecutiveFailures = 0;
		else {
			wh.consecutiveFailures += 1;
			if (wh.consecutiveFailures >= this.options.failureThreshold && wh.circuitOpenedAt === null) {
				wh.circuitOpenedAt = this.state.nowIso();
				wh.isActive = false;
				this.cancelPending(wh.id, 'circuit open');
			}
		}
		return rec;
	}

	private takeFailRule(webhookId: string): ActiveFailRule | undefined {
		const i = this.failRules.findIndex((r) => !r.webhookId || r.webhookId === webhookId);
		if (i < 0) return undefined;
		const r = this.failRules[i];
		r.remaining -= 1;
		if (r.remaining <= 0) this.failRules.splice(i, 1);
		return r;
	}

	// ---- controls ------------------------------------------------------------------

	addFailRule(r: WebhookFailRule): void {
		this.failRules.push({ ...r, remaining: r.times ?? 1 });
	}
	clearFailRules(): void {
		this.failRules = [];
	}
	hold(): void {
		this.holding = true;
	}

	/** Stop holding and send everything held, in order (asynchronously). Returns how many were released. */
	release(): number {
		this.holding = false;
		const items = this.heldQueue;
		this.heldQueue = [];
		for (const item of items) {
			const d = this.deliveries.get(item.deliveryId);
			if (!d) continue;
			if (item.redelivery) this.redeliver(d.deliveryId).catch(() => undefined); // webhook deleted meanwhile: nothing to send
			else this.schedule(d, 0);
		}
		return items.length;
	}

	/**
	 * Send a delivery again now: same deliveryId, byte-identical body, the webhook's current URL and
	 * headers; sent even when the webhook is disabled or its circuit is open (not when deleted).
	 */
	async redeliver(deliveryId: string): Promise<WebhookAttempt | { held: true }> {
		const d = this.deliveries.get(deliveryId);
		if (!d) throw new Error(`unknown deliveryId ${deliveryId}`);
		const wh = this.webhooks.get(d.webhookId);
		if (!wh || wh.deletedAt) throw new Error(`webhook ${d.webhookId} was deleted`);
		if (this.holding) {
			this.heldQueue.push({ deliveryId, redelivery: true });
			return { held: true };
		}
		const a = await this.attempt(d, wh, true);
		if (a.ok && d.status !== 'succeeded') {
			const t = this.timers.get(d.deliveryId);
			if (t) clearTimeout(t);
			this.timers.delete(d.deliveryId);
			d.status = 'succeeded';
			d.nextAttemptAt = null;
		}
		return a;
	}

	/** Nothing scheduled, held or in flight. */
	idle(): boolean {
		return this.timers.size === 0 && this.inFlight.size === 0 && this.heldQueue.length === 0;
	}
}

function isOpen(s: DeliveryStatus): boolean {
	return s === 'pending' || s === 'held' || s === 'retrying';
}
