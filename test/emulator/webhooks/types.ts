/** Types of the emulator's webhooks: configs, deliveries, attempts, options (see README.md, "Webhooks"). */

export interface WebhookOptions {
	/** accept `http://` URLs whose host is loopback (127.0.0.0/8, localhost, [::1]); default false (HTTPS only) */
	allowLoopbackHttp?: boolean;
	/** wait before retry 1, 2, 3…; the last value repeats; default [2000, 10000, 60000] */
	retryDelaysMs?: number[];
	/** per-attempt timeout, also reported as the config's `timeoutMs`; default 30000 */
	timeoutMs?: number;
	/** retries after the first attempt, reported as `maxRetries`; default 3 */
	maxRetries?: number;
	/** consecutive failed attempts that open the circuit; default 5 */
	failureThreshold?: number;
	/** really POST to non-loopback hosts; default false (such attempts fail without a connection) */
	allowExternalDelivery?: boolean;
}

export interface WebhookHeader {
	name: string;
	value: string;
}

/** Stored webhook config. `apiKey` and `signingSecret` are internal (never in an API read). */
export interface Webhook {
	id: string;
	apiKey: string;
	apiKeyId: string;
	companyId: string | null;
	url: string;
	name: string | null;
	description: string | null;
	headers: WebhookHeader[];
	/** dotted event names, e.g. `analysis.completed` */
	events: string[];
	isActive: boolean;
	consecutiveFailures: number;
	circuitOpenedAt: string | null;
	signingSecret: string;
	createdAt: string;
	updatedAt: string;
	deletedAt?: string | null;
}

export interface WebhookPayload {
	event: string;
	timestamp: string;
	deliveryId: string;
	data: Record<string, unknown>;
}

/**
 * pending: waiting for its first attempt; held: queued by the hold control; retrying: a retry is scheduled;
 * succeeded / failed (retries exhausted) / cancelled (webhook deleted, disabled or circuit open).
 */
export type DeliveryStatus = 'pending' | 'held' | 'retrying' | 'succeeded' | 'failed' | 'cancelled';

export interface WebhookDelivery {
	deliveryId: string;
	webhookId: string;
	event: string;
	/** company the event belongs to (null for ping and company-less emitted events) */
	companyId: string | null;
	payload: WebhookPayload;
	status: DeliveryStatus;
	/** attempts made so far (automatic ones and redeliveries) */
	attemptCount: number;
	/** ISO time (emulator clock) of the scheduled retry, when status is `retrying` */
	nextAttemptAt: string | null;
	cancelReason: string | null;
	createdAt: string;
}

export interface WebhookAttempt {
	deliveryId: string;
	webhookId: string;
	event: string;
	/** 1-based number of this attempt within its delivery */
	attempt: number;
	/** true when made by the redeliver control call */
	redelivery: boolean;
	url: string;
	/** request headers as sent (custom header values included, unmasked) */
	headers: Record<string, string>;
	/** ISO time (emulator clock) the attempt started */
	startedAt: string;
	durationMs: number;
	/** HTTP status received; null on timeout or connection error */
	statusCode: number | null;
	/** e.g. `timeout after 30000 ms`, `ECONNREFUSED`; null when a response arrived */
	error: string | null;
	ok: boolean;
	/** true when a fail rule produced the outcome and nothing was sent */
	simulated: boolean;
	/** first 2 KB of the receiver's response body */
	responseBody: string | null;
}

/** Make the next `times` outgoing attempts fail without sending anything. */
export interface WebhookFailRule {
	/** default 1 */
	times?: number;
	/** only attempts for this webhook */
	webhookId?: string;
	/** HTTP status to pretend the receiver answered (default 500, unless `error` is set) */
	status?: number;
	/** pretend a network failure instead of an HTTP answer */
	error?: 'timeout' | 'connection';
}

/** What POST /webhooks/{id}/test answers inside `data` (and the ping control call returns). */
export interface WebhookTestResult {
	success: boolean;
	deliveryId?: string;
	httpStatus?: number;
	durationMs?: number;
	message: string;
}
