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
	Credentials,
	DirectoryLoader,
	ExecutionLifecycleHooks,
	PackageDirectoryLoader,
	PollContext,
	PollTriggerExecutor,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	Workflow,
	type ExecutionBaseError,
	type IBinaryData,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
} from 'n8n-workflow';

import { name as packageName } from '../../package.json';

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

/**
 * n8n's credentials helper without the database: it hands out the stored credential with the
 * type's defaults applied, and applies the type's `authenticate` rules the way the n8n CLI
 * does, resolving their `={{ $credentials… }}` expressions with the workflow's expression engine.
 */
export class EngineCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly stored: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.type(name).extends ?? [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (!authenticate) return requestOptions as IHttpRequestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		if (!workflow || !node) throw new Error('Generic authentication needs the workflow and the node');
		const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [part, entries] of Object.entries(authenticate.properties)) {
			target[part] ??= {};
			for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
				target[part][this.resolve(key, credentials, workflow, node)] = this.resolve(value, credentials, workflow, node);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string) {
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type, '');
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _nodeCredentials: INodeCredentialsDetails, type: string) {
		const data = this.stored[type];
		if (!data) throw new Error(`No credential of type "${type}" is stored`);
		// As n8n does on decryption: every property present, defaults filled in.
		return NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}

	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown credential type "${name}"`);
		return type;
	}

	private resolve(value: unknown, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode): string {
		if (!isExpression(value)) return String(value);
		const resolved = workflow.expression.getSimpleParameterValue(node, value as string, 'internal', { $credentials: credentials }, undefined, '');
		return resolved ? String(resolved) : '';
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
	credentialsHelper(credentials: EngineCredentials): EngineCredentialsHelper;
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
		credentialsHelper: (credentials) =>
			new EngineCredentialsHelper(engine.nodeTypes.credentialTypes(), { [CREDENTIAL_TYPE]: { ...credentials } }),
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
				credentialsHelper: engine.credentialsHelper(credentials),
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
		if (folder) rmSync(folder, { recursive: true, force: true });
	});
	return engine;
}

export const WORKFLOW_ID = 'engine-test-workflow';

const NODE_CREDENTIALS = { [CREDENTIAL_TYPE]: { id: 'engine-test-credential', name: 'InstaView account' } };

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

/** Reads a binary property back through n8n-core's binary data service. */
export async function readBinary(engine: Engine, binary: IBinaryData): Promise<Buffer> {
	return await engine.binaryData.getAsBuffer(binary);
}

export interface TriggerOptions {
	credentials: EngineCredentials;
	parameters: INodeParameters;
	timezone?: string;
}

/**
 * The InstaView Trigger in an active workflow, polled as n8n 2.41 polls it: one Workflow for
 * the activation, a PollContext per activation, n8n-core's PollTriggerExecutor for each poll,
 * and the workflow's static data written to the "database" only when an execution is emitted
 * and the data changed (n8n's WorkflowStaticDataService). `restart()` reloads from that copy.
 */
export class EngineTrigger {
	/** The workflow's static data as n8n last saved it. */
	savedStaticData: IDataObject = {};
	/** Each emitted execution's items (first output). */
	readonly emitted: INodeExecutionData[][] = [];
	/** Errors a scheduled poll reported (n8n records each as a failed execution). */
	readonly errors: Error[] = [];
	private workflow?: Workflow;
	private executePoll?: (testingTrigger?: boolean) => Promise<void>;
	private readonly node: INode;

	constructor(
		private readonly engine: Engine,
		private readonly options: TriggerOptions,
	) {
		this.node = {
			id: 'instaview-trigger-node',
			name: 'InstaView Trigger',
			type: TRIGGER_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters,
			credentials: NODE_CREDENTIALS,
		};
	}

	/**
	 * Activates the workflow as n8n's ActiveWorkflowManager does: it reads the node's Poll Times,
	 * polls once right away (a failure there fails the activation), then saves the static data.
	 */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<INodeExecutionData[] | null> {
		const workflow = this.buildWorkflow(true, this.savedStaticData);
		this.workflow = workflow;
		const node = workflow.getNode(this.node.name)!;
		const additionalData = this.engine.additionalData(this.options.credentials, 'trigger');
		const pollFunctions = new PollContext(
			workflow,
			node,
			additionalData,
			'trigger',
			activation,
			(data) => {
				this.saveStaticData(workflow);
				this.emitted.push(data[0] ?? []);
			},
			(error) => {
				this.errors.push(error);
			},
		);
		pollFunctions.getNodeParameter('pollTimes');
		this.executePoll = Container.get(PollTriggerExecutor).create(workflow, node, pollFunctions, () => true);
		await workflow.expression.acquireIsolate();
		try {
			return await this.poll(true);
		} finally {
			await workflow.expression.releaseIsolate();
			this.saveStaticData(workflow);
		}
	}

	/** One scheduled poll (the cron tick). Returns what it emitted, or null. */
	async tick(): Promise<INodeExecutionData[] | null> {
		return await this.poll(false);
	}

	/** n8n restarts: the workflow is rebuilt from the saved static data and activated again. */
	async restart(): Promise<INodeExecutionData[] | null> {
		return await this.activate('init');
	}

	/**
	 * "Fetch Test Event" in the editor: a manual execution that starts at the trigger, on the
	 * workflow as saved. `staticDataChanged` tells whether it touched the saved static data.
	 */
	async fetchTestEvent(): Promise<ActionResult & { staticDataChanged: boolean }> {
		const workflow = this.buildWorkflow(false, this.savedStaticData);
		const node = workflow.getNode(this.node.name)!;
		const additionalData = this.engine.additionalData(this.options.credentials, 'manual');
		const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: node });
		const task = run.data.resultData.runData[node.name]?.[0];
		return {
			items: task?.data?.main[0] ?? [],
			error: (task?.error ?? run.data.resultData.error) as ExecutionBaseError | undefined,
			run,
			staticDataChanged: workflow.staticData.__dataChanged === true,
		};
	}

	/** The trigger node's static data in the running workflow (in memory). */
	liveStaticData(): IDataObject {
		return this.workflow!.getStaticData('node', this.workflow!.getNode(this.node.name)!);
	}

	private async poll(testingTrigger: boolean): Promise<INodeExecutionData[] | null> {
		if (!this.executePoll) throw new Error('Activate the trigger first');
		const before = this.emitted.length;
		await this.executePoll(testingTrigger);
		return this.emitted.length > before ? this.emitted[this.emitted.length - 1] : null;
	}

	private saveStaticData(workflow: Workflow) {
		if (workflow.staticData.__dataChanged === true) {
			// Stored as JSON in the workflow's row.
			this.savedStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			workflow.staticData.__dataChanged = false;
		}
	}

	private buildWorkflow(active: boolean, staticData: IDataObject) {
		return new Workflow({
			id: WORKFLOW_ID,
			name: 'Engine test',
			nodes: [{ ...this.node }],
			connections: {},
			active,
			nodeTypes: this.engine.nodeTypes,
			staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
			settings: { timezone: this.options.timezone ?? 'UTC', executionOrder: 'v1' },
		});
	}
}
