/**
 * npm run dev: a real n8n with this package installed, the emulator with demo data, the demo
 * credential ("InstaView account", pointing at the emulator), the example workflows and the
 * create-shapes workflow imported, and an owner account. Ctrl-C stops everything it started.
 *
 * Env: N8N_DEV_PORT (default 5678, or a free port), EMULATOR_PORT (default 4010, or a free port),
 * E2E_CACHE_DIR (Node 24 + n8n cache).
 */
import net from 'node:net';

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
	makeRunDir,
	OWNER,
	prepareN8n,
	readExamples,
	setupOwner,
	startEmulatorProcess,
	startN8nServer,
	stopAll,
	withCredential,
	type N8nInstance,
} from './lib/stack';
import { credentials, DEMO_CREDENTIAL, shapesWorkflow } from './lib/workflows';

async function portOr(preferred: number): Promise<number> {
	const free = await new Promise<boolean>((resolve) => {
		const s = net.createServer();
		s.once('error', () => resolve(false));
		s.listen(preferred, '127.0.0.1', () => s.close(() => resolve(true)));
	});
	return free ? preferred : freePort();
}

let n8n: N8nInstance | undefined;
let stopping = false;

async function shutdown(code: number): Promise<void> {
	if (stopping) return;
	stopping = true;
	log('stopping n8n and the emulator…');
	await stopAll();
	log('stopped');
	process.exit(code);
}

async function main(): Promise<void> {
	const tc = await ensureToolchain();
	const runDir = makeRunDir(tc, 'dev');
	n8n = await prepareN8n(tc, runDir, await portOr(Number(process.env.N8N_DEV_PORT ?? 5678)));
	log('building and installing the package');
	await installPackage(n8n.userFolder, await buildAndPack(runDir));
	const emu = await startEmulatorProcess(runDir, await portOr(Number(process.env.EMULATOR_PORT ?? 4010)));
	log(`emulator with demo data on ${emu.url}`);
	log('importing the credential and workflows');
	await importCredentials(n8n, credentials(emu.url, false));
	const examples = readExamples().map(({ file, workflow }) => withCredential(withEmulatorUrl({ ...workflow, id: exampleId(file), active: false }, emu.url), DEMO_CREDENTIAL));
	await importWorkflows(n8n, [shapesWorkflow(), ...examples]);
	log('starting n8n');
	await startN8nServer(n8n);
	await setupOwner(n8n);
	process.stdout.write(
		[
			'',
			`  n8n        ${n8n.url}`,
			`  login      ${OWNER.email} / ${OWNER.password}`,
			`  emulator   ${emu.url}  (control API: ${emu.url}/__emulator/state, demo key ${DEMO_API_KEY})`,
			`  credential "${DEMO_CREDENTIAL.name}" → the emulator`,
			`  workflows  ${examples.length} examples from examples/ + "${shapesWorkflow().name}"`,
			`  logs       ${runDir}`,
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
