/**
 * Candidate, Job and Billing in a real n8n: the "sync applicants" example run twice (the second
 * run creates nothing), the job read from a posting URL, interviews scheduled for the new
 * candidates, the usage check in front of the rows example (both branches), and the "move the
 * candidate on" example activated so completed analyses change candidate statuses by rating.
 */
import assert from 'node:assert/strict';

import { DEMO_API_KEY, DEMO_IDS } from '../../emulator';
import {
	activateWorkflow,
	deactivateWorkflow,
	emulatorControl,
	emulatorRequests,
	exampleId,
	executeWorkflow,
	getExecution,
	importCredentials,
	importWorkflows,
	listExecutions,
	log,
	nodeItems,
	readExamples,
	waitFor,
	withCredential,
	type ExecutionData,
	type LoggedRequest,
	type N8nInstance,
	type WorkflowJson,
} from '../lib/stack';

type Pass = (name: string) => void;

/** The examples point at the emulator `npm run dev` starts on port 4010; the e2e's runs elsewhere. */
const EXAMPLE_EMULATOR = 'http://127.0.0.1:4010';
export function withEmulatorUrl(workflow: WorkflowJson, emuUrl: string): WorkflowJson {
	return JSON.parse(JSON.stringify(workflow).split(EXAMPLE_EMULATOR).join(emuUrl)) as WorkflowJson;
}

const SYNC = 'sync-applicants-and-interview.json';
const MOVE = 'move-candidate-on-analysis.json';
const ROWS = 'schedule-interviews-from-rows.json';
/** The status-moving trigger polls with its own key, so its requests can be told apart. */
const MOVER_KEY = 'sk_test_e2emover0000000000000000000000000000000000';
const MOVER_CREDENTIAL = { id: 'instaviewMove001', name: 'InstaView status mover (e2e)' };

const example = (file: string) => {
	const found = readExamples().find((entry) => entry.file === file);
	assert.ok(found, `examples/${file} is missing`);
	return found.workflow;
};
const call = (r: LoggedRequest) => `${r.method} ${r.path}`;
const apiLog = async (emuUrl: string) => (await emulatorRequests(emuUrl)).filter((r) => r.authOk);
const candidateCount = async (emuUrl: string) =>
	(await emulatorControl<{ counts: { candidates: number } }>(emuUrl, 'GET', '/state')).counts.candidates;

function assertRan(exec: ExecutionData, what: string): void {
	const failed = Object.entries(exec.data.resultData.runData).find(([, runs]) => runs.some((run) => run.error));
	assert.equal(exec.status, 'success', `${what}: ${exec.status} ${failed ? `${failed[0]}: ${failed[1].find((r) => r.error)?.error?.message}` : ''}`);
}

export interface ScheduledForMoves {
	interviewIds: string[];
	candidateIds: string[];
}

