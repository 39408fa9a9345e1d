/**
 * End-to-end proof on a real n8n (see README "Testing"): the packed package installed the way n8n
 * installs community packages, the standalone emulator with demo data, real executions.
 *
 *   npm run test:e2e
 *
 * Env: E2E_CACHE_DIR (Node 24 + n8n cache), E2E_RUN_DIR (per-run folders), E2E_SKIP_BROWSER=1,
 * E2E_CHROMIUM (browser binary), E2E_KEEP=1 (leave the run folder's logs; they are kept anyway).
 */
import assert from 'node:assert/strict';

import { ALL_SCOPES, DEMO_API_KEY, DEMO_IDS } from '../emulator';
import { browserCheck, findChromium } from './lib/browser';
import { checkAgentUsesTool } from './scenarios/agent';
import {
	ACTION_TYPE,
	activateWorkflow,
	buildAndPack,
	createWorkflow,
	emulatorControl,
	emulatorRequests,
	ensureToolchain,
	exampleId,
	executeWorkflow,
	getExecution,
	importCredentials,
	importWorkflows,
	installPackage,
	listExecutions,
	log,
	logTail,
	makeRunDir,
	nodeBinary,
	nodeItems,
	prepareN8n,
	readExamples,
	rest,
	setupOwner,
	startEmulatorProcess,
	startN8nServer,
	stopAll,
	TRIGGER_TYPE,
	waitFor,
	withCredential,
	type ExecutionData,
	type ExecutionSummary,
	type LoggedRequest,
	type N8nInstance,
	type WorkflowJson,
} from './lib/stack';
import { checkResourceExamples, checkStatusMoves, withEmulatorUrl } from './scenarios/resources';
import { checkWebhookTrigger, WEBHOOK_TRIGGER_TYPE } from './scenarios/webhook';
import { credentials, DEMO_CREDENTIAL, SHAPES, SHAPES_WORKFLOW_ID, shapesWorkflow, TRIGGER_KEY, triggerWorkflow } from './lib/workflows';

let passed = 0;
let failed = 0;
const timings: Array<[string, number]> = [];
let n8n: N8nInstance | undefined;

/** One named check; a failure stops the run (later checks depend on the state the earlier ones built). */
function pass(name: string): void {
	passed++;
	log(`PASS ${name}`);
}

async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
	const start = Date.now();
	log(`== ${name}`);
	try {
		return await fn();
	} finally {
		timings.push([name, (Date.now() - start) / 1000]);
	}
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const bearer = (r: LoggedRequest) => String(r.headers.authorization ?? '');
const firstExec = (d: ExecutionData) => d.data.resultData.error?.message ?? d.data.resultData.lastNodeExecuted;

function assertSuccess(exec: ExecutionData, what: string): void {
	const errors = Object.entries(exec.data.resultData.runData)
		.filter(([, runs]) => runs.some((r) => r.error))
		.map(([node, runs]) => `${node}: ${runs.find((r) => r.error)?.error?.message}`);
	assert.equal(exec.status, 'success', `${what}: status ${exec.status} (${firstExec(exec)}) ${errors.join('; ')}`);
}

// ------------------------------------------------------------------ b) the four create shapes, get, delete, get many

