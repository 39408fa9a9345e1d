/**
 * A small stand-in for n8n's execute and poll contexts. Requests are real HTTP (axios, as in
 * n8n-core) with the credential's own `authenticate` rules applied, so tests see the URLs,
 * headers and bodies InstaView would see.
 */
import axios, { AxiosError, type AxiosRequestConfig } from 'axios';
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InstaviewApi } from '../../credentials/InstaviewApi.credentials';

export interface TestCredentials {
	apiKey: string;
	baseUrl: string;
	companyId?: string;
}

/** Evaluates the `={{ … }}` templates n8n uses in credentials, against `$credentials`. */
export function evaluateTemplate(template: unknown, credentials: TestCredentials): unknown {
	if (typeof template !== 'string' || !template.startsWith('=')) return template;
	const source = template.slice(1);
	const run = (expression: string) =>
		// eslint-disable-next-line @typescript-eslint/no-implied-eval
		new Function('$credentials', `return (${expression});`)(credentials) as unknown;
	const whole = /^\{\{([\s\S]*)\}\}$/.exec(source.trim());
	if (whole && !whole[1].includes('}}')) return run(whole[1]);
	return source.replace(/\{\{([\s\S]*?)\}\}/g, (_, expression: string) => String(run(expression) ?? ''));
}

function evaluateObject(value: unknown, credentials: TestCredentials): unknown {
	if (Array.isArray(value)) return value.map((entry) => evaluateObject(entry, credentials));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, evaluateObject(entry, credentials)]),
		);
	}
	return evaluateTemplate(value, credentials);
}

const credentialType = new InstaviewApi();

export interface HttpLogEntry {
	method: string;
	url: string;
	status?: number;
}

/** Performs an n8n-style request with the InstaView credential, as httpRequestWithAuthentication does. */
export async function authenticatedRequest(
	node: INode,
	credentials: TestCredentials,
	options: IHttpRequestOptions,
	log?: HttpLogEntry[],
): Promise<unknown> {
	const auth = evaluateObject(credentialType.authenticate.properties, credentials) as {
		headers?: Record<string, string>;
	};
	const config: AxiosRequestConfig = {
		method: options.method ?? 'GET',
		baseURL: options.baseURL,
		url: options.url,
		params: options.qs,
		data: options.body,
		headers: { Accept: 'application/json', ...(options.headers ?? {}), ...(auth.headers ?? {}) },
		timeout: options.timeout,
		validateStatus: options.ignoreHttpStatusErrors ? () => true : (status) => status >= 200 && status < 300,
		// axios (like n8n) falls back to the raw text when a body is not JSON
		transitional: { silentJSONParsing: true, forcedJSONParsing: true, clarifyTimeoutError: false },
	};
	const entry: HttpLogEntry = { method: String(config.method), url: `${options.baseURL ?? ''}${options.url}` };
	log?.push(entry);
	try {
		const response = await axios.request(config);
		entry.status = response.status;
		if (options.returnFullResponse) {
			return {
				body: response.data,
				headers: response.headers,
				statusCode: response.status,
				statusMessage: response.statusText,
			};
		}
		return response.data;
	} catch (error) {
		// n8n-core wraps every failure of this helper in NodeApiError around the AxiosError.
		if (error instanceof AxiosError) throw new NodeApiError(node, error as never);
		throw error;
	}
}

export interface FakeContextOptions {
	/** Node parameters, the same for every item, or one set per item. */
	parameters: Record<string, unknown> | Array<Record<string, unknown>>;
	credentials: TestCredentials;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	nodeType?: string;
	timezone?: string;
	/** Set for a poll context (a trigger); leave out for an execute context. */
	mode?: 'manual' | 'trigger';
	staticData?: IDataObject;
	pollBudgetMs?: number;
}

export interface FakeContext {
	context: IExecuteFunctions & IPollFunctions & ILoadOptionsFunctions;
	httpLog: HttpLogEntry[];
	logs: string[];
}

function readPath(source: Record<string, unknown>, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => {
		if (value && typeof value === 'object') return (value as Record<string, unknown>)[key];
		return undefined;
	}, source);
}

