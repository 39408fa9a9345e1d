/**
 * Shared set-up for the InstaView Webhook Trigger tests: real registrations in the emulator, and
 * real deliveries from it to a loopback server that hands each request to the node's webhook().
 */
import type { IDataObject } from 'n8n-workflow';

import { InstaviewWebhookTrigger } from '../../../../../nodes/Instaview/InstaviewWebhookTrigger.node';
import { DEMO_API_KEY, useEmulator } from '../../../../helpers/instaview';
import { createHookContext, startNodeReceiver, type NodeReceiver } from '../../../../helpers/webhookContext';

export const node = new InstaviewWebhookTrigger();
export const methods = node.webhookMethods.default;

export interface Activated {
	receiver: NodeReceiver;
	staticData: IDataObject;
	parameters: Record<string, unknown>;
	hook: ReturnType<typeof createHookContext>;
}

/** One emulator per file (demo data, fast delivery retries); receivers are closed after each test. */
export function useWebhookTrigger() {
	const env = useEmulator({ webhooks: { allowLoopbackHttp: true, retryDelaysMs: [100, 200, 300] } });
	const open: NodeReceiver[] = [];
	afterEach(async () => {
		for (const receiver of open.splice(0)) await receiver.close();
	});

	const credentials = () => ({ apiKey: DEMO_API_KEY, baseUrl: env.emulator.url });

	/** Activates the trigger as n8n does (checkExists, then create) with a receiver at its URL. */
	async function activate(parameters: Record<string, unknown> = { events: ['analysis.completed'], options: {} }): Promise<Activated> {
		const staticData: IDataObject = {};
		const receiver = await startNodeReceiver(node, { parameters, credentials: credentials(), staticData });
		open.push(receiver);
		const hook = createHookContext({ parameters, credentials: credentials(), staticData, webhookUrl: receiver.url });
		expect(await methods.checkExists.call(hook)).toBe(false);
		expect(await methods.create.call(hook)).toBe(true);
		return { receiver, staticData, parameters, hook };
	}

	async function completeAnalysis(interviewId: string, overallRating = 88): Promise<void> {
		await env.emulator.control.advanceInterview(interviewId, { status: 'COMPLETED', analysisStatus: 3, overallRating });
	}

	/** Waits until `handled` requests reached the node, then a little longer for a stray extra one. */
	async function settle(a: Activated, handled: number): Promise<void> {
		await a.receiver.waitFor(handled);
		await new Promise((resolve) => setTimeout(resolve, 150));
	}

	return { env, credentials, activate, completeAnalysis, settle };
}

export const registrationOf = (a: Activated) => a.staticData.registration as { webhookId: string; secret: string };
