import { spawn } from 'node:child_process';
import path from 'node:path';
import { DEMO_API_KEY } from './index';
import { client } from './testkit';

const root = path.resolve(__dirname, '../..');

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
	const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(__dirname, 'cli.ts'), ...args], {
		cwd: root,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	const ready = new Promise<string>((resolve, reject) => {
		child.stdout.on('data', (d: Buffer) => {
			out += d.toString();
			const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
			if (m && out.includes('Demo API key:')) resolve(m[1]);
		});
		child.once('exit', (code) => reject(new Error(`exited early (${code}): ${out}`)));
	});
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	return { child, ready, exited, output: () => out };
}

it('standalone CLI: --demo (with loopback http webhooks), --list-shape, PORT env; prints url + key; exits cleanly on SIGTERM/SIGINT', async () => {
	const a = run(['--demo', '--list-shape', 'items'], { PORT: '0' });
	const url = await a.ready;
	expect(a.output()).toContain(`Demo API key: ${DEMO_API_KEY}`);
	const res = await client(url, DEMO_API_KEY).get('/jobs');
	expect(res.status).toBe(200);
	expect(res.data.data.pagination.total).toBe(2);
	expect((await client(url, null).get('/__emulator/webhooks/options')).data.allowLoopbackHttp).toBe(true);
	a.child.kill('SIGTERM');
	expect(await a.exited).toBe(0);

	const b = run(['--port', '0']);
	const url2 = await b.ready;
	expect((await client(url2, DEMO_API_KEY).get('/jobs')).data.data.total).toBe(0);
	expect((await client(url2, null).get('/__emulator/webhooks/options')).data.allowLoopbackHttp).toBe(false);
	b.child.kill('SIGINT');
	expect(await b.exited).toBe(0);
}, 20000);

it('standalone CLI: --allow-loopback-http without --demo', async () => {
	const c = run(['--port', '0', '--allow-loopback-http']);
	const url = await c.ready;
	expect((await client(url, null).get('/__emulator/webhooks/options')).data.allowLoopbackHttp).toBe(true);
	c.child.kill('SIGTERM');
	expect(await c.exited).toBe(0);
}, 20000);