export function createFakeContext(options: FakeContextOptions): FakeContext {
	const node: INode = {
		id: 'node-under-test',
		name: 'InstaView',
		type: options.nodeType ?? 'n8n-nodes-instaview.instaview',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const items = options.items ?? [{ json: {} }];
	const httpLog: HttpLogEntry[] = [];
	const logs: string[] = [];
	const staticData = options.staticData ?? {};
	const parametersFor = (itemIndex: number) =>
		Array.isArray(options.parameters) ? options.parameters[itemIndex] ?? options.parameters[0] : options.parameters;

	const readParameter = (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		extra?: { extractValue?: boolean },
	): unknown => {
		let value = readPath(parametersFor(itemIndex), name);
		if (value === undefined) {
			if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
			value = fallback;
		}
		if (extra?.extractValue && value && typeof value === 'object' && '__rl' in value) {
			return (value as unknown as { value: unknown }).value;
		}
		return value;
	};

	// Execute contexts take (name, itemIndex, fallback, options); poll contexts have no items
	// and take (name, fallback, options).
	const getNodeParameter = options.mode
		? (name: string, fallback?: unknown, extra?: { extractValue?: boolean }) => readParameter(name, 0, fallback, extra)
		: (name: string, itemIndex = 0, fallback?: unknown, extra?: { extractValue?: boolean }) =>
				readParameter(name, itemIndex, fallback, extra);

	const context = {
		getNode: () => node,
		getInputData: () => items,
		getNodeParameter,
		getCurrentNodeParameter: (name: string, extra?: { extractValue?: boolean }) => {
			const value = readPath(parametersFor(0), name);
			return extra?.extractValue && value && typeof value === 'object' && '__rl' in value ? (value as unknown as { value: unknown }).value : value;
		},
		getCredentials: async () => ({ ...options.credentials }),
		continueOnFail: () => options.continueOnFail ?? false,
		getTimezone: () => options.timezone ?? 'UTC',
		getMode: () => options.mode ?? 'manual',
		getActivationMode: () => 'activate',
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: 'workflow-under-test', name: 'Test', active: true }),
		logger: {
			debug: (message: string) => logs.push(`debug: ${message}`),
			info: (message: string) => logs.push(`info: ${message}`),
			warn: (message: string) => logs.push(`warn: ${message}`),
			error: (message: string) => logs.push(`error: ${message}`),
		},
		...(options.pollBudgetMs !== undefined ? { getPollBudgetMs: () => options.pollBudgetMs } : {}),
		helpers: {
			httpRequestWithAuthentication: async (_credentialName: string, requestOptions: IHttpRequestOptions) =>
				authenticatedRequest(node, options.credentials, requestOptions, httpLog),
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], meta: { itemData: { item: number } }) =>
				data.map((entry) => ({ ...entry, pairedItem: meta.itemData })),
			prepareBinaryData: async (buffer: Buffer, fileName?: string, mimeType?: string): Promise<IBinaryData> => ({
				data: buffer.toString('base64'),
				mimeType: mimeType ?? 'application/octet-stream',
				fileName,
				fileSize: String(buffer.length),
				fileExtension: fileName?.split('.').pop(),
			}),
		},
	};
	return {
		context: context as unknown as IExecuteFunctions & IPollFunctions & ILoadOptionsFunctions,
		httpLog,
		logs,
	};
}

/** Runs the credential's `test` request the way n8n's "Test" button does. */
export async function testCredential(credentials: TestCredentials): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const request = evaluateObject(credentialType.test.request, credentials) as IHttpRequestOptions;
	const node = { name: 'credential test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {}, id: 't' } as INode;
	try {
		await authenticatedRequest(node, credentials, { ...request, method: request.method ?? 'GET', json: true });
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		const apiError = error as NodeApiError | NodeOperationError;
		// As n8n's credentials tester does: a responseCode rule for the status wins.
		const status = Number((apiError as NodeApiError).httpCode);
		for (const rule of credentialType.test.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === status) return { status: 'Error', message: rule.properties.message };
		}
		return { status: 'Error', message: apiError.message };
	}
}