async function checkShapes(emuUrl: string): Promise<void> {
	await emulatorControl(emuUrl, 'DELETE', '/requests');
	const exec = await executeWorkflow(n8n!, SHAPES_WORKFLOW_ID);
	assertSuccess(exec, 'shapes workflow');
	const created = Object.fromEntries(
		Object.values(SHAPES).map((name) => {
			const items = nodeItems(exec, name);
			assert.equal(items.length, 1, `${name}: ${items.length} items`);
			assert.match(String(items[0].id), UUID, `${name}: no interview id`);
			return [name, items[0]];
		}),
	);
	const posts = (await emulatorRequests(emuUrl, '?method=POST&path=/interviews')).filter((r) => r.path === '/interviews');
	assert.equal(posts.length, 4, `emulator saw ${posts.length} POST /interviews`);
	for (const p of posts) {
		assert.equal(p.authOk, true, 'POST /interviews not authorised');
		assert.equal(p.status, 201, `POST /interviews answered ${p.status}`);
		assert.equal(bearer(p), `Bearer ${DEMO_API_KEY}`);
	}
	const [b1, b2, b3, b4] = posts.map((p) => p.body as Record<string, unknown>);
	const keys = (b: Record<string, unknown>) => Object.keys(b).filter((k) => k !== 'agentId').sort().join(',');
	// 1. existing candidate, no job
	assert.equal(b1.agentId, DEMO_IDS.agents.screening);
	assert.equal(b1.candidateId, DEMO_IDS.candidates.jane);
	assert.equal(keys(b1), 'candidateId', `shape 1 body keys ${keys(b1)}`);
	assert.equal(created[SHAPES.existingNone].candidateId, DEMO_IDS.candidates.jane);
	assert.equal(created[SHAPES.existingNone].jobId, DEMO_IDS.jobs.backend, 'shape 1: InstaView should pick Jane\'s only job');
	pass('b) create: existing candidate + no job (body {agentId, candidateId}; the API picked the candidate\'s only job)');
	// 2. existing candidate, inline job
	assert.equal(b2.candidateId, DEMO_IDS.candidates.john);
	assert.equal(keys(b2), 'candidateId,job', `shape 2 body keys ${keys(b2)}`);
	const job2 = b2.job as Record<string, unknown>;
	assert.equal(job2.jobTitle, 'E2E Inline Job For John');
	assert.deepEqual(job2.requiredSkills, ['TypeScript', 'Testing']);
	assert.deepEqual(job2.location, { workMode: 'REMOTE', countryCode: 'SK' });
	const out2 = created[SHAPES.existingNew];
	assert.equal(out2.candidateId, DEMO_IDS.candidates.john);
	assert.match(String(out2.jobId), UUID);
	assert.ok(![DEMO_IDS.jobs.backend, DEMO_IDS.jobs.designer].includes(String(out2.jobId)), 'shape 2: expected a new job');
	pass('b) create: existing candidate + inline job (body {candidateId, job{jobTitle, requiredSkills[], location}}; a new job id came back)');
	// 3. inline candidate, existing job
	assert.equal(keys(b3), 'candidate,jobId', `shape 3 body keys ${keys(b3)}`);
	assert.equal(b3.jobId, DEMO_IDS.jobs.designer);
	const cand3 = b3.candidate as Record<string, unknown>;
	assert.equal(cand3.firstName, 'Eve');
	assert.equal(cand3.email, 'eve.existingjob@example.com');
	assert.match(String(cand3.gdprExpiryDate), /^\d{4}-\d{2}-\d{2}$/);
	const out3 = created[SHAPES.newExisting];
	assert.equal(out3.jobId, DEMO_IDS.jobs.designer);
	assert.match(String(out3.candidateId), UUID);
	assert.ok(!Object.values(DEMO_IDS.candidates).includes(String(out3.candidateId)), 'shape 3: expected a new candidate');
	pass('b) create: inline candidate + existing job (body {candidate{firstName, lastName, email, gdprExpiryDate}, jobId})');
	// 4. inline candidate, inline job
	assert.equal(keys(b4), 'candidate,job', `shape 4 body keys ${keys(b4)}`);
	assert.equal((b4.candidate as Record<string, unknown>).lastName, 'Newjob');
	assert.equal((b4.job as Record<string, unknown>).jobTitle, 'E2E Inline Job For Nina');
	const out4 = created[SHAPES.newNew];
	assert.ok(!Object.values(DEMO_IDS.candidates).includes(String(out4.candidateId)));
	assert.ok(![DEMO_IDS.jobs.backend, DEMO_IDS.jobs.designer, out2.jobId].includes(String(out4.jobId)));
	pass('b) create: inline candidate + inline job (body {candidate{...}, job{...}}; new candidate and job ids)');

	// Get
	const got = nodeItems(exec, 'Get');
	assert.equal(got.length, 1);
	assert.equal(got[0].id, out4.id);
	assert.equal(got[0].candidateId, out4.candidateId);
	const gets = await emulatorRequests(emuUrl, `?method=GET&path=/interviews/${String(out4.id)}`);
	assert.equal(gets.length, 1, `emulator saw ${gets.length} GET /interviews/${String(out4.id)}`);
	assert.equal(gets[0].status, 200);
	pass('b) get: returns the interview created inline (GET /interviews/:id seen once, 200)');
	// Delete
	const del = nodeItems(exec, 'Delete');
	assert.deepEqual(del, [{ deleted: true, id: created[SHAPES.existingNone].id }]);
	const dels = await emulatorRequests(emuUrl, `?method=DELETE&path=/interviews/${String(created[SHAPES.existingNone].id)}`);
	assert.equal(dels.length, 1);
	assert.ok(dels[0].status === 200 || dels[0].status === 204, `DELETE answered ${dels[0].status}`);
	const after = await fetch(`${emuUrl}/interviews/${String(created[SHAPES.existingNone].id)}`, { headers: { authorization: `Bearer ${DEMO_API_KEY}` } });
	assert.equal(after.status, 404, 'the deleted interview can still be read');
	pass('b) delete: {deleted: true, id} and the emulator answers 404 for it afterwards');
	// Get Many
	const many = nodeItems(exec, 'Get Many');
	const ids = many.map((i) => i.id);
	assert.ok(ids.includes(DEMO_IDS.interviews.johnScreening), 'Get Many misses John\'s seeded interview');
	assert.ok(ids.includes(out2.id), 'Get Many misses the interview created for John');
	assert.ok(many.every((i) => i.candidateId === DEMO_IDS.candidates.john));
	const lists = (await emulatorRequests(emuUrl, '?method=GET&path=/interviews')).filter((r) => r.path === '/interviews');
	assert.ok(lists.length >= 1 && lists.every((r) => r.query.candidateId === DEMO_IDS.candidates.john), 'GET /interviews without candidateId');
	pass(`b) get many: ${many.length} interviews of John, incl. the seeded and the new one (GET /interviews?candidateId=…)`);
}

