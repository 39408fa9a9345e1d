/** Workflows of the queue-mode run: production triggers only (webhooks, the poller), as teams run them. */
import { DEMO_IDS } from '../../../emulator';
import { ACTION_TYPE, TRIGGER_TYPE, type WorkflowJson } from '../../lib/stack';
import { DEMO_CREDENTIAL, TRIGGER_CREDENTIAL } from '../../lib/workflows';

const cred = (c: { id: string; name: string }) => ({ instaviewApi: { id: c.id, name: c.name } });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const chain = (names: string[]) =>
	Object.fromEntries(names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));

export const BULK_WORKFLOW_ID = 'queueBulkCreate1';
export const BULK_PATH = 'queue-bulk-create';
export const TRIGGER_WORKFLOW_ID = 'queueTrigger0001';
export const TRIGGER_NODE = 'InstaView Trigger';
/** The trigger node's name after the rename check. */
export const RENAMED_TRIGGER_NODE = 'Analysis Finished';
export const PDF_NODE = 'Read Analysis PDF';
export const DELAY_NODE = 'Follow-up Delay';
export const GET_MANY_WORKFLOW_ID = 'queueGetMany0001';
export const GET_MANY_PATH = 'queue-interviews';

export interface BulkRow {
	firstName: string;
	lastName: string;
	email: string;
}

/**
 * POST {rows: [...]} → one Create per row (inline candidate, generic agent, no job). The webhook
 * answers at once; the rows are created by whichever worker takes the execution.
 */
export function bulkCreateWorkflow(): WorkflowJson {
	const nodes = [
		{
			id: 'q-bulk-webhook',
			name: 'Rows',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '0b6f3c2e-4d1a-4e8b-9c7d-5a2b1c0d9e01',
			parameters: { httpMethod: 'POST', path: BULK_PATH, responseMode: 'onReceived', options: {} },
		},
		{
			id: 'q-bulk-split',
			name: 'One Item per Row',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.rows', include: 'noOtherFields', options: {} },
		},
		{
			id: 'q-bulk-create',
			name: 'Create Interview',
			type: ACTION_TYPE,
			typeVersion: 1,
			position: [440, 0],
			parameters: {
				resource: 'interview',
				operation: 'create',
				candidateSource: 'new',
				firstName: '={{ $json.firstName }}',
				lastName: '={{ $json.lastName }}',
				email: '={{ $json.email }}',
				gdprExpiryDate: '={{ $now.plus({ years: 1 }).toISODate() }}',
				jobSource: 'none',
				agentId: byId(DEMO_IDS.agents.generic),
				start: 'immediately',
				options: {},
			},
			credentials: cred(DEMO_CREDENTIAL),
		},
	];
	return {
		id: BULK_WORKFLOW_ID,
		name: 'Queue: bulk create from rows',
		active: false,
		nodes,
		connections: chain(nodes.map((n) => n.name)),
		settings: { executionOrder: 'v1' },
	};
}

/**
 * InstaView Trigger with the PDF → Extract From File (reads the PDF's text on the worker) → a
 * 3 s Wait, so an execution is still running when a worker is killed.
 *
 * Four poll times a minute (n8n refuses cron expressions that fire more than once a minute, but a
 * trigger may list several): the test waits ~15 s for a poll instead of ~60 s.
 */
export function triggerWorkflow(): WorkflowJson {
	const nodes = [
		{
			id: 'q-trigger',
			name: TRIGGER_NODE,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				pollTimes: { item: [0, 15, 30, 45].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` })) },
				event: 'analysisCompleted',
				scope: 'all',
				options: { downloadPdf: true, binaryPropertyName: 'report' },
			},
			credentials: cred(TRIGGER_CREDENTIAL),
		},
		{
			id: 'q-pdf',
			name: PDF_NODE,
			type: 'n8n-nodes-base.extractFromFile',
			typeVersion: 1,
			position: [220, 0],
			parameters: { operation: 'pdf', binaryPropertyName: 'report', options: {} },
		},
		{
			id: 'q-wait',
			name: DELAY_NODE,
			type: 'n8n-nodes-base.wait',
			typeVersion: 1.1,
			position: [440, 0],
			webhookId: '3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e02',
			parameters: { amount: 3, unit: 'seconds' },
		},
	];
	return {
		id: TRIGGER_WORKFLOW_ID,
		name: 'Queue: InstaView Trigger with PDF',
		active: false,
		nodes,
		connections: chain(nodes.map((n) => n.name)),
		settings: { executionOrder: 'v1' },
	};
}

/** GET → John's interviews with the demo credential: proves a worker decrypts and uses it. */
export function getManyWorkflow(): WorkflowJson {
	const nodes = [
		{
			id: 'q-get-webhook',
			name: 'Request',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '7d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f03',
			parameters: { httpMethod: 'GET', path: GET_MANY_PATH, responseMode: 'lastNode', options: {} },
		},
		{
			id: 'q-get-many',
			name: 'Get Many',
			type: ACTION_TYPE,
			typeVersion: 1,
			position: [220, 0],
			parameters: { resource: 'interview', operation: 'getAll', candidateId: byId(DEMO_IDS.candidates.john), returnAll: true, filters: {}, simplify: true },
			credentials: cred(DEMO_CREDENTIAL),
		},
	];
	return {
		id: GET_MANY_WORKFLOW_ID,
		name: 'Queue: Get Many over a webhook',
		active: false,
		nodes,
		connections: chain(nodes.map((n) => n.name)),
		settings: { executionOrder: 'v1' },
	};
}
