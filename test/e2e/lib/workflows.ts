/** Workflows and credentials the e2e run and `npm run dev` import (the examples come from examples/). */
import { DEMO_API_KEY, DEMO_IDS } from '../../emulator';
import { ACTION_TYPE, TRIGGER_TYPE, type CredentialSpec, type WorkflowJson } from './stack';

export const DEMO_CREDENTIAL = { id: 'instaviewCred001', name: 'InstaView account' };
/** A second key, so the e2e can tell the trigger's polls apart from every other request in the emulator log. */
export const TRIGGER_KEY = 'sk_test_e2etrigger000000000000000000000000000000';
export const TRIGGER_CREDENTIAL = { id: 'instaviewTrig001', name: 'InstaView trigger (e2e)' };

export function credentials(emuUrl: string, withTrigger: boolean): CredentialSpec[] {
	const list: CredentialSpec[] = [{ ...DEMO_CREDENTIAL, apiKey: DEMO_API_KEY, baseUrl: emuUrl }];
	if (withTrigger) list.push({ ...TRIGGER_CREDENTIAL, apiKey: TRIGGER_KEY, baseUrl: emuUrl });
	return list;
}

/** A resource locator given "By ID". */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
/** A node's reference to one of the credentials above. */
export const cred = (c: { id: string; name: string }) => ({ instaviewApi: { id: c.id, name: c.name } });

/** An inactive workflow whose nodes run one after the other, in the order given. */
export function linearWorkflow(meta: { id: string; name: string }, nodes: Array<{ name: string }>): WorkflowJson {
	const names = nodes.map((node) => node.name);
	const connections = Object.fromEntries(names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));
	return { ...meta, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** Get Many of John's interviews (the demo data gives him some) with the demo credential. */
export function johnsInterviewsNode(id: string, x: number) {
	return {
		id,
		name: 'Get Many',
		type: ACTION_TYPE,
		typeVersion: 1,
		position: [x, 0],
		parameters: { resource: 'interview', operation: 'getAll', candidateId: byId(DEMO_IDS.candidates.john), returnAll: true, filters: {}, simplify: true },
		credentials: cred(DEMO_CREDENTIAL),
	};
}

export const SHAPES_WORKFLOW_ID = 'instaviewShapes1';
/** Node names of the four Create shapes, in the order they run. */
export const SHAPES = {
	existingNone: 'Existing Candidate, No Job',
	existingNew: 'Existing Candidate, New Job',
	newExisting: 'New Candidate, Existing Job',
	newNew: 'New Candidate, New Job',
} as const;

const newCandidate = (first: string, last: string) => ({
	candidateSource: 'new',
	firstName: first,
	lastName: last,
	email: `${first}.${last}@example.com`.toLowerCase(),
	gdprExpiryDate: '={{ $now.plus({ years: 1 }).toISODate() }}',
});

const newJob = (title: string) => ({
	jobSource: 'new',
	jobTitle: title,
	jobDetails: { jobDescription: `${title}: a job defined inline by the n8n e2e test.`, requiredSkills: 'TypeScript, Testing' },
	location: { workMode: 'REMOTE', countryCode: 'SK' },
});

/**
 * Manual trigger → Create in all four candidate/job shapes → Get → Delete → Get Many.
 * Every node has exactly one input item, so each runs once.
 */
export function shapesWorkflow(): WorkflowJson {
	const agent = { agentId: byId(DEMO_IDS.agents.screening) };
	const create = (name: string, x: number, params: Record<string, unknown>) => ({
		id: `e2e-${x}`,
		name,
		type: ACTION_TYPE,
		typeVersion: 1,
		position: [x, 0],
		parameters: { resource: 'interview', operation: 'create', ...agent, ...params },
		credentials: cred(DEMO_CREDENTIAL),
	});
	const nodes = [
		{ id: 'e2e-0', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		create(SHAPES.existingNone, 220, { candidateSource: 'existing', candidateId: byId(DEMO_IDS.candidates.jane), jobSource: 'none' }),
		create(SHAPES.existingNew, 440, { candidateSource: 'existing', candidateId: byId(DEMO_IDS.candidates.john), ...newJob('E2E Inline Job For John') }),
		create(SHAPES.newExisting, 660, { ...newCandidate('Eve', 'Existingjob'), jobSource: 'existing', jobId: byId(DEMO_IDS.jobs.designer) }),
		create(SHAPES.newNew, 880, { ...newCandidate('Nina', 'Newjob'), ...newJob('E2E Inline Job For Nina') }),
		{
			id: 'e2e-get',
			name: 'Get',
			type: ACTION_TYPE,
			typeVersion: 1,
			position: [1100, 0],
			parameters: { resource: 'interview', operation: 'get', interviewId: `={{ $('${SHAPES.newNew}').item.json.id }}`, simplify: true },
			credentials: cred(DEMO_CREDENTIAL),
		},
		{
			id: 'e2e-delete',
			name: 'Delete',
			type: ACTION_TYPE,
			typeVersion: 1,
			position: [1320, 0],
			parameters: { resource: 'interview', operation: 'delete', interviewId: `={{ $('${SHAPES.existingNone}').item.json.id }}` },
			credentials: cred(DEMO_CREDENTIAL),
		},
		johnsInterviewsNode('e2e-getall', 1540),
	];
	return linearWorkflow({ id: SHAPES_WORKFLOW_ID, name: 'E2E: InstaView create shapes, get, delete, get many' }, nodes);
}

/** A bare InstaView Trigger on the trigger key, polling every minute. */
export function triggerWorkflow(): WorkflowJson {
	return {
		name: 'E2E: InstaView Trigger',
		active: false,
		nodes: [
			{
				id: 'e2e-trigger',
				name: 'InstaView Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'analysisCompleted', scope: 'all', options: {} },
				credentials: cred(TRIGGER_CREDENTIAL),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}