// ------------------------------------------------------------------ examples run with n8n execute

async function checkManualExamples(emuUrl: string, examples: Array<{ file: string; workflow: WorkflowJson }>): Promise<void> {
	for (const { file, workflow } of examples) {
		if (workflow.nodes.some((n) => n.type === TRIGGER_TYPE || n.type === WEBHOOK_TRIGGER_TYPE)) continue; // activated on the server
		await emulatorControl(emuUrl, 'DELETE', '/requests');
		const exec = await executeWorkflow(n8n!, exampleId(file));
		assertSuccess(exec, file);
		if (file === 'schedule-interviews-from-rows.json') {
			const out = nodeItems(exec, 'Create Interview');
			assert.equal(out.length, 3, `${file}: ${out.length} interviews`);
			const posts = (await emulatorRequests(emuUrl, '?method=POST&path=/interviews')).filter((r) => r.path === '/interviews');
			assert.equal(posts.length, 3);
			const bodies = posts.map((p) => p.body as Record<string, Record<string, unknown>>);
			assert.deepEqual(bodies.map((b) => b.candidate.firstName), ['Olivia', 'Liam', 'Emma']);
			assert.deepEqual(bodies.map((b) => b.job.jobTitle), ['Customer Success Manager', 'Warehouse Team Lead', 'Junior Data Analyst']);
			assert.ok(bodies.every((b) => (b.isTest as unknown) === true && b.metadata && (b.metadata as Record<string, unknown>).source === 'n8n example'));
			assert.ok(out.every((i) => i.isTest === true && i.status === 'COMPLETED'), 'test interviews should complete at once');
			pass(`example ${file}: 3 rows → 3 interviews with inline candidate + job (isTest, metadata in the POST bodies)`);
		} else if (file === 'fetch-results-and-pdf.json') {
			const got = nodeItems(exec, 'Get Interview');
			assert.equal(got[0].id, DEMO_IDS.interviews.janeScreening);
			assert.equal(got[0].overallRating, 85);
			const bin = nodeBinary(exec, 'Get Analysis PDF')?.report;
			assert.ok(bin, 'no binary field "report"');
			assert.equal(bin.mimeType, 'application/pdf');
			const pdfReq = await emulatorRequests(emuUrl, `?method=GET&path=/interviews/${DEMO_IDS.interviews.janeScreening}/analysis-pdf`);
			assert.equal(pdfReq.length, 1);
			assert.equal(pdfReq[0].status, 200);
			pass(`example ${file}: Get (rating 85) + PDF as binary "report" (${String(nodeItems(exec, 'Get Analysis PDF')[0].fileSize)} bytes, application/pdf)`);
		} else {
			pass(`example ${file}: ran successfully (no specific assertions)`);
		}
	}
}

