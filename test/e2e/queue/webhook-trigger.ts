/**
 * The InstaView webhook trigger in queue mode: main receives the deliveries, workers run the
 * executions. Its registration survives a restart of main without a second webhook; each
 * delivery yields one execution, on a worker; deactivation deletes the webhook.
 */
import assert from 'node:assert/strict';

import { activateWorkflow, createWorkflow, deactivateWorkflow, emulatorControl, sleep, waitFor } from '../lib/stack';
import {
	acceptedAttempts,
	completedAnalysis,
	percentile,
	prepareWebhookCompany,
	productionUrl,
	productionUrlAnswers,
	requestsWithKey,
	settledWebhooks,
	webhookExample,
	webhooksOf,
	type Attempt,
	type InterviewParts,
} from '../lib/webhook-trigger';
import { restartN8nProcess, workerOf } from './lib/cluster';
import { executionsOf, isDone, type Ctx, type ExecRow } from './lib/context';
import { figure, pass } from './lib/report';

/** Completed analyses delivered after the restart. */
const EVENTS = 8;

async function finished(ctx: Ctx, workflowId: string, count: number): Promise<ExecRow[]> {
	return waitFor(`${count} finished execution(s) of the webhook trigger`, async () => {
		const list = await executionsOf(ctx, workflowId);
		return list.length >= count && list.every(isDone) ? list : undefined;
	}, 60000, 200);
}

/** No execution starts for a while (a delivery that should start nothing is answered at once). */
async function settledCount(ctx: Ctx, workflowId: string): Promise<number> {
	await sleep(3000);
	return (await finished(ctx, workflowId, 0)).length;
}

async function deliver(ctx: Ctx, parts: InterviewParts, workflowId: string, before: number, rating: number): Promise<void> {
	await completedAnalysis(ctx.emu.url, parts, rating);
	await finished(ctx, workflowId, before + 1);
}

