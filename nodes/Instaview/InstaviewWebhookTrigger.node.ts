import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { searchAgents, searchJobs } from './methods/listSearch';
import { eventsField, webhookOptions } from './trigger/webhook/fields';
import { receiveDelivery } from './trigger/webhook/receive';
import { createWebhook, deleteWebhook, webhookExists } from './trigger/webhook/registration';

/**
 * Starts a workflow the moment InstaView reports an event. InstaView pushes it to n8n's webhook
 * URL, so this needs an n8n that InstaView can reach over HTTPS; the polling InstaView Trigger
 * is the fallback for one it cannot. Registration is in trigger/webhook/registration.ts, the
 * handling of a delivery in trigger/webhook/receive.ts.
 */
export class InstaviewWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'InstaView Webhook Trigger',
		name: 'instaviewWebhookTrigger',
		icon: { light: 'file:instaview.svg', dark: 'file:instaview.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow at once when InstaView reports an interview or analysis event (needs an n8n InstaView can reach)',
		defaults: { name: 'InstaView Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'instaviewApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'InstaView must reach this n8n over HTTPS at its webhook URL. If it cannot (n8n behind a firewall, no public address), use the InstaView Polling Trigger instead.',
				name: 'reachabilityNotice',
				type: 'notice',
				default: '',
			},
			eventsField,
			webhookOptions,
		],
	};

	methods = { listSearch: { searchAgents, searchJobs } };

	webhookMethods = {
		default: {
			checkExists: async function (this: IHookFunctions): Promise<boolean> {
				return await webhookExists.call(this);
			},
			create: async function (this: IHookFunctions): Promise<boolean> {
				return await createWebhook.call(this);
			},
			delete: async function (this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this);
	}
}
