/**
 * Stand-ins for n8n's hook context (webhookMethods: checkExists, create, delete) and webhook
 * context (webhook()), plus a loopback HTTP server that hands each real request to a node's
 * webhook() the way n8n's webhook handling does: 401 and other direct answers as the node
 * wrote them, "started" when it returned workflow data, its webhookResponse otherwise.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	IBinaryData,
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { authenticatedRequest, type HttpLogEntry, type TestCredentials } from './context';

export interface WebhookNodeOptions {
	parameters: Record<string, unknown>;
	credentials: TestCredentials;
	/** The node's static data, shared by every context made from these options (as n8n persists it). */
	staticData: IDataObject;
	webhookUrl?: string;
	workflow?: { id: string; name: string };
}

export interface CapturedLogs {
	httpLog: HttpLogEntry[];
	logs: string[];
}

function readPath(source: Record<string, unknown>, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), source);
}

function base(options: WebhookNodeOptions, captured: CapturedLogs) {
	const node: INode = {
		id: 'webhook-node-under-test',
		name: 'InstaView Webhook Trigger',
		type: 'n8n-nodes-instaview.instaviewWebhookTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return {
		getNode: () => node,
		getNodeParameter: (name: string, fallback?: unknown) => {
			const value = readPath(options.parameters, name);
			if (value === undefined) {
				if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
				return fallback;
			}
			return value;
		},
		getCredentials: async () => ({ ...options.credentials }),
		getWorkflowStaticData: () => options.staticData,
		getWorkflow: () => ({ id: options.workflow?.id ?? 'wf-under-test', name: options.workflow?.name ?? 'Webhook test', active: true }),
		getMode: () => 'trigger',
		getActivationMode: () => 'activate',
		getNodeWebhookUrl: () => options.webhookUrl,
		getWebhookName: () => 'default',
		logger: {
			debug: (message: string) => captured.logs.push(`debug: ${message}`),
			info: (message: string) => captured.logs.push(`info: ${message}`),
			warn: (message: string) => captured.logs.push(`warn: ${message}`),
			error: (message: string) => captured.logs.push(`error: ${message}`),
		},
		helpers: {
			httpRequestWithAuthentication: async (_name: string, request: IHttpRequestOptions) =>
				authenticatedRequest(node, options.credentials, request, captured.httpLog),
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			prepareBinaryData: async (buffer: Buffer, fileName?: string, mimeType?: string): Promise<IBinaryData> => ({
				data: buffer.toString('base64'),
				mimeType: mimeType ?? 'application/octet-stream',
				fileName,
				fileSize: String(buffer.length),
			}),
		},
	};
}

export function createHookContext(options: WebhookNodeOptions, captured: CapturedLogs = { httpLog: [], logs: [] }): IHookFunctions {
	return base(options, captured) as unknown as IHookFunctions;
}

/** What the node answered when it wrote the response itself (401, 400, 409). */
export interface DirectReply {
	status: number;
	body: unknown;
}

export function createWebhookContext(
	options: WebhookNodeOptions,
	request: { headers: Record<string, unknown>; body: unknown },
	captured: CapturedLogs = { httpLog: [], logs: [] },
): { context: IWebhookFunctions; direct: { reply?: DirectReply } } {
	const direct: { reply?: DirectReply } = {};
	const response = {
		status(code: number) {
			return {
				json: (body: unknown) => {
					direct.reply = { status: code, body };
				},
				send: (body: unknown) => {
					direct.reply = { status: code, body };
					return { end: () => undefined };
				},
			};
		},
	};
	const context = {
		...base(options, captured),
		getHeaderData: () => request.headers,
		getBodyData: () => request.body,
		getResponseObject: () => response,
	};
	return { context: context as unknown as IWebhookFunctions, direct };
}

/** One request the receiver handled: what it answered, and the items when an execution started. */
export interface HandledRequest {
	status: number;
	body: unknown;
	items?: INodeExecutionData[];
	receivedAt: number;
}

export interface NodeReceiver {
	url: string;
	handled: HandledRequest[];
	/** The executions started so far (one array of items each). */
	executions(): INodeExecutionData[][];
	waitFor(count: number, timeoutMs?: number): Promise<HandledRequest[]>;
	close(): Promise<void>;
	captured: CapturedLogs;
}

/** A loopback server standing in for n8n's webhook endpoint of one node. */
export async function startNodeReceiver(node: INodeType, options: Omit<WebhookNodeOptions, 'webhookUrl'>): Promise<NodeReceiver> {
	const handled: HandledRequest[] = [];
	const captured: CapturedLogs = { httpLog: [], logs: [] };
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void (async () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				let body: unknown = {};
				try {
					body = JSON.parse(raw);
				} catch {
					body = {};
				}
				const { context, direct } = createWebhookContext(options, { headers: req.headers, body }, captured);
				let entry: HandledRequest;
				try {
					const result: IWebhookResponseData = await node.webhook!.call(context);
					if (result.noWebhookResponse) entry = { status: direct.reply?.status ?? 200, body: direct.reply?.body, receivedAt: Date.now() };
					else if (result.workflowData) entry = { status: 200, body: { message: 'Workflow was started' }, items: result.workflowData[0], receivedAt: Date.now() };
					else entry = { status: 200, body: result.webhookResponse, receivedAt: Date.now() };
				} catch (error) {
					// n8n answers 500 when webhook() throws (and records a failed execution).
					entry = { status: 500, body: { message: (error as Error).message }, receivedAt: Date.now() };
				}
				handled.push(entry);
				res.writeHead(entry.status, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(entry.body ?? {}));
			})();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/instaview-test`,
		handled,
		captured,
		executions: () => handled.filter((h) => h.items).map((h) => h.items!),
		waitFor: async (count, timeoutMs = 8000) => {
			const deadline = Date.now() + timeoutMs;
			while (handled.length < count) {
				if (Date.now() > deadline) throw new Error(`expected ${count} handled requests within ${timeoutMs} ms, got ${handled.length}`);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			return handled.slice();
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
