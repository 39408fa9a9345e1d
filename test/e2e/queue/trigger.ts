/**
 * The InstaView Trigger in queue mode: it polls on main, its executions run on workers, its state
 * is in PostgreSQL. Analyses complete batch by batch; each must be emitted exactly once across a
 * main restart, a killed worker, a re-publish and a rename.
 */
import assert from 'node:assert/strict';

import { DEMO_IDS } from '../../emulator';
import { emulatorControl, getExecution, log, rest, sleep, waitFor } from '../lib/stack';
import { countInLog, QUEUE_SETTINGS, signalN8nProcess, startN8nProcess, workerOf } from './lib/cluster';
import { activate, executionsOf, staticDataOf, waitForAbandoned, waitForPolls, type Ctx } from './lib/context';
import { figure, pass } from './lib/report';
import { DELAY_NODE, PDF_NODE, RENAMED_TRIGGER_NODE, TRIGGER_NODE, TRIGGER_WORKFLOW_ID } from './lib/workflows';

/** Interviews prepared before activation; their analyses complete batch by batch. */
export interface Analyses {
	pending: Array<{ id: string; rating: number }>;
	completed: Map<string, number>;
	/** Emitted into an execution whose worker was killed (n8n drops its data). */
	lostWithKilledExecution: string[];
}

async function prepareInterviews(ctx: Ctx, count: number): Promise<Analyses> {
	const pending: Analyses['pending'] = [];
	for (let i = 0; i < count; i++) {
		const candidate = await emulatorControl<{ id: string }>(ctx.emu.url, 'POST', '/candidates', {
			firstName: 'Queue',
			lastName: `Candidate ${i}`,
			email: `queue.candidate.${i}@example.com`,
			jobIds: [DEMO_IDS.jobs.backend],
		});
		const interview = await emulatorControl<{ id: string }>(ctx.emu.url, 'POST', '/interviews', {
			candidateId: candidate.id,
			agentId: DEMO_IDS.agents.screening,
			jobId: DEMO_IDS.jobs.backend,
		});
		pending.push({ id: interview.id, rating: 50 + i });
	}
	return { pending, completed: new Map(), lostWithKilledExecution: [] };
}

export async function completeAnalyses(ctx: Ctx, a: Analyses, n: number): Promise<string[]> {
	const batch = a.pending.splice(0, n);
	for (const { id, rating } of batch) {
		await emulatorControl(ctx.emu.url, 'POST', `/interviews/${id}/advance`, { status: 'COMPLETED', analysisStatus: 3, overallRating: rating });
		a.completed.set(id, rating);
	}
	return batch.map((b) => b.id);
}

export interface Emission {
	execution: string;
	mode: string;
	worker?: string;
	interview: string;
	rating: unknown;
	pdfText: string;
}

const emissionCache = new Map<string, Emission[]>();

/** Every item the trigger emitted, from the successful executions (whatever the node is called now). */
async function emissions(ctx: Ctx): Promise<Emission[]> {
	const out: Emission[] = [];
	for (const e of await executionsOf(ctx, TRIGGER_WORKFLOW_ID)) {
		if (e.status !== 'success') continue;
		if (!emissionCache.has(e.id)) {
			const data = await getExecution(ctx.main, e.id);
			const runData = data.data.resultData.runData;
			const triggerName = Object.keys(runData).find((name) => name !== PDF_NODE && name !== DELAY_NODE);
			const items = triggerName ? (runData[triggerName][0]?.data?.main?.[0] ?? []) : [];
			const texts = runData[PDF_NODE]?.[0]?.data?.main?.[0] ?? [];
			emissionCache.set(
				e.id,
				items.map((item, i) => ({
					execution: e.id,
					mode: e.mode,
					worker: workerOf(ctx.cluster, e.id),
					interview: String(item.json.id),
					rating: item.json.overallRating,
					pdfText: String(texts[i]?.json.text ?? ''),
				})),
			);
		}
		out.push(...emissionCache.get(e.id)!);
	}
	return out;
}

