/** InstaView API emulator: public entry point (see README.md). */
import type { AddressInfo } from 'node:net';
import { EmulatorClient } from './client';
import { seedDemo } from './seed';
import { createHttpServer } from './server';
import { EmulatorState } from './store';
import type { EmulatorOptions, RuntimeOptions } from './types';

export type {
	AdvanceInterviewBody, Agent, Analysis, ApiKey, BillingSystem, CallAttempt, Candidate, Company, CreditPrice, EmulatorOptions,
	FaultRule, Interview, Job, ListShape, Posting, RateLimitOptions, RequestLogEntry, SeedRequest, SeedResult, StateSummary,
} from './types';
export { EmulatorClient, type RequestFilter } from './client';
export { EmulatorState, DEMO_API_KEY, ALL_SCOPES, DEFAULT_COMPANY_ID, DEFAULT_PHONE_NUMBER_ID } from './store';
export { DEMO_IDS } from './seed';
export { DEFAULT_CREDIT_PRICES } from './companies';
export { DEFAULT_POSTINGS } from './postings';
export { buildAnalysisPdf } from './pdf';
export type {
	DeliveryStatus, Webhook, WebhookAttempt, WebhookDelivery, WebhookFailRule, WebhookHeader, WebhookOptions, WebhookPayload,
	WebhookTestResult,
} from './webhooks/types';
export { WEBHOOK_EVENTS } from './webhooks/events';
export { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './webhooks/receiver';

export interface Emulator {
	/** e.g. http://127.0.0.1:43123 (no trailing slash) */
	url: string;
	/** typed client for the control API */
	control: EmulatorClient;
	/** in-process direct access to the store, for fast test setup */
	state: EmulatorState;
	close(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
	const options: RuntimeOptions = {
		listShape: opts.listShape ?? 'nested',
		bareResponses: false,
		rateLimit: {
			perMinute: opts.rateLimit?.perMinute ?? 60,
			perHour: opts.rateLimit?.perHour ?? 2000,
			windowMs: opts.rateLimit?.windowMs ?? 60000,
			hourWindowMs: opts.rateLimit?.hourWindowMs ?? 3600000,
		},
	};
	const state = new EmulatorState(options);
	if (opts.webhooks) state.webhooks.configure(opts.webhooks);
	if (opts.seedDemo) state.webhooks.silently(() => seedDemo(state));
	const server = createHttpServer(state);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	state.publicUrl = url;
	return {
		url,
		control: new EmulatorClient(url),
		state,
		close: () =>
			new Promise<void>((resolve, reject) => {
				state.webhooks.reset(); // stops retry timers and aborts deliveries in flight
				server.close((err) => (err ? reject(err) : resolve()));
				server.closeAllConnections();
			}),
	};
}