// ------------------------------------------------------------------ a) credential test endpoint

async function checkCredentialTest(emuUrl: string): Promise<void> {
	const test = (apiKey: string) =>
		rest<{ status: string; message: string }>(n8n!, 'POST', '/credentials/test', {
			// as the credential dialog sends it when testing edited values of a saved credential
			credentials: { id: DEMO_CREDENTIAL.id, name: DEMO_CREDENTIAL.name, type: 'instaviewApi', data: { apiKey, baseUrl: emuUrl, companyId: '' } },
		});
	await emulatorControl(emuUrl, 'DELETE', '/requests');
	const good = await test(DEMO_API_KEY);
	assert.equal(good.status, 'OK', `good key: ${JSON.stringify(good)}`);
	let log1 = await emulatorRequests(emuUrl, '?path=/candidates');
	assert.equal(log1.length, 1);
	assert.equal(log1[0].authOk, true);
	assert.equal(log1[0].status, 200);
	pass('a) credential test with the demo key: OK (emulator: GET /candidates, authorised, 200)');
	const badKey = 'sk_test_thisKeyDoesNotExist00000000000000000000000';
	const bad = await test(badKey);
	assert.equal(bad.status, 'Error', `bad key: ${JSON.stringify(bad)}`);
	const badReqs = (await emulatorRequests(emuUrl, '?path=/candidates')).slice(1);
	const summary = JSON.stringify(badReqs.map((r) => ({ t: r.t, auth: bearer(r).slice(0, 20), status: r.status, query: r.query })));
	assert.ok(badReqs.length >= 1, 'the bad key was not sent');
	assert.ok(badReqs.every((r) => bearer(r) === `Bearer ${badKey}` && !r.authOk && r.status === 401), summary);
	pass(`a) credential test with an unknown key: Error "${bad.message}" (emulator: ${badReqs.length} × GET /candidates with that key, 401)`);
}

// ------------------------------------------------------------------ c) trigger on a running n8n

async function executionsOf(workflowId: string): Promise<ExecutionSummary[]> {
	return (await listExecutions(n8n!, workflowId)).sort((a, b) => Number(a.id) - Number(b.id));
}