/** Waits until each of `ids` was emitted, then checks nothing was emitted twice or unasked. */
export async function expectEmitted(ctx: Ctx, a: Analyses, ids: string[], what: string, timeoutMs = 120000): Promise<Emission[]> {
	const t = Date.now();
	const all = await waitFor(
		`${what}: ${ids.length} analyses emitted`,
		async () => {
			const list = await emissions(ctx);
			return ids.every((id) => list.some((e) => e.interview === id)) ? list : undefined;
		},
		timeoutMs,
		1000,
	);
	await sleep(1000);
	assertExactlyOnce(a, await emissions(ctx));
	figure(`${what}: ${ids.length} analyses emitted ${((Date.now() - t) / 1000).toFixed(0)} s after completion`);
	return all.filter((e) => ids.includes(e.interview));
}

function assertExactlyOnce(a: Analyses, list: Emission[]): void {
	const seen = new Map<string, number>();
	for (const e of list) seen.set(e.interview, (seen.get(e.interview) ?? 0) + 1);
	const twice = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
	const unasked = [...seen.keys()].filter((id) => !a.completed.has(id));
	assert.deepEqual(twice, [], `emitted more than once: ${twice.join(', ')}`);
	assert.deepEqual(unasked, [], `emitted without a new completion: ${unasked.join(', ')}`);
}

export async function triggerPhaseStart(ctx: Ctx): Promise<{ a: Analyses; seededAt: string }> {
	const a = await prepareInterviews(ctx, 28);
	await emulatorControl(ctx.emu.url, 'DELETE', '/requests');
	await activate(ctx, TRIGGER_WORKFLOW_ID);
	await waitFor('the seeding poll', async () => (await staticDataOf(ctx, TRIGGER_NODE))?.phase === 'live', 60000, 500);
	await sleep(1500);
	assert.equal((await executionsOf(ctx, TRIGGER_WORKFLOW_ID)).length, 0, 'seeding emitted');
	const state = (await staticDataOf(ctx, TRIGGER_NODE))!;
	pass(`trigger activated: the seeding poll ran on main, emitted nothing; state in PostgreSQL workflow_entity."staticData" (phase ${String(state.phase)}, seededAt ${String(state.seededAt)})`);
	return { a, seededAt: String(state.seededAt) };
}

export async function checkTriggerOnWorkers(ctx: Ctx, a: Analyses): Promise<void> {
	const ids = await completeAnalyses(ctx, a, 8);
	const got = await expectEmitted(ctx, a, ids, 'batch 1');
	for (const e of got) {
		assert.ok(e.worker, `execution ${e.execution} did not run on a worker`);
		assert.equal(e.rating, a.completed.get(e.interview), `rating of ${e.interview}`);
		assert.match(e.pdfText, new RegExp(`Overall rating: ${a.completed.get(e.interview)}`), `PDF text of ${e.interview} read on ${e.worker}: ${e.pdfText.slice(0, 200)}`);
	}
	const polls = countInLog(ctx.cluster.main, /Poll trigger initiated/);
	const workerPolls = ctx.cluster.workers.map((w) => countInLog(w, /Poll trigger initiated/));
	assert.ok(polls > 0 && workerPolls.every((n) => n === 0), `polls main ${polls}, workers ${workerPolls.join('/')}`);
	const execs = [...new Set(got.map((e) => e.execution))];
	pass(
		`batch 1: 8 completed analyses → each emitted once, in ${execs.length} execution(s) run by ${[...new Set(got.map((e) => e.worker))].join(' + ')}; ` +
			`the PDF from main's poll was read on the worker (Extract From File: "Overall rating: NN"); ${polls} polls on main, 0 on workers`,
	);
}

