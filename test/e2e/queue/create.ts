/** Actions in queue mode: a webhook workflow on a worker, a bulk create on both workers, a worker killed mid-create. */
import assert from 'node:assert/strict';

import { DEMO_IDS } from '../../emulator';
import { emulatorControl, emulatorRequests, getExecution, waitFor } from '../lib/stack';
import { logHas, signalN8nProcess, startN8nProcess, workerOf } from './lib/cluster';
import { callWebhook, executionsOf, isDone, waitForAbandoned, type Ctx, type ExecRow } from './lib/context';
import { figure, pass } from './lib/report';
import { BULK_PATH, BULK_WORKFLOW_ID, GET_MANY_PATH, GET_MANY_WORKFLOW_ID, type BulkRow } from './lib/workflows';

export async function checkGetManyOnWorker(ctx: Ctx, label: string): Promise<void> {
	const before = (await executionsOf(ctx, GET_MANY_WORKFLOW_ID)).length;
	const res = await callWebhook(ctx, 'GET', GET_MANY_PATH);
	const body = await res.text();
	assert.equal(res.status, 200, body);
	const first = JSON.parse(body) as Record<string, unknown>;
	assert.equal(first.id, DEMO_IDS.interviews.johnScreening, body.slice(0, 300));
	const execs = await executionsOf(ctx, GET_MANY_WORKFLOW_ID);
	assert.equal(execs.length, before + 1);
	const last = execs[execs.length - 1];
	const worker = workerOf(ctx.cluster, last.id);
	assert.ok(worker, `execution ${last.id} was not started by a worker`);
	assert.ok(logHas(ctx.cluster.main, new RegExp(`Enqueued execution ${last.id} `)), `main did not enqueue ${last.id}`);
	pass(`${label}: webhook → Get Many answered John's interview; execution ${last.id} enqueued by main, run by ${worker} with the decrypted credential`);
}

const BULK = { executions: 6, rowsPerExecution: 25, perWindow: 25, windowMs: 5000 };

export async function checkBulkCreate(ctx: Ctx): Promise<void> {
	const items = BULK.executions * BULK.rowsPerExecution;
	const boundMs = (items / BULK.perWindow) * BULK.windowMs;
	await emulatorControl(ctx.emu.url, 'POST', '/rate-limit', { perMinute: BULK.perWindow, perHour: 1000000, windowMs: BULK.windowMs });
	await emulatorControl(ctx.emu.url, 'DELETE', '/requests');
	const batches: BulkRow[][] = Array.from({ length: BULK.executions }, (_, e) =>
		Array.from({ length: BULK.rowsPerExecution }, (_, r) => ({ firstName: 'Bulk', lastName: `Row ${e}-${r}`, email: `bulk.${e}.${r}@example.com` })),
	);
	const started = Date.now();
	const answers = await Promise.all(batches.map((rows) => callWebhook(ctx, 'POST', BULK_PATH, { rows })));
	assert.ok(answers.every((r) => r.status === 200), `webhook answers ${answers.map((r) => r.status).join(',')}`);
	const execs = await waitFor(
		`${BULK.executions} bulk executions to finish`,
		async () => {
			const list = await executionsOf(ctx, BULK_WORKFLOW_ID);
			return list.length >= BULK.executions && list.every(isDone) ? list : undefined;
		},
		boundMs * 3,
		500,
	);
	const wallMs = Math.max(...execs.map((e) => e.stoppedMs)) - started;
	await emulatorControl(ctx.emu.url, 'POST', '/rate-limit', { perMinute: 60, perHour: 2000, windowMs: 60000 });

	assert.equal(execs.length, BULK.executions);
	assert.ok(execs.every((e) => e.status === 'success'), `statuses ${execs.map((e) => e.status).join(',')}`);
	let failedItems = 0;
	const createdIds = new Set<string>();
	for (const e of execs) {
		const out = (await getExecution(ctx.main, e.id)).data.resultData.runData['Create Interview']?.[0]?.data?.main?.[0] ?? [];
		assert.equal(out.length, BULK.rowsPerExecution, `execution ${e.id}: ${out.length} items`);
		for (const item of out) {
			if (item.json.error || typeof item.json.id !== 'string') failedItems++;
			else createdIds.add(item.json.id);
		}
	}
	const posts = (await emulatorRequests(ctx.emu.url, '?method=POST&path=/interviews')).filter((r) => r.path === '/interviews');
	const created = posts.filter((r) => r.status === 201);
	const refused = posts.filter((r) => r.status === 429).length;
	const emails = created.map((r) => ((r.body as Record<string, Record<string, unknown>>).candidate ?? {}).email);
	assert.equal(failedItems, 0, `${failedItems} failed items`);
	assert.equal(created.length, items, `${created.length} interviews created for ${items} rows`);
	assert.equal(new Set(emails).size, items, 'an interview was created twice for one row');
	assert.equal(createdIds.size, items);
	pass(`bulk create: ${items} rows in ${BULK.executions} executions → ${items} interviews, 0 failed items, 0 duplicates (${refused} requests refused with 429 and waited out)`);

	const byWorker = new Map<string, ExecRow[]>();
	for (const e of execs) {
		const w = workerOf(ctx.cluster, e.id);
		assert.ok(w, `bulk execution ${e.id} did not run on a worker`);
		byWorker.set(w, [...(byWorker.get(w) ?? []), e]);
	}
	const [w1 = [], w2 = []] = ctx.cluster.workers.map((w) => byWorker.get(w.name));
	const overlap = w1.some((a) => w2.some((b) => a.startedMs < b.stoppedMs && b.startedMs < a.stoppedMs));
	assert.ok(w1.length > 0 && w2.length > 0 && overlap, `executions per worker ${w1.length}/${w2.length}, overlapping: ${overlap}`);
	pass(`bulk create ran on both workers at once (worker1 ${w1.length} executions, worker2 ${w2.length}, overlapping in time)`);

	const ratio = wallMs / boundMs;
	figure(
		`bulk create: ${items} interviews, ${BULK.executions} executions on 2 workers, limit ${BULK.perWindow} requests / ${BULK.windowMs / 1000} s: ` +
			`${(wallMs / 1000).toFixed(1)} s vs bound ${(boundMs / 1000).toFixed(1)} s = ${ratio.toFixed(2)}×; ${posts.length} POSTs, ${refused} answered 429`,
	);
	assert.ok(ratio <= 1.2, `bulk create took ${ratio.toFixed(2)}× the rate-limit bound`);
	pass(`bulk create finished within 1.2× the rate-limit bound (${ratio.toFixed(2)}×)`);
}