async function checkTrigger(emuUrl: string, example2Id: string | undefined): Promise<void> {
	const wf = await createWorkflow(n8n!, triggerWorkflow());
	const activationStart = Date.now() - 1000;
	await activateWorkflow(n8n!, wf.id);
	if (example2Id) await activateWorkflow(n8n!, example2Id);
	const activatedAt = Date.now();
	// activation runs poll() once (it may still be running when /activate has answered)
	await waitFor('the seeding poll at activation', async () => {
		const reqs = (await emulatorRequests(emuUrl, '?path=/candidates')).filter((r) => bearer(r) === `Bearer ${TRIGGER_KEY}`);
		return reqs.length >= 1;
	}, 60000, 250);
	// The example's seeding poll (demo key) must have had its first answer too: an analysis that
	// completes before that answer existed at activation, and is rightly not emitted.
	if (example2Id) {
		await waitFor('the example trigger\'s seeding poll', async () => {
			const reqs = (await emulatorRequests(emuUrl, '?path=/candidates')).filter((r) => bearer(r) === `Bearer ${DEMO_API_KEY}` && Date.parse(r.t) >= activationStart);
			return reqs.length >= 1;
		}, 60000, 250);
	}
	await new Promise((r) => setTimeout(r, 1500));
	assert.equal((await executionsOf(wf.id)).length, 0, 'the activation poll (seeding) must not emit');
	pass('c) activation ran the seeding poll (requests with the trigger key) and emitted nothing');

	// new interviews, created and completed only after activation
	const mk = (candidateId: string, agentId: string, jobId?: string) =>
		emulatorControl<{ id: string }>(emuUrl, 'POST', '/interviews', { candidateId, agentId, jobId, scheduledAt: new Date().toISOString() });
	// X is a demo candidate's interview: demo ids share long prefixes (cafe0001-0000-…), which
	// once hid a completion from the trigger. Y belongs to a candidate created after activation.
	const candidate = (firstName: string, jobIds: string[]) =>
		emulatorControl<{ id: string }>(emuUrl, 'POST', '/candidates', { firstName, lastName: 'Trigger', email: `${firstName.toLowerCase()}.trigger@example.com`, jobIds });
	const x = { id: DEMO_IDS.interviews.mariaScreening };
	const y = await mk((await candidate('Yara', [])).id, DEMO_IDS.agents.generic);
	await emulatorControl(emuUrl, 'POST', `/interviews/${x.id}/advance`, { status: 'COMPLETED', analysisStatus: 3, overallRating: 91 });
	log(`   completed analysis of interview X ${x.id} (rating 91); waiting for a scheduled poll (up to ~75 s)`);

	const waitExecs = (n: number) =>
		waitFor(`${n} trigger execution(s)`, async () => {
			const list = await executionsOf(wf.id);
			return list.length >= n && list.every((e) => e.status !== 'running' && e.status !== 'new') ? list : undefined;
		}, 100000, 1000);
	const itemsOf = async (e: ExecutionSummary) => {
		const data = await getExecution(n8n!, e.id);
		assertSuccess(data, `trigger execution ${e.id}`);
		return nodeItems(data, 'InstaView Trigger');
	};
	let execs = await waitExecs(1);
	assert.equal(execs.length, 1, `${execs.length} executions after the first completed analysis`);
	assert.equal(execs[0].mode, 'trigger');
	let items = await itemsOf(execs[0]);
	assert.equal(items.length, 1, `first poll emitted ${items.length} items`);
	assert.equal(items[0].id, x.id);
	assert.equal(items[0].overallRating, 91);
	assert.equal(items[0].event, 'analysis.completed');
	assert.equal(items[0].analysisStatus, 'COMPLETED');
	pass(`c) scheduled poll 1 (${Math.round((Date.parse(execs[0].startedAt) - activatedAt) / 1000)} s after activation): one execution with exactly interview X`);

	await emulatorControl(emuUrl, 'POST', `/interviews/${y.id}/advance`, { status: 'COMPLETED', analysisStatus: 3, overallRating: 64 });
	log(`   completed analysis of interview Y ${y.id} (rating 64); waiting for the next scheduled poll`);
	execs = await waitExecs(2);
	assert.equal(execs.length, 2);
	items = await itemsOf(execs[1]);
	assert.equal(items.length, 1, `second poll emitted ${items.length} items`);
	assert.equal(items[0].id, y.id, 'second poll must emit Y only (X is not emitted again)');
	assert.equal(items[0].overallRating, 64);
	pass(`c) scheduled poll 2 (${Math.round((Date.parse(execs[1].startedAt) - Date.parse(execs[0].startedAt)) / 1000)} s later): one execution with exactly interview Y`);

	// one more scheduled poll with nothing new: it must run (requests seen) and emit nothing
	const after = Date.parse(execs[1].startedAt) + 5000;
	await waitFor('a third scheduled poll', async () => {
		const reqs = (await emulatorRequests(emuUrl, '?path=/candidates')).filter((r) => bearer(r) === `Bearer ${TRIGGER_KEY}` && Date.parse(r.t) > after);
		return reqs.length > 0;
	}, 100000, 1000);
	await new Promise((r) => setTimeout(r, 4000));
	execs = await executionsOf(wf.id);
	assert.equal(execs.length, 2, `a poll with nothing new started execution(s): ${execs.length}`);
	pass('c) scheduled poll 3 (nothing new) ran and started no execution: exactly one execution per completed analysis');

	if (example2Id) {
		// The example's trigger polls on its own random second; over its polls X and Y must each be seen once.
		type Seen = { exec: string; node: string; id: unknown; rating: unknown; message?: unknown };
		const seen = await waitFor('the example trigger workflow to see X and Y', async () => {
			const list = await executionsOf(example2Id);
			if (list.some((e) => e.status === 'running' || e.status === 'new')) return undefined;
			const out: Seen[] = [];
			for (const e of list) {
				const data = await getExecution(n8n!, e.id);
				assertSuccess(data, `example trigger execution ${e.id}`);
				for (const it of nodeItems(data, 'Notify Recruiter')) out.push({ exec: e.id, node: 'Notify Recruiter', id: it.interviewId, rating: it.overallRating, message: it.message });
				for (const it of nodeItems(data, 'Below Threshold')) out.push({ exec: e.id, node: 'Below Threshold', id: it.id, rating: it.overallRating });
			}
			return out.length >= 2 ? out : undefined;
		}, 100000, 2000);
		assert.equal(seen.length, 2, `example saw ${JSON.stringify(seen)}`);
		const sx = seen.find((s) => s.id === x.id);
		const sy = seen.find((s) => s.id === y.id);
		assert.ok(sx && sy, JSON.stringify(seen));
		assert.equal(sx.node, 'Notify Recruiter');
		assert.equal(sx.rating, 91);
		// The loop a recruiter wants: who, for which job, and the rating, in one message.
		assert.match(String(sx.message), /^Maria Garcia \(maria\.garcia@example\.com\) was rated 91\/100 for Product Designer /, String(sx.message));
		assert.equal(sy.node, 'Below Threshold');
		pass(`example notify-on-high-rating.json (activated): X (91) reached "Notify Recruiter" with "${String(sx.message).slice(0, 80)}…", Y (64) went to "Below Threshold", each once`);
	}
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
	if (process.env.E2E_SETUP_SECONDS) timings.push(['setup.sh: Node 24 + n8n, installed or reused', Number(process.env.E2E_SETUP_SECONDS)]);
	const tc = await phase('toolchain (Node 24 + n8n in the cache)', ensureToolchain);
	log(`   cache ${tc.cache}, n8n ${tc.n8nVersion}`);
	const runDir = makeRunDir(tc, 'e2e');
	log(`   run folder ${runDir}`);
	n8n = await prepareN8n(tc, runDir);
	n8n.env.WEBHOOK_URL = `${n8n.url}/`; // what InstaView is given; the emulator accepts loopback http
	await phase('build, pack, install into the n8n user folder', async () => {
		const tgz = await buildAndPack(runDir);
		await installPackage(n8n!.userFolder, tgz);
	});
	const emu = await phase('start the emulator (demo data)', () => startEmulatorProcess(runDir));
	log(`   emulator ${emu.url}`);
	await emulatorControl(emu.url, 'POST', '/api-keys', { key: TRIGGER_KEY, scopes: ALL_SCOPES });

	const examples = readExamples();
	assert.ok(examples.length >= 3, 'examples/ should hold at least 3 workflows');
	let example2Id: string | undefined;
	await phase('import credentials and workflows (n8n CLI)', async () => {
		await importCredentials(n8n!, credentials(emu.url, true));
		const wfs = [shapesWorkflow()];
		for (const { file, workflow } of examples) {
			wfs.push(withCredential(withEmulatorUrl({ ...workflow, id: exampleId(file), active: false }, emu.url), DEMO_CREDENTIAL));
			if (workflow.nodes.some((n) => n.type === TRIGGER_TYPE)) example2Id = exampleId(file);
		}
		await importWorkflows(n8n!, wfs);
	});
	pass(`imported 2 credentials, the shapes workflow and ${examples.length} examples`);

	await phase('b) shapes workflow via n8n execute', () => checkShapes(emu.url));
	const scheduled = await phase('resources: sync twice, job from posting, usage check', () => checkResourceExamples(n8n!, emu.url, pass));
	await phase('examples via n8n execute', () => checkManualExamples(emu.url, examples));
	const agent = await phase('AI agent uses the InstaView tool (n8n execute)', () => checkAgentUsesTool(n8n!, emu.url));
	pass(`AI agent: the model was offered "${agent.toolName}" ("${agent.toolDescription.slice(0, 60)}…"), called it once, and the emulator got exactly POST /interviews ${JSON.stringify(agent.body)} (${agent.modelCalls} model calls)`);

	await phase('start n8n, owner setup', async () => {
		await startN8nServer(n8n!);
		await setupOwner(n8n!);
		const res = await fetch(`${n8n!.url}/types/nodes.json`, { headers: { cookie: n8n!.cookie ?? '' } });
		const types = (await res.json()) as Array<{ name: string }>;
		assert.ok(Array.isArray(types), `/types/nodes.json: ${JSON.stringify(types).slice(0, 200)}`);
		for (const t of [ACTION_TYPE, TRIGGER_TYPE]) assert.ok(types.some((x) => x.name === t), `${t} not loaded`);
	});
	pass(`n8n ${tc.n8nVersion} serves ${n8n.url}; /types/nodes.json lists ${ACTION_TYPE} and ${TRIGGER_TYPE}`);
	await phase('a) credential test', () => checkCredentialTest(emu.url));

	const chromium = process.env.E2E_SKIP_BROWSER === '1' ? undefined : findChromium();
	if (!chromium) log(`   browser check skipped (${process.env.E2E_SKIP_BROWSER === '1' ? 'E2E_SKIP_BROWSER=1' : 'no chromium found; apt-get install chromium'})`);
	// the browser check runs while the trigger waits for its scheduled polls
	await Promise.all([
		phase('c) trigger: activation + scheduled polls', () => checkTrigger(emu.url, example2Id)),
		chromium
			? phase('browser: parameter panel per create shape', async () => {
					const { shots, editor } = await browserCheck(n8n!, chromium, SHAPES_WORKFLOW_ID, Object.values(SHAPES));
					for (const s of shots) pass(`browser: "${s.node}" shows [${s.shown.join(', ')}], hides [${s.hidden.join(', ')}] (${s.file})`);
					pass(`browser: plain labels [${editor.createLabels.join(', ')}] in Create, [${editor.triggerLabels.join(', ')}] in the trigger; Job picker for Jane lists only [${editor.jobEntries.join(', ')}]; agents read as words ("${editor.agentEntries[0]}"); the trigger's test event shows name and job title (${editor.files.join(', ')})`);
				})
			: Promise.resolve(),
	]);
	await phase('resources: candidate status moved by rating (activated example)', () => checkStatusMoves(n8n!, emu.url, scheduled, pass));
	await phase('d) webhook trigger: registration, deliveries, restart, cycles, latency', () => checkWebhookTrigger(n8n!, emu.url, pass));
}

const started = Date.now();
let exitCode = 0;
main()
	.catch((e: Error) => {
		failed++;
		exitCode = 1;
		process.stdout.write(`\nFAIL: ${e.stack ?? e.message}\n\n${logTail(n8n)}\n`);
	})
	.finally(async () => {
		await stopAll();
		process.stdout.write('\nTimings:\n');
		for (const [name, s] of timings) process.stdout.write(`  ${s.toFixed(1).padStart(7)} s  ${name}\n`);
		const total = (Date.now() - started) / 1000 + Number(process.env.E2E_SETUP_SECONDS ?? 0);
		process.stdout.write(`  ${total.toFixed(1).padStart(7)} s  total\n`);
		if (n8n) process.stdout.write(`Logs: ${n8n.runDir}\n`);
		process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
		process.exit(exitCode);
	});

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
	process.on(sig, () => {
		void stopAll().then(() => process.exit(130));
	});
}
