/**
 * The parts of a real n8n + emulator stack, shared by the e2e runner (run.ts) and `npm run dev` (dev.ts):
 * cached Node 24 + n8n install (setup.sh), build + pack + install of this package the way n8n
 * installs community packages, the standalone emulator, n8n CLI commands, `n8n start` and a
 * small REST client with the owner's session cookie. Every process started here is tracked and
 * stopped by `stopAll()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';

import type { RequestLogEntry } from '../../emulator/types';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const PACKAGE_NAME: string = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).name;
/** Node types of an installed community package are prefixed with the package name. */
export const ACTION_TYPE = `${PACKAGE_NAME}.instaview`;
export const TRIGGER_TYPE = `${PACKAGE_NAME}.instaviewTrigger`;
export const CREDENTIAL_TYPE = 'instaviewApi';
/** Fixed, so credentials imported by one CLI command stay readable by the next and by the server. */
export const ENCRYPTION_KEY = 'n8n-nodes-instaview-e2e-0123456789abcdef';
export const OWNER = { email: 'owner@example.com', firstName: 'InstaView', lastName: 'Tester', password: 'Passw0rd-InstaView!' };

// ---------------------------------------------------------------- logging and processes

const t0 = Date.now();
export function log(message: string): void {
	process.stdout.write(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
}

const children = new Set<ChildProcess>();

/** Start a tracked child process (own process group, so its children can be stopped with it). */
export function startProcess(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; logFile: string }): ChildProcess {
	const out = fs.openSync(opts.logFile, 'a');
	const child = spawn(cmd, args, { cwd: opts.cwd ?? REPO, env: opts.env ?? process.env, stdio: ['ignore', out, out], detached: true });
	fs.closeSync(out);
	children.add(child);
	child.on('exit', () => children.delete(child));
	return child;
}

async function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return true;
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), ms);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

/** SIGTERM every process this module started (their process groups), SIGKILL after 10 s. */
export async function stopAll(): Promise<void> {
	const list = [...children].reverse();
	for (const child of list) {
		try {
			if (child.pid) process.kill(-child.pid, 'SIGTERM');
		} catch {
			// already gone
		}
	}
	await Promise.all(
		list.map(async (child) => {
			if (await waitExit(child, 10000)) return;
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}),
	);
}

export interface RunResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Run a command to completion (not tracked: it ends by itself; output captured). */
export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; inheritStderr?: boolean } = {}): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd: opts.cwd ?? REPO, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', opts.inheritStderr ? 'inherit' : 'pipe'] });
		children.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
		child.on('error', reject);
		child.on('close', (code) => {
			children.delete(child);
			resolve({ code: code ?? 1, stdout, stderr });
		});
	});
}

export async function runOk(cmd: string, args: string[], opts: Parameters<typeof run>[2] = {}): Promise<string> {
	const r = await run(cmd, args, opts);
	if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
	return r.stdout;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs: number, everyMs = 500): Promise<T> {
	const end = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const v = await fn();
			if (v) return v;
		} catch (e) {
			last = e;
		}
		if (Date.now() > end) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
		await sleep(everyMs);
	}
}

// ---------------------------------------------------------------- install (cache) and package

export interface Toolchain {
	cache: string;
	nodeHome: string;
	n8nHome: string;
	n8nVersion: string;
	node: string;
	n8nBin: string;
}

