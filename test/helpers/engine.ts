/**
 * Runs the InstaView nodes inside n8n's own engine (n8n-core), the way an n8n instance does:
 * a real `Workflow` with n8n's parameter defaults and expression engine, `WorkflowExecute` for
 * the action node, `PollTriggerExecutor` and `PollContext` for the trigger, n8n-core's request
 * helpers (which ask the credentials helper to apply the credential's `authenticate` and wrap
 * failures in NodeApiError) and n8n-core's BinaryDataService storing files on disk.
 *
 * What an n8n instance adds around the engine (the database, the credential store, the
 * scheduler) is stood in for here by the smallest faithful pieces, modelled on n8n's own
 * `packages/core/nodes-testing` and on the CLI: `EngineCredentialsHelper`, `EngineNodeTypes`,
 * and the static-data bookkeeping of `EngineTrigger`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Both come with n8n-core (which pins them exactly); they are the instances n8n-core itself uses.
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import {
	BinaryDataService,
	DirectoryLoader,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	Workflow,
	type ExecutionBaseError,
	type IBinaryData,
	type ICredentialType,
	type INode,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { name as packageName } from '../../package.json';
import { EngineCredentialsHelper } from './engine-credentials';

const PACKAGE_ROOT = join(__dirname, '..', '..');

/**
 * n8n's own community-package loader, reading this package's package.json (its `n8n.nodes`
 * and `n8n.credentials` entries) and the codex files, validating each node description as
 * n8n does. It loads the TypeScript sources in place of the built `dist/` files.
 */
class SourcePackageLoader extends PackageDirectoryLoader {
	protected resolvePath(file: string): string {
		return super.resolvePath(file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	}
}

export const CREDENTIAL_TYPE = 'instaviewApi';
export const ACTION_NODE_TYPE = `${packageName}.instaview`;
export const TRIGGER_NODE_TYPE = `${packageName}.instaviewTrigger`;

/** The node types of an n8n with this package installed (full names: package.node). */
export class EngineNodeTypes implements INodeTypes {
	constructor(private readonly loader: DirectoryLoader) {}

