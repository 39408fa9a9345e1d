/**
 * n8n in queue mode: one main (UI, REST, webhooks, triggers and pollers) and N workers (they run
 * the executions), PostgreSQL for workflows, executions and static data, Redis (Bull) between
 * them. Every process has its own user folder, as it would on its own machine: its own
 * .n8n/nodes with the community package, its own event log.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { freePort, prepareN8n, runOk, startProcess, waitFor, type N8nInstance, type Toolchain } from '../../lib/stack';
import type { Services } from './services';

export interface N8nProcess {
	name: string;
	n8n: N8nInstance;
	/** Worker only: port of its /healthz server. */
	healthPort?: number;
	child?: ChildProcess;
}

export interface Cluster {
	main: N8nProcess;
	workers: N8nProcess[];
}

/**
 * Settings that matter in queue mode (README "Scaling"). The Bull lock and stall check are
 * shortened so that a killed worker's job is noticed in seconds, not minutes; the queue
 * recovery then marks its execution crashed.
 */
export const QUEUE_SETTINGS = {
	EXECUTIONS_MODE: 'queue',
	// binary data (the analysis PDF) written by main's poll must be readable by the workers
	N8N_DEFAULT_BINARY_DATA_MODE: 'database',
	OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	QUEUE_WORKER_LOCK_DURATION: '10000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2500',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
	N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '0.25',
	WORKER_CONCURRENCY: '5',
};

async function queueProcess(tc: Toolchain, runDir: string, name: string, services: Services, mainPort: number): Promise<N8nProcess> {
	const n8n = await prepareN8n(tc, path.join(runDir, name), name === 'main' ? mainPort : await freePort());
	const { WORKER_CONCURRENCY: _concurrency, ...settings } = QUEUE_SETTINGS;
	Object.assign(n8n.env, settings, {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(services.pgPort),
		DB_POSTGRESDB_DATABASE: services.database,
		DB_POSTGRESDB_USER: services.user,
		DB_POSTGRESDB_PASSWORD: services.password,
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(services.redisPort),
		// URLs n8n shows and registers are the main's, whichever process computes them
		N8N_PORT: String(mainPort),
		N8N_WEBHOOK_URL: `http://127.0.0.1:${mainPort}/`,
		// debug: main logs each poll ("Poll trigger initiated"), so the workers' logs can prove they poll nothing
		N8N_LOG_LEVEL: 'debug',
	});
	return { name, n8n };
}

export async function prepareCluster(tc: Toolchain, runDir: string, services: Services, workers: number): Promise<Cluster> {
	const mainPort = await freePort();
	const main = await queueProcess(tc, runDir, 'main', services, mainPort);
	const list: N8nProcess[] = [];
	for (let i = 1; i <= workers; i++) {
		const w = await queueProcess(tc, runDir, `worker${i}`, services, mainPort);
		w.healthPort = await freePort();
		Object.assign(w.n8n.env, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(w.healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
		list.push(w);
	}
	return { main, workers: list };
}

const isWorker = (p: N8nProcess) => p.healthPort !== undefined;

export async function startN8nProcess(p: N8nProcess): Promise<void> {
	const args = isWorker(p) ? ['worker', `--concurrency=${QUEUE_SETTINGS.WORKER_CONCURRENCY}`] : ['start'];
	const child = startProcess(p.n8n.tc.node, [p.n8n.tc.n8nBin, ...args], { env: p.n8n.env, logFile: p.n8n.logFile });
	p.child = child;
	const urls = isWorker(p) ? [`http://127.0.0.1:${p.healthPort}/healthz/readiness`] : [`${p.n8n.url}/healthz/readiness`, `${p.n8n.url}/rest/settings`];
	await waitFor(
		`${p.name} to be ready`,
		async () => {
			if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${p.name} exited (${child.exitCode ?? child.signalCode})`);
			for (const url of urls) if (!(await fetch(url)).ok) return false;
			return true;
		},
		180000,
		300,
	);
}

/** Signal the process group (n8n and its task runner) and wait until n8n has exited. */
export async function signalN8nProcess(p: N8nProcess, signal: 'SIGTERM' | 'SIGKILL', timeoutMs = 45000): Promise<void> {
	const child = p.child;
	if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	process.kill(-child.pid, signal);
	const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
	if ((await Promise.race([exited, timer])) === 'timeout') {
		process.kill(-child.pid, 'SIGKILL');
		await exited;
	}
	try {
		process.kill(-child.pid, 'SIGKILL'); // whatever of the group is left (the task runner)
	} catch {
		// group already gone
	}
	p.child = undefined;
}

export async function restartN8nProcess(p: N8nProcess): Promise<void> {
	await signalN8nProcess(p, 'SIGTERM');
	await startN8nProcess(p);
}

/** The worker whose log says it started the execution, e.g. "Worker started execution 12 (job 12)". */
export function workerOf(cluster: Cluster, executionId: string): string | undefined {
	const line = new RegExp(`Worker started execution ${executionId} \\(`);
	return cluster.workers.find((w) => fs.existsSync(w.n8n.logFile) && line.test(fs.readFileSync(w.n8n.logFile, 'utf8')))?.name;
}

export function logHas(p: N8nProcess, pattern: RegExp): boolean {
	return fs.existsSync(p.n8n.logFile) && pattern.test(fs.readFileSync(p.n8n.logFile, 'utf8'));
}

export function countInLog(p: N8nProcess, pattern: RegExp): number {
	if (!fs.existsSync(p.n8n.logFile)) return 0;
	return fs.readFileSync(p.n8n.logFile, 'utf8').split('\n').filter((l) => pattern.test(l)).length;
}

/** Resident memory of a process and its children (the task runner), in MB. */
export async function rssMb(p: N8nProcess): Promise<number | undefined> {
	if (!p.child?.pid) return undefined;
	const out = await runOk('ps', ['-o', 'rss=', '-g', String(p.child.pid)]).catch(() => '');
	const kb = out
		.split('\n')
		.map((l) => Number(l.trim()))
		.filter((n) => n > 0)
		.reduce((a, b) => a + b, 0);
	return kb ? Math.round(kb / 1024) : undefined;
}