/** Node 24 + n8n in the cache (installed by setup.sh when missing). */
export async function ensureToolchain(): Promise<Toolchain> {
	const out = await runOk('bash', [path.join(REPO, 'test/e2e/setup.sh')], { inheritStderr: true });
	const kv = Object.fromEntries(
		out
			.split('\n')
			.filter((l) => /^[A-Z0-9_]+=/.test(l))
			.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
	);
	const tc: Toolchain = {
		cache: kv.CACHE,
		nodeHome: kv.NODE_HOME,
		n8nHome: kv.N8N_HOME,
		n8nVersion: kv.N8N_VERSION,
		node: path.join(kv.NODE_HOME, 'bin', 'node'),
		n8nBin: path.join(kv.N8N_HOME, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
	if (!fs.existsSync(tc.node) || !fs.existsSync(tc.n8nBin)) throw new Error(`setup.sh did not produce ${tc.node} and ${tc.n8nBin}`);
	return tc;
}

/** A fresh folder for one run (n8n user folder, logs, packed tarball). */
export function makeRunDir(tc: Toolchain, label: string): string {
	const base = process.env.E2E_RUN_DIR ?? path.join(tc.cache, 'runs');
	fs.mkdirSync(base, { recursive: true });
	// keep the last few runs for post-mortems, drop older ones
	const old = fs
		.readdirSync(base)
		.filter((d) => d.startsWith(`${label}-`))
		.sort();
	for (const d of old.slice(0, Math.max(0, old.length - 4))) fs.rmSync(path.join(base, d), { recursive: true, force: true });
	const dir = path.join(base, `${label}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

/** npm run build + npm pack; returns the tarball path. */
export async function buildAndPack(runDir: string): Promise<string> {
	await runOk('npm', ['run', 'build']);
	const out = await runOk('npm', ['pack', '--silent', '--pack-destination', runDir]);
	const name = out.trim().split('\n').pop()!.trim();
	const tgz = path.join(runDir, name);
	if (!fs.existsSync(tgz)) throw new Error(`npm pack did not produce ${tgz}`);
	return tgz;
}

/**
 * Install the tarball into <userFolder>/.n8n/nodes/node_modules, where n8n's community-packages
 * loader looks (the same place the "Install community node" UI puts packages).
 */
export async function installPackage(userFolder: string, tgz: string): Promise<void> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
	// --legacy-peer-deps: do not pull in the n8n-workflow peer; n8n provides its own at run time
	await runOk('npm', ['i', '--no-save', '--no-package-lock', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', tgz], { cwd: nodesDir });
	const installed = path.join(nodesDir, 'node_modules', PACKAGE_NAME, 'dist', 'nodes', 'Instaview', 'Instaview.node.js');
	if (!fs.existsSync(installed)) throw new Error(`package not installed: ${installed} missing`);
}

// ---------------------------------------------------------------- emulator

export interface EmulatorProc {
	url: string;
	port: number;
	proc: ChildProcess;
}

export async function startEmulatorProcess(runDir: string, port?: number): Promise<EmulatorProc> {
	const p = port ?? (await freePort());
	const tsxCli = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
	const proc = startProcess(process.execPath, [tsxCli, 'test/emulator/cli.ts', '--port', String(p), '--demo'], {
		logFile: path.join(runDir, 'emulator.log'),
	});
	const url = `http://127.0.0.1:${p}`;
	await waitFor(
		'the emulator',
		async () => {
			if (proc.exitCode !== null) throw new Error(`emulator exited ${proc.exitCode}: ${fs.readFileSync(path.join(runDir, 'emulator.log'), 'utf8')}`);
			return (await fetch(`${url}/__emulator/state`)).ok;
		},
		30000,
		200,
	);
	return { url, port: p, proc };
}

export type LoggedRequest = RequestLogEntry;

export async function emulatorControl<T = unknown>(emuUrl: string, method: string, sub: string, body?: unknown): Promise<T> {
	const res = await fetch(`${emuUrl}/__emulator${sub}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`emulator ${method} ${sub} -> ${res.status} ${text}`);
	return JSON.parse(text) as T;
}

export const emulatorRequests = (emuUrl: string, filter = '') => emulatorControl<LoggedRequest[]>(emuUrl, 'GET', `/requests${filter}`);

// ---------------------------------------------------------------- n8n

export interface N8nInstance {
	tc: Toolchain;
	runDir: string;
	userFolder: string;
	port: number;
	brokerPort: number;
	url: string;
	env: NodeJS.ProcessEnv;
	logFile: string;
	server?: ChildProcess;
	cookie?: string;
}

export async function prepareN8n(tc: Toolchain, runDir: string, port?: number): Promise<N8nInstance> {
	const userFolder = path.join(runDir, 'user');
	fs.mkdirSync(userFolder, { recursive: true });
	const p = port ?? (await freePort());
	const brokerPort = await freePort();
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PATH: `${path.join(tc.nodeHome, 'bin')}:${path.join(tc.n8nHome, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(p),
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		N8N_LOG_LEVEL: 'info',
	};
	return { tc, runDir, userFolder, port: p, brokerPort, url: `http://127.0.0.1:${p}`, env, logFile: path.join(runDir, 'n8n.log') };
}

/** One n8n CLI command (boots n8n, does the job, exits). */
export async function n8nCli(n8n: N8nInstance, args: string[]): Promise<RunResult> {
	const r = await run(n8n.tc.node, [n8n.tc.n8nBin, ...args], { env: n8n.env });
	fs.appendFileSync(path.join(n8n.runDir, 'cli.log'), `\n$ n8n ${args.join(' ')} (exit ${r.code})\n${r.stdout}\n${r.stderr}\n`);
	return r;
}

async function n8nCliOk(n8n: N8nInstance, args: string[]): Promise<RunResult> {
	const r = await n8nCli(n8n, args);
	if (r.code !== 0) throw new Error(`n8n ${args.join(' ')} exited ${r.code}:\n${(r.stdout + r.stderr).slice(-3000)}`);
	return r;
}

export interface CredentialSpec {
	id: string;
	name: string;
	apiKey: string;
	baseUrl: string;
}

export async function importCredentials(n8n: N8nInstance, creds: CredentialSpec[]): Promise<void> {
	const file = path.join(n8n.runDir, 'credentials.json');
	const list = creds.map((c) => ({ id: c.id, name: c.name, type: CREDENTIAL_TYPE, data: { apiKey: c.apiKey, baseUrl: c.baseUrl, companyId: '' } }));
	fs.writeFileSync(file, JSON.stringify(list, null, 2));
	await n8nCliOk(n8n, ['import:credentials', `--input=${file}`]);
	fs.rmSync(file); // holds keys in clear text
}

export type WorkflowJson = Record<string, unknown> & { id?: string; name: string; nodes: Array<Record<string, unknown>> };

/** Point every InstaView node of a workflow at one credential (the examples reference it by name only). */
export function withCredential(wf: WorkflowJson, cred: { id: string; name: string }): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(wf)) as WorkflowJson;
	for (const node of copy.nodes) {
		if (String(node.type).startsWith(`${PACKAGE_NAME}.`)) node.credentials = { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } };
	}
	return copy;
}

/** Import workflows with one CLI call (each boots n8n for a few seconds). Ids given in the JSON are kept. */
export async function importWorkflows(n8n: N8nInstance, wfs: WorkflowJson[]): Promise<void> {
	const dir = fs.mkdtempSync(path.join(n8n.runDir, 'workflows-'));
	wfs.forEach((wf, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(2, '0')}-${wf.id ?? 'new'}.json`), JSON.stringify(wf, null, 2)));
	await n8nCliOk(n8n, ['import:workflow', '--separate', `--input=${dir}`]);
}

/** n8n execute --id --rawOutput: the run data of a manual-trigger workflow. */
export async function executeWorkflow(n8n: N8nInstance, id: string): Promise<ExecutionData> {
	const r = await n8nCli(n8n, ['execute', `--id=${id}`, '--rawOutput']);
	// stdout has log lines before the JSON, which starts at the first line that is exactly "{"
	const lines = r.stdout.split('\n');
	const start = lines.indexOf('{');
	if (start < 0) throw new Error(`n8n execute --id=${id} printed no execution JSON (exit ${r.code}):\n${(r.stdout + r.stderr).slice(-4000)}`);
	const data = JSON.parse(lines.slice(start).join('\n')) as ExecutionData;
	if (r.code !== 0 && data.status === 'success') throw new Error(`n8n execute exited ${r.code} with status success`);
	return data;
}

export interface NodeRun {
	data?: { main?: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, Record<string, unknown>> }> | null> };
	error?: { message?: string; description?: string };
	executionStatus?: string;
}

export interface ExecutionData {
	status?: string;
	finished?: boolean;
	mode?: string;
	data: { resultData: { runData: Record<string, NodeRun[]>; error?: { message?: string }; lastNodeExecuted?: string } };
}

/** Items (json) a node emitted on its first run, output 0 (or another output). */
export function nodeItems(exec: ExecutionData, node: string, output = 0): Array<Record<string, unknown>> {
	const runs = exec.data.resultData.runData[node];
	if (!runs?.length) return [];
	return (runs[0].data?.main?.[output] ?? []).map((i) => i.json);
}

export function nodeBinary(exec: ExecutionData, node: string): Record<string, Record<string, unknown>> | undefined {
	return exec.data.resultData.runData[node]?.[0]?.data?.main?.[0]?.[0]?.binary;
}

export async function startN8nServer(n8n: N8nInstance): Promise<void> {
	n8n.server = startProcess(n8n.tc.node, [n8n.tc.n8nBin, 'start'], { env: n8n.env, logFile: n8n.logFile });
	const server = n8n.server;
	await waitFor(
		'n8n /healthz/readiness and /rest/settings',
		async () => {
			if (server.exitCode !== null) throw new Error(`n8n exited ${server.exitCode}`);
			const a = await fetch(`${n8n.url}/healthz/readiness`);
			if (!a.ok) return false;
			return (await fetch(`${n8n.url}/rest/settings`)).ok;
		},
		120000,
		500,
	);
}

export function logTail(n8n: N8nInstance | undefined, lines = 60): string {
	if (!n8n) return '';
	const parts: string[] = [];
	for (const f of [n8n.logFile, path.join(n8n.runDir, 'cli.log')]) {
		if (!fs.existsSync(f)) continue;
		parts.push(`--- ${f} (last ${lines} lines)\n${fs.readFileSync(f, 'utf8').split('\n').slice(-lines).join('\n')}`);
	}
	return parts.join('\n');
}

/** Internal REST API (/rest/...) with the owner's session cookie. */
export async function rest<T = unknown>(n8n: N8nInstance, method: string, route: string, body?: unknown): Promise<T> {
	const res = await fetch(`${n8n.url}/rest${route}`, {
		method,
		headers: {
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...(n8n.cookie ? { cookie: n8n.cookie } : {}),
			// n8n binds a session to the browser-id header; any fixed value works for one client
			'browser-id': 'instaview-e2e',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	if (setCookie) n8n.cookie = setCookie.split(';')[0];
	const text = await res.text();
	if (!res.ok) throw new Error(`n8n ${method} /rest${route} -> ${res.status} ${text.slice(0, 500)}`);
	const json = JSON.parse(text) as { data: T };
	return json.data;
}

export async function setupOwner(n8n: N8nInstance): Promise<void> {
	await rest(n8n, 'POST', '/owner/setup', OWNER);
}

/** Whether the user folder already has its owner account (n8n then stops offering the setup). */
export async function ownerExists(n8n: N8nInstance): Promise<boolean> {
	const settings = await rest<{ userManagement: { showSetupOnFirstLoad?: boolean } }>(n8n, 'GET', '/settings');
	return settings.userManagement.showSetupOnFirstLoad === false;
}

export async function createWorkflow(n8n: N8nInstance, wf: WorkflowJson): Promise<{ id: string; versionId: string }> {
	const { id: _ignored, ...body } = wf;
	return rest(n8n, 'POST', '/workflows', body);
}

export async function activateWorkflow(n8n: N8nInstance, id: string): Promise<void> {
	const wf = await rest<{ versionId: string }>(n8n, 'GET', `/workflows/${id}`);
	await rest(n8n, 'POST', `/workflows/${id}/activate`, { versionId: wf.versionId });
}

export async function deactivateWorkflow(n8n: N8nInstance, id: string): Promise<void> {
	await rest(n8n, 'POST', `/workflows/${id}/deactivate`, {});
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	startedAt: string;
}

export async function listExecutions(n8n: N8nInstance, workflowId: string): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const r = await rest<{ results: ExecutionSummary[] }>(n8n, 'GET', `/executions?filter=${filter}&limit=100`);
	return r.results;
}

/** Full run data of a stored execution (the internal API returns it `flatted`-encoded). */
export async function getExecution(n8n: N8nInstance, id: string): Promise<ExecutionData> {
	const r = await rest<{ data: string; status: string; mode: string }>(n8n, 'GET', `/executions/${id}`);
	const req = createRequire(path.join(n8n.tc.n8nHome, 'node_modules', 'n8n', 'package.json'));
	const flatted = req('flatted') as { parse(s: string): ExecutionData['data'] };
	return { status: r.status, mode: r.mode, data: flatted.parse(r.data) };
}

// ---------------------------------------------------------------- examples

export const EXAMPLES_DIR = path.join(REPO, 'examples');

export function readExamples(): Array<{ file: string; workflow: WorkflowJson }> {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson }));
}

/** A 16-character workflow id derived from a file name (n8n keeps ids given in imported JSON). */
export function exampleId(file: string): string {
	const letters = file.replace(/\.json$/, '').replace(/[^a-zA-Z0-9]/g, '');
	return `ex${letters}`.slice(0, 16).padEnd(16, '0');
}
