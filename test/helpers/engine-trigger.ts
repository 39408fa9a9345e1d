/**
 * The InstaView Trigger in an active n8n workflow, for the engine tests (see engine.ts).
 */
import { Container } from '@n8n/di';
import { PollContext, PollTriggerExecutor, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type ExecutionBaseError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type WorkflowActivateMode,
} from 'n8n-workflow';

import { NODE_CREDENTIALS, TRIGGER_NODE_TYPE, WORKFLOW_ID, type ActionResult, type Engine, type EngineCredentials } from './engine';

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
