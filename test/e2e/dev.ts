/**
 * npm run dev: a real n8n with this package installed, the emulator with demo data, the demo
 * credential ("InstaView account", pointing at the emulator), the example workflows and the
 * create-shapes workflow imported, and an owner account. Ctrl-C stops everything it started.
 *
 * The n8n is kept between runs (workflows, credentials, executions, the owner account) in one
 * folder of the e2e cache, `<cache>/dev`; `npm run dev -- --fresh` deletes it first. Each run
 * installs the package as it is now, points the credential at this run's emulator, and imports an
 * example only when it is new or its file changed since it was last imported (same id, so never
 * twice), which keeps edits made in n8n to the others.
 *
 * Env: N8N_DEV_PORT (default 5678, or a free port), EMULATOR_PORT (default 4010, or a free port),
 * E2E_CACHE_DIR (Node 24 + n8n cache), E2E_DEV_DIR (the kept n8n; default <cache>/dev).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { DEMO_API_KEY, DEMO_IDS } from '../emulator';
import { withEmulatorUrl } from './scenarios/resources';
import {
	buildAndPack,
	ensureToolchain,
	exampleId,
	freePort,
	importCredentials,
	importWorkflows,
	installPackage,
	log,
	logTail,
	OWNER,
	ownerExists,
	prepareN8n,
	readExamples,
	setupOwner,
	startEmulatorProcess,
	startN8nServer,
	stopAll,
	withCredential,
	type N8nInstance,
	type Toolchain,
	type WorkflowJson,
} from './lib/stack';
import { credentials, DEMO_CREDENTIAL, shapesWorkflow } from './lib/workflows';

const USAGE = 'usage: npm run dev [-- --fresh]   (--fresh: delete the kept n8n and start from scratch)';
/** What was imported last time, by workflow id: a hash of the JSON, to re-import only changes. */
const IMPORTED_FILE = 'imported-workflows.json';
const LOCK_FILE = 'dev.pid';

async function portOr(preferred: number): Promise<number> {
	const free = await new Promise<boolean>((resolve) => {
		const s = net.createServer();
		s.once('error', () => resolve(false));
		s.listen(preferred, '127.0.0.1', () => s.close(() => resolve(true)));
	});
	return free ? preferred : freePort();
}