export async function checkWebhookTrigger(ctx: Ctx): Promise<void> {
	const emu = ctx.emu.url;
	const { parts, credential } = await prepareWebhookCompany(ctx.main, emu);
	const { workflow, webhookId } = webhookExample(credential);
	const wf = await createWorkflow(ctx.main, workflow);

	// ---- activation on main: exactly one webhook, for main's production URL
	await emulatorControl(emu, 'DELETE', '/requests');
	await activateWorkflow(ctx.main, wf.id);
	const [registered, ...extra] = await settledWebhooks(emu, 1);
	assert.equal(extra.length, 0, `webhooks after activation: ${extra.length + 1}`);
	assert.equal(registered.url, productionUrl(ctx.main, webhookId));
	await productionUrlAnswers(ctx.main, webhookId, 30000);
	pass(`webhook trigger: activation on main registered exactly one InstaView webhook, for ${registered.url}`);

	// one delivery accepted before the restart: main remembers it in memory only
	await deliver(ctx, parts, wf.id, 0, 91);
	const [beforeRestart] = await acceptedAttempts(emu, registered.id);

	// ---- main restarted with SIGTERM: the same webhook, nothing registered again
	const t = Date.now();
	await restartN8nProcess(ctx.cluster.main);
	figure(`webhook trigger: main restart (SIGTERM → ready) ${((Date.now() - t) / 1000).toFixed(1)} s`);
	await productionUrlAnswers(ctx.main, webhookId, 60000);
	const after = await webhooksOf(emu);
	assert.deepEqual(after.map((w) => w.id), [registered.id], `webhooks after the restart: ${JSON.stringify(after.map((w) => w.id))}`);
	const posts = (await requestsWithKey(emu, '?method=POST&path=/webhooks')).filter((r) => r.path === '/webhooks');
	assert.equal(posts.length, 1, `${posts.length} registrations (POST /webhooks) over activation and restart`);
	pass('webhook trigger: main restarted with the workflow active: InstaView holds the same single webhook, none registered again');

	// ---- EVENTS completed analyses after the restart, one after the other: one execution each, on a worker
	for (let i = 0; i < EVENTS; i++) await deliver(ctx, parts, wf.id, 1 + i, i % 2 ? 55 : 91);
	const execs = await executionsOf(ctx, wf.id);
	assert.equal(execs.length, EVENTS + 1, `${execs.length} executions for ${EVENTS + 1} completed analyses`);
	assert.ok(execs.every((e) => e.status === 'success' && e.mode === 'webhook'), JSON.stringify(execs.map((e) => [e.id, e.status, e.mode])));
	const ranOn = execs.map((e) => workerOf(ctx.cluster, e.id));
	assert.ok(ranOn.every((w) => w !== undefined), `executions not started by a worker: ${execs.filter((_, i) => !ranOn[i]).map((e) => e.id).join(', ')}`);
	const perWorker = ctx.cluster.workers.map((w) => `${w.name} ${ranOn.filter((n) => n === w.name).length}`).join(', ');
	pass(`webhook trigger: ${EVENTS + 1} completed analyses (1 before the restart, ${EVENTS} after) → exactly ${EVENTS + 1} executions, each run on a worker (${perWorker})`);

	// ---- latency: delivery sent → execution finished (on a worker), over the deliveries after the restart
	const attempts = await acceptedAttempts(emu, registered.id);
	assert.equal(attempts.length, EVENTS + 1, `${attempts.length} delivery attempts answered 200`);
	const latencies = attempts.slice(1).map((a, i) => Math.round(execs[i + 1].stoppedMs - Date.parse(a.startedAt))).sort((a, b) => a - b);
	const answers = attempts.slice(1).map((a) => a.durationMs).sort((a, b) => a - b);
	figure(
		`webhook trigger latency in queue mode over ${EVENTS} deliveries (sent → execution finished on a worker): p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, max ${latencies[latencies.length - 1]} ms; main answered the delivery in p50 ${percentile(answers, 50)} ms, p95 ${percentile(answers, 95)} ms`,
	);
	// a figure, not a timed check (shared machine); only past InstaView's 30 s delivery timeout is something wrong
	assert.ok(percentile(latencies, 95) < 30000, `p95 ${percentile(latencies, 95)} ms`);

	// ---- redeliveries: one accepted by this main process, one accepted by main before its restart
	const redeliver = (deliveryId: string) => emulatorControl<Attempt>(emu, 'POST', `/webhooks/deliveries/${deliveryId}/redeliver`);
	const same = await redeliver(attempts[3].deliveryId);
	assert.equal(same.statusCode, 200, `redelivery answered ${same.statusCode}`);
	assert.equal(await settledCount(ctx, wf.id), EVENTS + 1, 'a redelivery of a delivery this main accepted started an execution');
	pass('webhook trigger: a redelivery of a delivery accepted since the restart was answered 200 and started nothing');

	const old = await redeliver(beforeRestart.deliveryId);
	assert.equal(old.statusCode, 200, `redelivery answered ${old.statusCode}`);
	const again = (await settledCount(ctx, wf.id)) - (EVENTS + 1);
	// The node documents (trigger/webhook/dedupe.ts) that accepted ids live in process memory, and
	// that n8n does not save static data written in webhook() when an execution starts: a
	// redelivery reaching main after its restart may start the workflow again, once.
	assert.ok(again === 0 || again === 1, `a redelivery from before the restart started ${again} executions`);
	figure(`webhook trigger: a redelivery of a delivery accepted before main's restart was answered 200 and started ${again} execution(s) (${again ? 'forgotten by the restart, as documented; items carry deliveryId for a downstream check' : 'remembered across the restart'})`);
	pass(`webhook trigger: a redelivery of a delivery accepted before the restart started ${again} execution(s), at most one as documented`);

	// ---- deactivation deletes the webhook
	await deactivateWorkflow(ctx.main, wf.id);
	assert.equal((await settledWebhooks(emu, 0)).length, 0, 'the webhook outlived the deactivation');
	assert.equal((await requestsWithKey(emu, `?method=DELETE&path=/webhooks/${registered.id}`)).length, 1);
	pass('webhook trigger: deactivation on main deleted the InstaView webhook (0 left)');
}
