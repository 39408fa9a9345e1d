import { checkWebhookTrigger } from './scenarios/webhook';
import { buildAndPack, ensureToolchain, installPackage, log, logTail, makeRunDir, prepareN8n, setupOwner, startEmulatorProcess, startN8nServer, stopAll, type N8nInstance } from './lib/stack';
let n8n: N8nInstance | undefined;
async function main() {
	const tc = await ensureToolchain();
	const runDir = makeRunDir(tc, 'wh');
	n8n = await prepareN8n(tc, runDir);
	n8n.env.WEBHOOK_URL = `${n8n.url}/`;
	await installPackage(n8n.userFolder, await buildAndPack(runDir));
	const emu = await startEmulatorProcess(runDir);
	await startN8nServer(n8n);
	await setupOwner(n8n);
	await checkWebhookTrigger(n8n, emu.url, (name) => log(`PASS ${name}`));
}
main().catch((e) => { console.log('FAIL', e, logTail(n8n)); process.exitCode = 1; }).finally(async () => { await stopAll(); process.exit(); });
