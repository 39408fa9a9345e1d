/**
 * The package in n8n's queue mode, the way teams scale n8n: one main (triggers, webhooks,
 * pollers), two workers (executions), PostgreSQL and Redis, all started here on loopback. The
 * package comes from a local npm registry, as from a team's private registry, in every process.
 *
 *   npm run test:e2e:queue
 *
 * Env: E2E_CACHE_DIR, E2E_RUN_DIR (as for test:e2e). Needs the Debian packages postgresql and
 * redis-server. The figures it prints are the ones quoted in the README's "Scaling" section.
 */
import assert from 'node:assert/strict';

import { ALL_SCOPES } from '../../emulator';
import {
	ACTION_TYPE,
	buildAndPack,
	emulatorControl,
	ensureToolchain,
	importCredentials,
	importWorkflows,
	log,
	logTail,
	makeRunDir,
	PACKAGE_NAME,
	setupOwner,
	startEmulatorProcess,
	stopAll,
	TRIGGER_TYPE,
	type Toolchain,
} from '../lib/stack';
import { credentials, TRIGGER_KEY } from '../lib/workflows';
import { checkBulkCreate, checkGetManyOnWorker, checkWorkerKilledDuringCreate } from './create';
import { countInLog, prepareCluster, rssMb, startN8nProcess, type Cluster, type N8nProcess } from './lib/cluster';
import { activate, type Ctx } from './lib/context';
import { installedVersion, installFromRegistry, publish, startRegistry } from './lib/registry';
import { figure, pass, phase, printSummary, report, timing } from './lib/report';
import { startServices, stopServices, type Services } from './lib/services';
import { BULK_WORKFLOW_ID, bulkCreateWorkflow, GET_MANY_WORKFLOW_ID, getManyWorkflow, triggerWorkflow } from './lib/workflows';
import { checkInstaller, checkUpdate } from './packages';
import {
	checkMainRestart,
	checkRepublishAndRename,
	checkTriggerOnWorkers,
	checkTriggerOverall,
	checkWorkerKilledDuringTrigger,
	triggerPhaseStart,
	type Analyses,
} from './trigger';
import { checkWebhookTrigger } from './webhook-trigger';

/** What the cleanup must stop, also when setup fails half-way. */
const ctxForCleanup: { services?: Services; runDir?: string; cluster?: Cluster } = {};

async function setup(tc: Toolchain, runDir: string): Promise<Ctx> {
	const services = await phase('PostgreSQL + Redis (services.sh, loopback, free ports)', startServices);
	log(`   ${services.versions}; postgres 127.0.0.1:${services.pgPort}, redis 127.0.0.1:${services.redisPort}`);
	ctxForCleanup.services = services;

	const { registry, tgz, version } = await phase('local npm registry: build, pack, publish', async () => {
		const reg = await startRegistry(tc, runDir);
		const packed = await buildAndPack(runDir);
		return { registry: reg, tgz: packed, version: await publish(tc, reg, packed) };
	});
	log(`   ${PACKAGE_NAME}@${version} published to ${registry.url}`);

	const cluster = await prepareCluster(tc, runDir, services, 2);
	for (const p of [cluster.main, ...cluster.workers]) p.n8n.env.N8N_COMMUNITY_PACKAGES_REGISTRY = registry.url;
	await phase('npm install from the registry into each process\'s .n8n/nodes', () =>
		Promise.all([cluster.main, ...cluster.workers].map((p) => installFromRegistry(tc, registry, p.n8n.userFolder, version))),
	);
	for (const p of [cluster.main, ...cluster.workers]) assert.equal(installedVersion(p.n8n.userFolder), version, `${p.name}: installed version`);
	pass(`${PACKAGE_NAME}@${version} installed from the registry for main, worker1 and worker2 (each its own user folder)`);

	const emu = await startEmulatorProcess(runDir);
	await emulatorControl(emu.url, 'POST', '/api-keys', { key: TRIGGER_KEY, scopes: ALL_SCOPES });
	const main = cluster.main.n8n;
	await phase('import credentials and workflows (first command migrates PostgreSQL)', async () => {
		await importCredentials(main, credentials(emu.url, true));
		await importWorkflows(main, [bulkCreateWorkflow(), triggerWorkflow(), getManyWorkflow()]);
	});

	await phase('start main + 2 workers', async () => {
		await Promise.all([cluster.main, ...cluster.workers].map((p) => startN8nProcess(p)));
		await setupOwner(main);
	});
	const types = (await (await fetch(`${main.url}/types/nodes.json`, { headers: { cookie: main.cookie ?? '' } })).json()) as Array<{ name: string }>;
	for (const t of [ACTION_TYPE, TRIGGER_TYPE]) assert.ok(types.some((x) => x.name === t), `${t} not loaded on main`);
	pass(`main ${main.url} and 2 workers ready on PostgreSQL + Redis; main lists ${ACTION_TYPE} and ${TRIGGER_TYPE}`);
	return { tc, runDir, services, registry, tgz, version, cluster, main, emu };
}