export async function checkMainRestart(ctx: Ctx, a: Analyses, seededAt: string): Promise<void> {
	let t = Date.now();
	await signalN8nProcess(ctx.cluster.main, 'SIGTERM');
	figure(`main SIGTERM → exited in ${((Date.now() - t) / 1000).toFixed(1)} s`);
	const ids = await completeAnalyses(ctx, a, 6);
	t = Date.now();
	await startN8nProcess(ctx.cluster.main);
	figure(`main restart → ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
	await expectEmitted(ctx, a, ids, 'batch 2 (completed while main was down)');
	const state = (await staticDataOf(ctx, TRIGGER_NODE))!;
	assert.equal(state.seededAt, seededAt, 're-seeded after the restart');
	pass('main restarted (SIGTERM, start): no re-seeding (same seededAt), batch 2 emitted once each, batch 1 not again: 0 duplicates, 0 misses');
}

/**
 * SIGKILL the worker while it runs a trigger execution. n8n 2.41 does not re-run a job whose
 * worker died (Bull maxStalledCount 0, at most once): the job fails as "stalled more than
 * maxStalledCount", the execution ends "error" and n8n replaces its data with that error, so the
 * analyses it carried reach no later node, and n8n's retry has nothing to run. The trigger
 * recorded them as emitted on main before the job was enqueued, so no poll emits them again: no
 * duplicate, and every other analysis is still emitted exactly once.
 */
export async function checkWorkerKilledDuringTrigger(ctx: Ctx, a: Analyses): Promise<void> {
	const before = new Set((await executionsOf(ctx, TRIGGER_WORKFLOW_ID)).map((e) => e.id));
	const ids = await completeAnalyses(ctx, a, 6);
	const { exec, worker } = await waitFor(
		'a trigger execution running on a worker',
		async () => {
			for (const e of await executionsOf(ctx, TRIGGER_WORKFLOW_ID)) {
				if (before.has(e.id) || e.status !== 'running') continue;
				const name = workerOf(ctx.cluster, e.id);
				if (name) return { exec: e, worker: ctx.cluster.workers.find((w) => w.name === name)! };
			}
			return undefined;
		},
		60000,
		100,
	);
	await signalN8nProcess(worker, 'SIGKILL');
	const killedAt = Date.now();
	log(`   SIGKILL ${worker.name} while it ran execution ${exec.id}`);
	const restart = startN8nProcess(worker);
	const error = await waitForAbandoned(ctx, TRIGGER_WORKFLOW_ID, exec.id);
	figure(
		`worker SIGKILL → n8n gave its execution up after ${((Date.now() - killedAt) / 1000).toFixed(0)} s ` +
			`(QUEUE_WORKER_LOCK_DURATION ${QUEUE_SETTINGS.QUEUE_WORKER_LOCK_DURATION} ms, QUEUE_WORKER_STALLED_INTERVAL ${QUEUE_SETTINGS.QUEUE_WORKER_STALLED_INTERVAL} ms): "${error.slice(0, 80)}…"`,
	);
	await restart;
	await waitForPolls(ctx, 2);
	const list = await emissions(ctx);
	assertExactlyOnce(a, list);
	const lost = ids.filter((id) => !list.some((e) => e.interview === id));
	const reruns = (await executionsOf(ctx, TRIGGER_WORKFLOW_ID)).filter((e) => !before.has(e.id) && e.id !== exec.id && e.mode !== 'trigger');
	assert.equal(reruns.length, 0, 'n8n re-ran the job by itself');
	assert.ok(lost.length > 0, "the killed execution carried none of batch 3");
	a.lostWithKilledExecution.push(...lost);
	figure(`worker SIGKILL: ${lost.length} of ${ids.length} analyses were in the killed execution; n8n ran them no further, the trigger emitted none twice`);
	pass(
		`${worker.name} SIGKILLed mid-run: n8n set execution ${exec.id} to "error", kept only the error as its data and did not re-run it (at most once); ` +
			`the trigger emitted none of batch 3 again over 2 polls; ${ids.length - lost.length} others of batch 3 emitted once`,
	);
}

/** Re-publishing (a new version activated) and renaming the trigger node must not re-emit old analyses. */
export async function checkRepublishAndRename(ctx: Ctx, a: Analyses, seededAt: string): Promise<void> {
	const emitted = (await emissions(ctx)).length;
	const wf = await rest<{ versionId: string; nodes: Array<Record<string, unknown>>; connections: Record<string, unknown> }>(ctx.main, 'GET', `/workflows/${TRIGGER_WORKFLOW_ID}`);
	const moved = wf.nodes.map((n) => (n.name === DELAY_NODE ? { ...n, position: [460, 20] } : n));
	const saved = await rest<{ versionId: string }>(ctx.main, 'PATCH', `/workflows/${TRIGGER_WORKFLOW_ID}`, { versionId: wf.versionId, nodes: moved, connections: wf.connections });
	await rest(ctx.main, 'POST', `/workflows/${TRIGGER_WORKFLOW_ID}/activate`, { versionId: saved.versionId });
	await waitForPolls(ctx, 2); // the activation poll and a scheduled one
	assert.equal((await emissions(ctx)).length, emitted, 're-publishing re-emitted analyses');
	assert.equal((await staticDataOf(ctx, TRIGGER_NODE))?.seededAt, seededAt, 're-publishing re-seeded');
	pass('workflow re-published (edited, new version activated): same state, 0 analyses re-emitted (activation poll + 1 scheduled poll)');

	const renamed = RENAMED_TRIGGER_NODE;
	const current = await rest<{ versionId: string; nodes: Array<Record<string, unknown>>; connections: Record<string, unknown> }>(ctx.main, 'GET', `/workflows/${TRIGGER_WORKFLOW_ID}`);
	const nodes = current.nodes.map((n) => (n.name === TRIGGER_NODE ? { ...n, name: renamed } : n));
	const connections = Object.fromEntries(Object.entries(current.connections).map(([from, c]) => [from === TRIGGER_NODE ? renamed : from, c]));
	const renamedVersion = await rest<{ versionId: string }>(ctx.main, 'PATCH', `/workflows/${TRIGGER_WORKFLOW_ID}`, { versionId: current.versionId, nodes, connections });
	await rest(ctx.main, 'POST', `/workflows/${TRIGGER_WORKFLOW_ID}/activate`, { versionId: renamedVersion.versionId });
	// n8n keeps a node's static data under its name: the renamed trigger starts a state of its own
	const fresh = await waitFor('the renamed trigger to seed', async () => {
		const state = await staticDataOf(ctx, renamed);
		return state?.phase === 'live' ? state : undefined;
	}, 60000, 500);
	await waitForPolls(ctx, 1);
	assert.equal((await emissions(ctx)).length, emitted, 'renaming re-emitted analyses');
	pass(`trigger node renamed and re-published: it seeded a state of its own (seededAt ${String(fresh.seededAt)}), 0 analyses re-emitted (seeding poll + 1 scheduled poll)`);
	const ids = await completeAnalyses(ctx, a, 2);
	await expectEmitted(ctx, a, ids, 'after the rename');
	pass('after the rename, 2 new completions were emitted once each');
}

/** Over all scenarios: at least 20 completions, each emitted exactly once unless it went down with the killed worker. */
export async function checkTriggerOverall(ctx: Ctx, a: Analyses): Promise<void> {
	const total = a.completed.size;
	assert.ok(total >= 20, `only ${total} completions`);
	const all = await emissions(ctx);
	assertExactlyOnce(a, all);
	const lost = a.lostWithKilledExecution;
	const missing = [...a.completed.keys()].filter((id) => !lost.includes(id) && !all.some((e) => e.interview === id));
	assert.deepEqual(missing, [], 'completed analyses never emitted');
	const successful = (await executionsOf(ctx, TRIGGER_WORKFLOW_ID)).filter((e) => e.status === 'success').length;
	pass(
		`trigger overall: ${total} completed analyses; ${all.length} emitted exactly once in ${successful} successful executions on workers, ` +
			`0 duplicates, 0 missed; ${lost.length} went down with the killed worker's execution`,
	);
}