function parseArgs(argv: string[]): { fresh: boolean } {
	const unknown = argv.filter((a) => a !== '--fresh');
	if (unknown.length) throw new Error(`unknown argument ${unknown.join(' ')}\n${USAGE}`);
	return { fresh: argv.includes('--fresh') };
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * The kept folder: n8n's user folder (`user/`, with its SQLite database), this run's logs and
 * tarball. Refuses a second `npm run dev` on the same folder (two n8n on one database).
 */
function openDevDir(tc: Toolchain, fresh: boolean): string {
	const dir = process.env.E2E_DEV_DIR ?? path.join(tc.cache, 'dev');
	const lock = path.join(dir, LOCK_FILE);
	const holder = fs.existsSync(lock) ? Number(fs.readFileSync(lock, 'utf8')) : 0;
	if (holder && holder !== process.pid && isRunning(holder)) throw new Error(`npm run dev is already running on ${dir} (pid ${holder}; if it is not, delete ${lock})`);
	if (fresh) {
		log(`--fresh: deleting the kept n8n in ${dir}`);
		fs.rmSync(dir, { recursive: true, force: true });
	}
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(lock, String(process.pid));
	// this run's logs and tarball replace the last run's; what n8n keeps lives in user/
	for (const entry of fs.readdirSync(dir)) {
		if (/\.(log|tgz)$/.test(entry) || entry.startsWith('workflows-')) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
	}
	return dir;
}

const hashOf = (wf: WorkflowJson) => createHash('sha256').update(JSON.stringify(wf)).digest('hex');

/** Workflows that are new or changed since the last import into this database. */
function workflowsToImport(n8n: N8nInstance, all: WorkflowJson[]): { changed: WorkflowJson[]; record: () => void } {
	const stateFile = path.join(n8n.runDir, IMPORTED_FILE);
	const database = path.join(n8n.userFolder, '.n8n', 'database.sqlite');
	// a database that is gone (deleted by hand) has none of the workflows, whatever the record says
	const imported: Record<string, string> = fs.existsSync(database) && fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : {};
	const changed = all.filter((wf) => imported[wf.id!] !== hashOf(wf));
	const record = () => fs.writeFileSync(stateFile, JSON.stringify(Object.fromEntries(all.map((wf) => [wf.id, hashOf(wf)])), null, 2));
	return { changed, record };
}

let n8n: N8nInstance | undefined;
let devDir: string | undefined;
let stopping = false;

async function shutdown(code: number): Promise<void> {
	if (stopping) return;
	stopping = true;
	log('stopping n8n and the emulator…');
	await stopAll();
	if (devDir) fs.rmSync(path.join(devDir, LOCK_FILE), { force: true });
	log(devDir ? `stopped; the n8n is kept in ${devDir}` : 'stopped');
	process.exit(code);
}

async function main(): Promise<void> {
	const { fresh } = parseArgs(process.argv.slice(2));
	const tc = await ensureToolchain();
	devDir = openDevDir(tc, fresh);
	n8n = await prepareN8n(tc, devDir, await portOr(Number(process.env.N8N_DEV_PORT ?? 5678)));
	log('building and installing the package');
	await installPackage(n8n.userFolder, await buildAndPack(devDir));
	const emu = await startEmulatorProcess(devDir, await portOr(Number(process.env.EMULATOR_PORT ?? 4010)));
	log(`emulator with demo data on ${emu.url}`);
	// always: the emulator's port can change between runs
	log('importing the credential');
	await importCredentials(n8n, credentials(emu.url, false));
	const examples = readExamples().map(({ file, workflow }) => withCredential(withEmulatorUrl({ ...workflow, id: exampleId(file), active: false }, emu.url), DEMO_CREDENTIAL));
	const workflows = [shapesWorkflow(), ...examples];
	const { changed, record } = workflowsToImport(n8n, workflows);
	if (changed.length) {
		log(`importing ${changed.length} new or changed workflow(s): ${changed.map((wf) => wf.name).join(', ')}`);
		await importWorkflows(n8n, changed);
		record();
	} else {
		log('the example workflows are unchanged since the last run (kept as they are in n8n)');
	}
	log('starting n8n');
	await startN8nServer(n8n);
	const kept = await ownerExists(n8n);
	if (!kept) await setupOwner(n8n);
	process.stdout.write(
		[
			'',
			`  n8n        ${n8n.url}`,
			`  login      ${OWNER.email} / ${OWNER.password}${kept ? '  (account kept from an earlier run)' : ''}`,
			`  emulator   ${emu.url}  (control API: ${emu.url}/__emulator/state, demo key ${DEMO_API_KEY}; demo data, reset every run)`,
			`  credential "${DEMO_CREDENTIAL.name}" → the emulator`,
			`  workflows  ${examples.length} examples from examples/ + "${shapesWorkflow().name}"`,
			`  kept in    ${devDir}  (npm run dev -- --fresh starts from scratch)`,
			`  logs       ${devDir}/{n8n,cli,emulator}.log`,
			'',
			'  Let an analysis complete (for the trigger example), e.g.:',
			`    E=${emu.url}/__emulator; H='content-type: application/json'`,
			`    C=$(curl -s -H "$H" -d '{"firstName":"Demo","lastName":"Candidate"}' $E/candidates | jq -r .id)`,
			`    I=$(curl -s -H "$H" -d '{"candidateId":"'$C'","agentId":"${DEMO_IDS.agents.screening}"}' $E/interviews | jq -r .id)`,
			`    curl -s -H "$H" -d '{"status":"COMPLETED","analysisStatus":3,"overallRating":90}' $E/interviews/$I/advance`,
			'',
			'  Ctrl-C stops n8n and the emulator.',
			'',
		].join('\n'),
	);
	// stay up until a signal; if n8n dies, say so and stop
	n8n.server?.once('exit', (code) => {
		if (stopping) return;
		process.stdout.write(`n8n exited (${code})\n${logTail(n8n)}\n`);
		void shutdown(1);
	});
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((e: Error) => {
	process.stdout.write(`\n${e.stack ?? e.message}\n${logTail(n8n)}\n`);
	void shutdown(1);
});