// ------------------------------------------------------------------ main

type Scenario = [name: string, run: (ctx: Ctx, trigger: { a: Analyses; seededAt: string }) => Promise<void>];

/**
 * Scenarios after the trigger's activation, in order; each builds on the state the earlier ones left.
 * The webhook trigger's runs in a company of its own, so the polling trigger never sees its events.
 */
const SCENARIOS: Scenario[] = [
	['trigger: polls on main, executions on workers, PDF read on workers', (ctx, t) => checkTriggerOnWorkers(ctx, t.a)],
	['trigger: main restarted', (ctx, t) => checkMainRestart(ctx, t.a, t.seededAt)],
	['trigger: worker SIGKILLed mid-run', (ctx, t) => checkWorkerKilledDuringTrigger(ctx, t.a)],
	['create: worker SIGKILLed mid-run', (ctx) => checkWorkerKilledDuringCreate(ctx)],
	['trigger: re-published and renamed', (ctx, t) => checkRepublishAndRename(ctx, t.a, t.seededAt)],
	['webhook trigger: registration survives a main restart, one execution per delivery', (ctx) => checkWebhookTrigger(ctx)],
	['update to a new version from the registry', (ctx, t) => checkUpdate(ctx, t.a)],
];

async function main(): Promise<void> {
	if (process.env.E2E_SETUP_SECONDS) timing('setup.sh: Node 24 + n8n, installed or reused', Number(process.env.E2E_SETUP_SECONDS));
	const tc = await phase('toolchain (Node 24 + n8n in the cache)', ensureToolchain);
	const runDir = makeRunDir(tc, 'queue');
	ctxForCleanup.runDir = runDir;
	log(`   run folder ${runDir}`);
	const ctx = await setup(tc, runDir);
	ctxForCleanup.cluster = ctx.cluster;
	for (const p of [ctx.cluster.main, ...ctx.cluster.workers]) figure(`RSS after start: ${p.name} ${(await rssMb(p)) ?? '?'} MB (with its task runner)`);

	await phase('Part 2: n8n\'s community-package installer with a custom registry', () => checkInstaller(ctx));
	await phase('webhook workflow on a worker', async () => {
		await activate(ctx, GET_MANY_WORKFLOW_ID);
		await checkGetManyOnWorker(ctx, 'queue mode');
	});
	await phase('bulk create on 2 workers against the rate limit', async () => {
		await activate(ctx, BULK_WORKFLOW_ID);
		await checkBulkCreate(ctx);
	});
	const trigger = await phase('trigger: activation', () => triggerPhaseStart(ctx));
	for (const [name, run] of SCENARIOS) await phase(name, () => run(ctx, trigger));

	await phase('trigger: every completed analysis once', () => checkTriggerOverall(ctx, trigger.a));
	for (const p of [ctx.cluster.main, ...ctx.cluster.workers]) figure(`RSS at the end: ${p.name} ${(await rssMb(p)) ?? '?'} MB`);
	figure(`executions per worker: ${ctx.cluster.workers.map((w) => `${w.name} ${countInLog(w, /Worker finished execution/)}`).join(', ')}`);
}

async function cleanup(): Promise<void> {
	await stopAll();
	await stopServices(ctxForCleanup.services, ctxForCleanup.runDir ?? '.').catch((e: Error) => log(`   stopping services: ${e.message}`));
}

const started = Date.now();
let exitCode = 0;
main()
	.catch((e: Error) => {
		report.failed++;
		exitCode = 1;
		const tails = ctxForCleanup.cluster ? [ctxForCleanup.cluster.main, ...ctxForCleanup.cluster.workers].map((p: N8nProcess) => logTail(p.n8n, 25)).join('\n') : '';
		process.stdout.write(`\nFAIL: ${e.stack ?? e.message}\n\n${tails}\n`);
	})
	.finally(async () => {
		await cleanup();
		printSummary((Date.now() - started) / 1000 + Number(process.env.E2E_SETUP_SECONDS ?? 0), ctxForCleanup.runDir);
		process.exit(exitCode);
	});

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
	process.on(sig, () => {
		void cleanup().then(() => process.exit(130));
	});
}
