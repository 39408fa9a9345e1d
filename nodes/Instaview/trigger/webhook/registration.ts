import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_NAME, instaviewApiRequest, isDataObject } from '../../transport';
import { sameEvents, subscriptionEvents, PING_EVENT } from './events';
import { generateSecret, REGISTRATION_HEADER } from './verify';

/**
 * The InstaView webhook this node registered, kept in the node's static data (n8n saves it
 * after `create` and `delete` at activation and deactivation). The id is the only proof that a
 * webhook is ours: nothing is ever changed or deleted by URL or name alone.
 */
export interface Registration {
	webhookId: string;
	secret: string;
	url: string;
	events: string[];
}

const MAX_NAME_LENGTH = 255;

export function readRegistration(staticData: IDataObject): Registration | undefined {
	const stored = staticData.registration;
	if (!isDataObject(stored)) return undefined;
	const { webhookId, secret, url, events } = stored;
	if (typeof webhookId !== 'string' || !webhookId || typeof secret !== 'string' || !secret || typeof url !== 'string') return undefined;
	return { webhookId, secret, url, events: Array.isArray(events) ? events.map(String) : [] };
}

function clearRegistration(staticData: IDataObject): void {
	delete staticData.registration;
	delete staticData.deliveries;
}

function httpCodeOf(error: unknown): string | undefined {
	return error instanceof NodeApiError ? error.httpCode ?? undefined : undefined;
}

function webhookPath(id: string, action = ''): string {
	return `/webhooks/${encodeURIComponent(id)}${action}`;
}

/** The webhook URL and events this node should be registered with right now. */
function wanted(context: IHookFunctions): { url: string; events: string[] } {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL for this node');
	return { url, events: subscriptionEvents(context.getNodeParameter('events', []) as unknown) };
}

/** Deletes our own stale webhook; a failure only leaves it behind (it cannot start anything: its secret is forgotten). */
async function deleteQuietly(context: IHookFunctions, webhookId: string): Promise<void> {
	try {
		await instaviewApiRequest.call(context, { method: 'DELETE', path: webhookPath(webhookId), subject: `webhook ${webhookId}` });
	} catch {
		// 404: already gone; anything else: left behind, see above
	}
}

/**
 * Whether our registration is live for this URL and these events. A stale one of ours (other
 * URL or events, e.g. after WEBHOOK_URL changed) is deleted so that `create` replaces it; a
 * disabled one (circuit opened after failed deliveries, or switched off in InstaView) is
 * switched on again with reset-circuit, since an active workflow wants its events.
 */
export async function webhookExists(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const registration = readRegistration(staticData);
	if (!registration) return false;
	const target = wanted(this);
	if (registration.url !== target.url || !sameEvents(registration.events, target.events)) {
		await deleteQuietly(this, registration.webhookId);
		clearRegistration(staticData);
		return false;
	}
	let config: unknown;
	try {
		config = await instaviewApiRequest.call(this, {
			method: 'GET',
			path: webhookPath(registration.webhookId),
			subject: `webhook ${registration.webhookId}`,
		});
	} catch (error) {
		// 404: deleted in InstaView. 403: it belongs to another API key now (the key was
		// replaced); it is not ours to change, and its deliveries carry a forgotten secret.
		const code = httpCodeOf(error);
		if (code === '404' || code === '403') {
			clearRegistration(staticData);
			return false;
		}
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	if (!isDataObject(config) || config.url !== target.url || !sameEvents(config.events, target.events)) {
		await deleteQuietly(this, registration.webhookId);
		clearRegistration(staticData);
		return false;
	}
	if (config.isActive === false || (config.circuitOpenedAt !== null && config.circuitOpenedAt !== undefined)) {
		try {
			await instaviewApiRequest.call(this, {
				method: 'POST',
				path: webhookPath(registration.webhookId, '/reset-circuit'),
				subject: `webhook ${registration.webhookId}`,
			});
		} catch {
			await deleteQuietly(this, registration.webhookId);
			clearRegistration(staticData);
			return false;
		}
	}
	return true;
}

function registrationName(context: IHookFunctions): string {
	const workflow = context.getWorkflow();
	const name = `n8n: ${workflow.name ?? 'workflow'} (${workflow.id ?? '?'}) / ${context.getNode().name}`;
	return name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH - 1)}…` : name;
}

function redactSecret(error: unknown, secret: string): unknown {
	if (!(error instanceof Error)) return error;
	const clean = (text: unknown) => (typeof text === 'string' ? text.split(secret).join('[redacted]') : text);
	error.message = clean(error.message) as string;
	if ('description' in error) (error as { description: unknown }).description = clean((error as { description: unknown }).description);
	return error;
}

/** Registers one InstaView webhook for n8n's URL, with a fresh secret header, and keeps its id and secret. */
export async function createWebhook(this: IHookFunctions): Promise<boolean> {
	const target = wanted(this);
	if (!target.events.some((event) => event !== PING_EVENT)) {
		throw new NodeOperationError(this.getNode(), 'No event chosen', {
			description: 'Choose at least one event under "Events".',
		});
	}
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const companyId = typeof credentials.companyId === 'string' ? credentials.companyId.trim() : '';
	const secret = generateSecret();
	const body: IDataObject = {
		url: target.url,
		events: target.events,
		name: registrationName(this),
		description: 'Created by the InstaView webhook trigger in n8n; deleted when the workflow is deactivated.',
		headers: [{ name: REGISTRATION_HEADER, value: secret }],
		// Without it an ATS key's webhook would receive every company's events.
		...(companyId ? { companyId } : {}),
	};
	let created: unknown;
	try {
		created = await instaviewApiRequest.call(this, { method: 'POST', path: '/webhooks', body, subject: 'the webhook' });
	} catch (error) {
		if (httpCodeOf(error) === '400' && !/^https:\/\//i.test(target.url)) {
			throw new NodeOperationError(this.getNode(), 'InstaView accepts only HTTPS webhook URLs', {
				description: `n8n's webhook URL for this node is ${target.url}. Give n8n a public HTTPS address (set WEBHOOK_URL, e.g. behind a reverse proxy or a tunnel), or use the InstaView Polling Trigger, which needs no inbound connection.`,
			});
		}
		throw redactSecret(error, secret);
	}
	const webhookId = isDataObject(created) && typeof created.id === 'string' ? created.id : '';
	if (!webhookId) {
		throw new NodeOperationError(this.getNode(), 'InstaView did not return the id of the new webhook', {
			description: 'Check the webhooks of this API key in InstaView and delete any that point to this workflow, then activate again.',
		});
	}
	const staticData = this.getWorkflowStaticData('node');
	clearRegistration(staticData);
	staticData.registration = { webhookId, secret, url: target.url, events: target.events };
	return true;
}

/** Deletes our webhook by its stored id; one already gone counts as deleted. */
export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const registration = readRegistration(staticData);
	if (!registration) return true;
	try {
		await instaviewApiRequest.call(this, {
			method: 'DELETE',
			path: webhookPath(registration.webhookId),
			subject: `webhook ${registration.webhookId}`,
		});
	} catch (error) {
		const code = httpCodeOf(error);
		// Keep the registration on other failures: the next activation finds and reuses it.
		if (code !== '404' && code !== '403') return false;
	}
	clearRegistration(staticData);
	return true;
}