	getByName(name: string) {
		return this.loader.getNode(this.shortName(name)).type;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes() {
		return {};
	}

	credentialTypes(): Record<string, ICredentialType> {
		return Object.fromEntries(Object.entries(this.loader.credentialTypes).map(([name, { type }]) => [name, type]));
	}

	private shortName(name: string) {
		const prefix = `${this.loader.packageName}.`;
		if (!name.startsWith(prefix)) throw new Error(`Unknown node type "${name}"`);
		return name.slice(prefix.length);
	}
}

export interface LogEntry {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** Every message n8n's Logger receives, from the engine and from the nodes (`this.logger`). */
function capturingLogger(entries: LogEntry[]): Logger {
	const logger = {
		error: (message: string, meta?: unknown) => entries.push({ level: 'error', message, meta }),
		warn: (message: string, meta?: unknown) => entries.push({ level: 'warn', message, meta }),
		info: (message: string, meta?: unknown) => entries.push({ level: 'info', message, meta }),
		debug: (message: string, meta?: unknown) => entries.push({ level: 'debug', message, meta }),
		scoped: () => logger,
	};
	return logger as unknown as Logger;
}

export interface EngineCredentials {
	apiKey: string;
	baseUrl: string;
	companyId?: string;
}

export interface Engine {
	readonly logs: LogEntry[];
	readonly nodeTypes: EngineNodeTypes;
	/** n8n-core's binary data service, storing on disk in a temporary n8n folder. */
	readonly binaryData: BinaryDataService;
	additionalData(credentials: EngineCredentials, mode: 'manual' | 'trigger'): IWorkflowExecuteAdditionalData;
}

/**
 * Sets up n8n-core for one test file: a temporary n8n user folder (instance settings, binary
 * data), the binary data service in filesystem mode, and a logger that records what it is told.
 */
export function useEngine(): Engine {
	const logs: LogEntry[] = [];
	let nodeTypes: EngineNodeTypes | undefined;
	let folder = '';
	let executionCount = 0;
	const engine: Engine = {
		logs,
		get nodeTypes() {
			if (!nodeTypes) throw new Error('The engine is set up in beforeAll');
			return nodeTypes;
		},
		get binaryData() {
			return Container.get(BinaryDataService);
		},
		additionalData(credentials, mode) {
			const executionId = String(++executionCount);
			const hooks = new ExecutionLifecycleHooks(mode, executionId, {
				id: WORKFLOW_ID,
				name: 'Engine test',
				active: mode === 'trigger',
				activeVersionId: null,
				isArchived: false,
				nodes: [],
				connections: {},
				createdAt: new Date(),
				updatedAt: new Date(),
			});
			return {
				credentialsHelper: new EngineCredentialsHelper(engine.nodeTypes.credentialTypes(), { [CREDENTIAL_TYPE]: { ...credentials } }),
				executionId,
				hooks,
				restApiUrl: 'http://127.0.0.1:5678/rest',
				instanceBaseUrl: 'http://127.0.0.1:5678/',
				webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
				webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
				webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
				formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
				variables: {},
				currentNodeParameters: undefined,
			} as unknown as IWorkflowExecuteAdditionalData;
		},
	};
	const environment = { ...process.env };
	beforeAll(async () => {
		folder = mkdtempSync(join(tmpdir(), 'instaview-engine-'));
		// n8n-core reads its folder from the environment when it first builds its settings.
		process.env.N8N_USER_FOLDER = folder;
		process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
		Container.reset();
		Container.set(Logger, capturingLogger(logs));
		await Container.get(BinaryDataService).init();
		const loader = new SourcePackageLoader(PACKAGE_ROOT);
		await loader.loadAll();
		nodeTypes = new EngineNodeTypes(loader);
	});
	beforeEach(() => {
		logs.length = 0;
	});
	afterAll(() => {
		Container.reset();
		process.env = environment;
		if (folder) rmSync(folder, { recursive: true, force: true });
	});
	return engine;
}

export const WORKFLOW_ID = 'engine-test-workflow';

export const NODE_CREDENTIALS = { [CREDENTIAL_TYPE]: { id: 'engine-test-credential', name: 'InstaView account' } };

export interface ActionOptions {
	credentials: EngineCredentials;
	/** The node's parameters as the editor saves them (defaults may be left out). */
	parameters: INodeParameters;
	/** Items the node receives; one empty item by default. */
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	timezone?: string;
}

export interface ActionResult {
	/** The node's output items (first output). */
	items: INodeExecutionData[];
	/** The node's error as n8n records it in the execution, when it failed. */
	error?: ExecutionBaseError;
	run: IRun;
}

/** Runs the InstaView node as one execution with WorkflowExecute, as n8n runs it in the editor. */
export async function runAction(engine: Engine, options: ActionOptions): Promise<ActionResult> {
	const node: INode = {
		id: 'instaview-node',
		name: 'InstaView',
		type: ACTION_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: NODE_CREDENTIALS,
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: WORKFLOW_ID,
		name: 'Engine test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: engine.nodeTypes,
		settings: { timezone: options.timezone ?? 'UTC', executionOrder: 'v1' },
	});
	// The node runs on the given items as if an upstream node had produced them.
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflow.getNode(node.name)!, data: { main: [options.items ?? [{ json: {} }]] }, source: null }],
		},
	});
	const additionalData = engine.additionalData(options.credentials, 'manual');
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const task = run.data.resultData.runData[node.name]?.[0];
	return {
		items: task?.data?.main[0] ?? [],
		error: (task?.error ?? run.data.resultData.error) as ExecutionBaseError | undefined,
		run,
	};
}

/**
 * A "From list" picker in the editor: n8n calls the node's listSearch method with a
 * LoadOptionsContext for the node as currently configured.
 */
export async function searchList(
	engine: Engine,
	options: { credentials: EngineCredentials; parameters: INodeParameters; method: string; filter?: string },
): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'instaview-node',
		name: 'InstaView',
		type: ACTION_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: NODE_CREDENTIALS,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: engine.nodeTypes });
	const additionalData = engine.additionalData(options.credentials, 'manual');
	const context = new LoadOptionsContext(workflow, workflow.getNode(node.name)!, additionalData, 'parameters');
	const search = engine.nodeTypes.getByNameAndVersion(ACTION_NODE_TYPE, 1).methods?.listSearch?.[options.method];
	if (!search) throw new Error(`No listSearch method "${options.method}"`);
	return await search.call(context, options.filter);
}

/** Reads a binary property back through n8n-core's binary data service. */
export async function readBinary(engine: Engine, binary: IBinaryData): Promise<Buffer> {
	return await engine.binaryData.getAsBuffer(binary);
}