/** SIGKILL a worker in the middle of a bulk create: nothing is created twice, n8n does not re-run it. */
export async function checkWorkerKilledDuringCreate(ctx: Ctx): Promise<void> {
	await emulatorControl(ctx.emu.url, 'POST', '/rate-limit', { perMinute: 4, perHour: 1000000, windowMs: 2000 });
	await emulatorControl(ctx.emu.url, 'DELETE', '/requests');
	const before = new Set((await executionsOf(ctx, BULK_WORKFLOW_ID)).map((e) => e.id));
	const rows = Array.from({ length: 30 }, (_, r) => ({ firstName: 'Crash', lastName: `Row ${r}`, email: `crash.${r}@example.com` }));
	await callWebhook(ctx, 'POST', BULK_PATH, { rows });
	const createdCount = async () => (await emulatorRequests(ctx.emu.url, '?method=POST&path=/interviews')).filter((r) => r.path === '/interviews' && r.status === 201).length;
	await waitFor('some interviews created', async () => (await createdCount()) >= 6, 60000, 200);
	const exec = (await executionsOf(ctx, BULK_WORKFLOW_ID)).find((e) => !before.has(e.id))!;
	const workerName = workerOf(ctx.cluster, exec.id);
	const worker = ctx.cluster.workers.find((w) => w.name === workerName);
	assert.ok(worker, `bulk execution ${exec.id} is not on a worker`);
	await signalN8nProcess(worker, 'SIGKILL');
	const atKill = await createdCount();
	const restart = startN8nProcess(worker);
	await waitForAbandoned(ctx, BULK_WORKFLOW_ID, exec.id);
	const posts = (await emulatorRequests(ctx.emu.url, '?method=POST&path=/interviews')).filter((r) => r.path === '/interviews' && r.status === 201);
	const emails = posts.map((r) => ((r.body as Record<string, Record<string, unknown>>).candidate ?? {}).email);
	const later = (await executionsOf(ctx, BULK_WORKFLOW_ID)).filter((e) => !before.has(e.id));
	await emulatorControl(ctx.emu.url, 'POST', '/rate-limit', { perMinute: 60, perHour: 2000, windowMs: 60000 });
	await restart;
	assert.equal(new Set(emails).size, emails.length, 'an interview was created twice');
	assert.ok(posts.length < rows.length && posts.length <= atKill + 1, `${posts.length} created, ${atKill} at the kill`);
	assert.equal(later.length, 1, `executions after the kill: ${JSON.stringify(later)}`);
	pass(`${worker.name} SIGKILLed during a 30-row create: ${posts.length} of 30 interviews existed, none twice; n8n set the execution to "error" and did not re-run it`);
}
