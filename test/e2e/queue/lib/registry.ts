/**
 * A local npm registry (verdaccio, pinned by registry-host/package-lock.json) to publish the
 * package to and install it from, as a team with a private registry would. Verdaccio is
 * installed into the e2e cache (it needs Node 22+, so it runs on the cache's Node 24), keyed on
 * the lockfile's hash like the n8n install, and serves from the run folder on a free loopback port.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { freePort, log, PACKAGE_NAME, REPO, runOk, startProcess, waitFor, type Toolchain } from '../../lib/stack';

const HOST_DIR = path.join(REPO, 'test/e2e/queue/registry-host');

export interface Registry {
	url: string;
	/** npm user config holding the publish token (a throwaway user of this registry). */
	userConfig: string;
	dir: string;
}

/** The Node 24 PATH npm and verdaccio run with. */
function nodeEnv(tc: Toolchain): NodeJS.ProcessEnv {
	return { ...process.env, PATH: `${path.join(tc.nodeHome, 'bin')}:${process.env.PATH ?? ''}` };
}

async function ensureVerdaccio(tc: Toolchain): Promise<string> {
	const lock = ['package.json', 'package-lock.json'].map((f) => fs.readFileSync(path.join(HOST_DIR, f))).join('\n');
	const dir = path.join(tc.cache, `verdaccio-${createHash('sha256').update(lock).digest('hex').slice(0, 12)}`);
	const bin = path.join(dir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
	if (!fs.existsSync(path.join(dir, '.complete'))) {
		log(`   installing verdaccio into ${dir}`);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(HOST_DIR, f), path.join(dir, f));
		await runOk('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env: nodeEnv(tc) });
		fs.writeFileSync(path.join(dir, '.complete'), '');
		// older installs (other lockfile hashes) are dropped
		for (const old of fs.readdirSync(tc.cache).filter((d) => d.startsWith('verdaccio-') && path.join(tc.cache, d) !== dir)) {
			fs.rmSync(path.join(tc.cache, old), { recursive: true, force: true });
		}
	}
	return bin;
}

export async function startRegistry(tc: Toolchain, runDir: string): Promise<Registry> {
	const bin = await ensureVerdaccio(tc);
	const dir = path.join(runDir, 'registry');
	fs.mkdirSync(path.join(dir, 'storage'), { recursive: true });
	// No uplinks: the registry serves only what this run publishes.
	fs.writeFileSync(
		path.join(dir, 'config.yaml'),
		[
			`storage: ${path.join(dir, 'storage')}`,
			'auth:',
			`  htpasswd: { file: ${path.join(dir, 'htpasswd')}, max_users: 1 }`,
			'uplinks: {}',
			'packages:',
			"  '**': { access: $all, publish: $authenticated }",
			'log: { type: stdout, format: pretty, level: warn }',
			'',
		].join('\n'),
	);
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	startProcess(tc.node, [bin, '--config', path.join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
		env: nodeEnv(tc),
		logFile: path.join(dir, 'verdaccio.log'),
	});
	await waitFor('the local registry', async () => (await fetch(`${url}/-/ping`)).ok, 30000, 200);
	// what `npm adduser` does: create the user, get a token
	const res = await fetch(`${url}/-/user/org.couchdb.user:e2e`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'e2e', password: 'e2e-registry-password' }),
	});
	const { token } = (await res.json()) as { token?: string };
	if (!res.ok || !token) throw new Error(`registry user not created: ${res.status}`);
	const userConfig = path.join(dir, 'npmrc');
	fs.writeFileSync(userConfig, `//127.0.0.1:${port}/:_authToken=${token}\n`);
	return { url, userConfig, dir };
}

/** npm publish a tarball or a package folder; returns the published version. */
export async function publish(tc: Toolchain, reg: Registry, what: string): Promise<string> {
	await runOk('npm', ['publish', what, '--registry', reg.url, '--userconfig', reg.userConfig, '--ignore-scripts', '--loglevel=error'], { env: nodeEnv(tc) });
	const meta = (await (await fetch(`${reg.url}/${PACKAGE_NAME}`)).json()) as { 'dist-tags': { latest: string } };
	return meta['dist-tags'].latest;
}

/** The packed package unpacked into a folder with another version number (the repo is not touched). */
export async function withVersion(tgz: string, version: string, runDir: string): Promise<string> {
	const dir = fs.mkdtempSync(path.join(runDir, 'bump-'));
	await runOk('tar', ['-xzf', tgz, '-C', dir]);
	const file = path.join(dir, 'package', 'package.json');
	const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string };
	fs.writeFileSync(file, JSON.stringify({ ...pkg, version }, null, 2));
	return path.join(dir, 'package');
}

/** The next patch version: 0.1.0 -> 0.1.1. */
export function nextPatch(version: string): string {
	const [major, minor, patch] = version.split('.').map(Number);
	return `${major}.${minor}.${patch + 1}`;
}

/**
 * What the README tells self-hosted users without the UI to do: `npm install <package>` in
 * <user folder>/.n8n/nodes (here from the local registry), then restart n8n.
 */
export async function installFromRegistry(tc: Toolchain, reg: Registry, userFolder: string, version: string): Promise<void> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	// --legacy-peer-deps: n8n provides n8n-workflow; the registry has no copy of it to resolve the peer from
	await runOk(
		'npm',
		['install', `${PACKAGE_NAME}@${version}`, '--registry', reg.url, '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		{ cwd: nodesDir, env: nodeEnv(tc) },
	);
}

export function installedVersion(userFolder: string): string {
	const file = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME, 'package.json');
	return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}
