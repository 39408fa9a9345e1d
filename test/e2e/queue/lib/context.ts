/**
 * What every queue-mode scenario works with (the services, the registry, the processes, the
 * emulator) and how it reads what n8n did: executions and static data from PostgreSQL, the
 * processes' logs, production webhooks on main.
 */
import assert from 'node:assert/strict';

import { getExecution, rest, sleep, waitFor, type EmulatorProc, type N8nInstance, type Toolchain } from '../../lib/stack';
import { countInLog, type Cluster } from './cluster';
import type { Registry } from './registry';
import { sql, type Services } from './services';
import { TRIGGER_WORKFLOW_ID } from './workflows';

export interface Ctx {
	tc: Toolchain;
	runDir: string;
	services: Services;
	registry: Registry;
	/** The packed package and its version, as published first. */
	tgz: string;
	version: string;
	cluster: Cluster;
	main: N8nInstance;
	emu: EmulatorProc;
}

export interface ExecRow {
	id: string;
	status: string;
	mode: string;
	startedMs: number;
	stoppedMs: number;
}

export async function executionsOf(ctx: Ctx, workflowId: string): Promise<ExecRow[]> {
	const rows = await sql(
		ctx.services,
		`select id, status, mode, coalesce(extract(epoch from "startedAt") * 1000, 0), coalesce(extract(epoch from "stoppedAt") * 1000, 0)
		 from execution_entity where "workflowId" = '${workflowId}' order by id::int`,
	);
	return rows.map(([id, status, mode, started, stopped]) => ({ id, status, mode, startedMs: Number(started), stoppedMs: Number(stopped) }));
}

export const isDone = (e: ExecRow) => !['new', 'running', 'waiting'].includes(e.status);

export async function staticDataOf(ctx: Ctx, node: string): Promise<Record<string, unknown> | undefined> {
	const [[raw] = []] = await sql(ctx.services, `select "staticData" from workflow_entity where id = '${TRIGGER_WORKFLOW_ID}'`);
	return raw ? ((JSON.parse(raw) as Record<string, Record<string, unknown>>)[`node:${node}`] ?? undefined) : undefined;
}

/** A production webhook; n8n 2.41 may answer 404 for a moment after activation (publication outbox). */
export async function callWebhook(ctx: Ctx, method: string, webhookPath: string, body?: unknown): Promise<Response> {
	return waitFor(
		`webhook ${webhookPath} to be registered`,
		async () => {
			const res = await fetch(`${ctx.main.url}/webhook/${webhookPath}`, {
				method,
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			return res.status === 404 ? undefined : res;
		},
		30000,
		300,
	);
}

export async function activate(ctx: Ctx, workflowId: string): Promise<void> {
	const wf = await rest<{ versionId: string }>(ctx.main, 'GET', `/workflows/${workflowId}`);
	await rest(ctx.main, 'POST', `/workflows/${workflowId}/activate`, { versionId: wf.versionId });
}

/**
 * How n8n 2.41 ends the execution of a killed worker: the queue recovery marks it "crashed", then
 * the failed job ("stalled more than maxStalledCount") makes it "error" with only that error as
 * its data. Returns the error message.
 */
export async function waitForAbandoned(ctx: Ctx, workflowId: string, executionId: string): Promise<string> {
	await waitFor(
		`execution ${executionId} to be given up`,
		async () => (await executionsOf(ctx, workflowId)).find((e) => e.id === executionId && e.status === 'error'),
		120000,
		1000,
	);
	const data = (await getExecution(ctx.main, executionId)).data.resultData;
	assert.deepEqual(Object.keys(data.runData), [], `execution ${executionId} kept run data`);
	const message = data.error?.message ?? '';
	assert.match(message, /failed to be processed too many times/, message);
	return message;
}

/** Waits for n more polls on main (each logs "Poll trigger initiated" at debug level). */
export async function waitForPolls(ctx: Ctx, n: number): Promise<void> {
	const polls = () => countInLog(ctx.cluster.main, /Poll trigger initiated/);
	const start = polls();
	await waitFor(`${n} more polls`, async () => polls() >= start + n, 20000 * n, 500);
	await sleep(2000);
}
