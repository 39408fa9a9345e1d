/** Standalone: npx tsx test/emulator/cli.ts [--port 4010] [--demo] [--list-shape nested] [--allow-loopback-http] */
import { DEMO_API_KEY, startEmulator, type ListShape } from './index';

function arg(name: string): string | undefined {
	const argv = process.argv.slice(2);
	const i = argv.indexOf(name);
	if (i >= 0) return argv[i + 1];
	const eq = argv.find((a) => a.startsWith(`${name}=`));
	return eq ? eq.slice(name.length + 1) : undefined;
}

async function main(): Promise<void> {
	const port = Number(arg('--port') ?? process.env.PORT ?? 4010);
	const shape = (arg('--list-shape') ?? 'nested') as ListShape;
	if (!['items', 'flat', 'nested'].includes(shape)) throw new Error(`--list-shape must be items, flat or nested`);
	const demo = process.argv.includes('--demo');
	// demo/dev mode delivers webhooks to a local n8n over plain http
	const allowLoopbackHttp = demo || process.argv.includes('--allow-loopback-http');
	const emu = await startEmulator({ port, listShape: shape, seedDemo: demo, webhooks: { allowLoopbackHttp } });
	process.stdout.write(`InstaView emulator listening on ${emu.url}\nDemo API key: ${DEMO_API_KEY}\n`);
	let closing = false;
	const stop = (sig: string) => {
		if (closing) return;
		closing = true;
		process.stdout.write(`Received ${sig}, shutting down\n`);
		emu.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: Error) => {
	process.stderr.write(`${e.message}\n`);
	process.exit(1);
});