/** Before n8n serves: runs the manual examples of these resources with n8n execute. */
export async function checkResourceExamples(n8n: N8nInstance, emuUrl: string, pass: Pass): Promise<ScheduledForMoves> {
	const postingUrl = `${emuUrl}/postings/backend-engineer`;
	const syncId = exampleId(SYNC);

	// Run 1: three new applicants → created, one job from the posting, assigned, interviewed.
	await emulatorControl(emuUrl, 'DELETE', '/requests');
	const before = await candidateCount(emuUrl);
	const first = await executeWorkflow(n8n, syncId);
	assertRan(first, `${SYNC} run 1`);
	const upserted = nodeItems(first, 'Create or Update Candidate');
	assert.deepEqual(upserted.map((c) => c.upsertResult), ['created', 'created', 'created']);
	assert.equal(await candidateCount(emuUrl), before + 3);
	let requests = await apiLog(emuUrl);
	assert.equal(requests.filter((r) => call(r) === 'GET /candidates').length, 1, 'one read of the candidates for the whole run');
	const posts = requests.filter((r) => call(r) === 'POST /candidates');
	assert.equal(posts.length, 3);
	assert.deepEqual(posts.map((r) => (r.body as Record<string, unknown>).email), ['sofia.martin@example.com', 'Lucas.Novak@example.com', 'mila.horvat@example.com']);
	pass(`${SYNC} run 1: 3 rows → 3 candidates created (1 GET /candidates for the run, 3 POST /candidates)`);

	const [job] = nodeItems(first, 'Job from Posting');
	const fromUrl = requests.filter((r) => call(r) === 'POST /jobs/url');
	assert.equal(fromUrl.length, 1, 'the job is read from the posting once for all new candidates');
	assert.deepEqual(fromUrl[0].body, { jobUrl: postingUrl, createJob: true });
	assert.equal(fromUrl[0].status, 201);
	assert.equal(job.title, 'Senior Backend Engineer (Node.js)');
	assert.equal(job.sourceUrl, postingUrl);
	const patches = requests.filter((r) => r.method === 'PATCH');
	assert.deepEqual(patches.map((r) => r.body), upserted.map(() => ({ jobIds: [job.id], status: 'IN_PROCESS' })));
	const interviews = nodeItems(first, 'Schedule Interview');
	const interviewPosts = requests.filter((r) => call(r) === 'POST /interviews');
	assert.deepEqual(
		interviewPosts.map((r) => r.body),
		upserted.map((c) => ({ agentId: DEMO_IDS.agents.screening, candidateId: c.id, jobId: job.id, metadata: { source: 'n8n example' } })),
	);
	assert.ok(interviews.length === 3 && interviews.every((i) => i.jobId === job.id && i.status === 'SCHEDULED'));
	pass(`${SYNC} run 1: job "${String(job.title)}" created from ${postingUrl} (POST /jobs/url once), assigned to the 3 (PATCH jobIds), 3 interviews scheduled for that job`);

	// Run 2: the same rows again.
	await emulatorControl(emuUrl, 'DELETE', '/requests');
	const second = await executeWorkflow(n8n, syncId);
	assertRan(second, `${SYNC} run 2`);
	assert.deepEqual(nodeItems(second, 'Create or Update Candidate').map((c) => [c.id, c.upsertResult]), upserted.map((c) => [c.id, 'unchanged']));
	assert.equal(nodeItems(second, 'Already in InstaView').length, 3);
	assert.equal(nodeItems(second, 'Job from Posting').length, 0);
	requests = await apiLog(emuUrl);
	assert.deepEqual(requests.map(call), ['GET /candidates'], `run 2 sent ${requests.map(call).join(', ')}`);
	assert.equal(await candidateCount(emuUrl), before + 3);
	pass(`${SYNC} run 2: the same rows are all "unchanged"; the only request is one GET /candidates; no candidate, job or interview created`);

	// The usage check in front of the rows example: under the threshold the rows go on …
	await emulatorControl(emuUrl, 'DELETE', '/requests');
	const rows = await executeWorkflow(n8n, exampleId(ROWS));
	assertRan(rows, ROWS);
	requests = await apiLog(emuUrl);
	assert.equal(requests.filter((r) => call(r) === 'GET /billing/usage').length, 1, 'usage is read once per run');
	assert.deepEqual(requests.find((r) => r.path === '/billing/usage')?.query, {});
	assert.equal(typeof nodeItems(rows, 'Check Usage')[0]?.totalMinutesUsed, 'number');
	assert.equal(nodeItems(rows, 'Create Interview').length, 3);
	pass(`${ROWS}: usage read once (GET /billing/usage, InstaView's default period, ${String(nodeItems(rows, 'Check Usage')[0].totalMinutesUsed)} minutes), under the threshold → 3 interviews`);
	// … and above it nothing is scheduled.
	const gated = withCredential(withEmulatorUrl(example(ROWS), emuUrl), MOVER_CREDENTIAL);
	const gatedId = 'exUsageGateZero0';
	gated.id = gatedId;
	gated.name = `${gated.name} (threshold 0)`;
	for (const node of gated.nodes) {
		if (node.name === 'Under Budget?') {
			const conditions = (node.parameters as { conditions: { conditions: Array<{ rightValue: unknown }> } }).conditions.conditions;
			conditions[0].rightValue = 0;
		}
	}
	await emulatorControl(emuUrl, 'POST', '/api-keys', { key: MOVER_KEY, scopes: ['read:candidates', 'write:candidates', 'read:jobs', 'read:interviews', 'read:agents', 'read:billing'] });
	await importCredentials(n8n, [{ ...MOVER_CREDENTIAL, apiKey: MOVER_KEY, baseUrl: emuUrl }]);
	await importWorkflows(n8n, [gated, withCredential({ ...example(MOVE), id: exampleId(MOVE), active: false }, MOVER_CREDENTIAL)]);
	await emulatorControl(emuUrl, 'DELETE', '/requests');
	let stopped: ExecutionData;
	try {
		stopped = await executeWorkflow(n8n, gatedId);
	} catch (error) {
		// n8n's CLI has once exited 1 after printing a successful run; this workflow only reads
		// usage, so running it again is harmless (the others create things and are never re-run).
		if (!/exited 1 with status success/.test(String(error))) throw error;
		log(`   ${String(error).split('\n')[0]}; running the read-only workflow once more`);
		await emulatorControl(emuUrl, 'DELETE', '/requests');
		stopped = await executeWorkflow(n8n, gatedId);
	}
	assertRan(stopped, `${ROWS} with threshold 0`);
	assert.equal(nodeItems(stopped, 'Usage Above Threshold').length, 1);
	assert.equal(nodeItems(stopped, 'Create Interview').length, 0);
	assert.deepEqual((await apiLog(emuUrl)).map(call), ['GET /billing/usage']);
	pass(`${ROWS} with the threshold at 0: "Usage Above Threshold", no interview created (only GET /billing/usage sent)`);

	return { interviewIds: interviews.map((i) => String(i.id)), candidateIds: upserted.map((c) => String(c.id)) };
}

/** With n8n serving: the activated "move the candidate on" example reacts to completed analyses. */
export async function checkStatusMoves(n8n: N8nInstance, emuUrl: string, scheduled: ScheduledForMoves, pass: Pass): Promise<void> {
	const id = exampleId(MOVE);
	const mover = (r: LoggedRequest) => String(r.headers.authorization ?? '') === `Bearer ${MOVER_KEY}`;
	await activateWorkflow(n8n, id);
	try {
		await waitFor('the status mover\'s first poll', async () => (await emulatorRequests(emuUrl)).some((r) => mover(r) && call(r) === 'GET /candidates'), 60000, 250);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const ratings = [88, 45, 70];
		const expected = ['ACCEPTED', 'REJECTED', 'ACCEPTED'];
		for (const [k, interviewId] of scheduled.interviewIds.entries()) {
			await emulatorControl(emuUrl, 'POST', `/interviews/${interviewId}/advance`, { status: 'COMPLETED', analysisStatus: 3, overallRating: ratings[k] });
		}
		log(`   completed the analyses of the 3 scheduled interviews (ratings ${ratings.join(', ')}); waiting for the status mover's scheduled poll`);
		const updates = await waitFor('3 status updates by the mover', async () => {
			const executions = await listExecutions(n8n, id);
			if (executions.some((e) => e.status === 'running' || e.status === 'new')) return undefined;
			const patches = (await emulatorRequests(emuUrl)).filter((r) => mover(r) && r.method === 'PATCH');
			return patches.length >= 3 ? { executions, patches } : undefined;
		}, 110000, 2000);
		for (const execution of updates.executions) assertRan(await getExecution(n8n, execution.id), `status mover execution ${execution.id}`);
		const byCandidate = Object.fromEntries(updates.patches.map((r) => [r.path.split('/').pop(), (r.body as { status?: string }).status]));
		assert.equal(updates.patches.length, 3, `the mover sent ${updates.patches.length} updates`);
		assert.deepEqual(scheduled.candidateIds.map((c) => byCandidate[c]), expected);
		for (const [k, candidateId] of scheduled.candidateIds.entries()) {
			const res = await fetch(`${emuUrl}/candidates/${candidateId}`, { headers: { authorization: `Bearer ${DEMO_API_KEY}` } });
			assert.equal(((await res.json()) as { data: { status: string } }).data.status, expected[k]);
		}
		pass(`${MOVE} (activated): analyses rated 88, 45, 70 moved their candidates to ${expected.join(', ')} (PATCH /candidates/:id by the trigger's workflow)`);
	} finally {
		await deactivateWorkflow(n8n, id);
	}
}
