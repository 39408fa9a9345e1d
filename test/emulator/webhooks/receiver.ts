/** A loopback HTTP server that records webhook deliveries, for tests (127.0.0.1, random port). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
	method: string;
	path: string;
	/** lower-case names, as node:http gives them */
	headers: http.IncomingHttpHeaders;
	raw: string;
	/** parsed JSON, or undefined when the body is not JSON */
	body: unknown;
	/** Date.now() when the request arrived */
	receivedAt: number;
}

/** What to answer: a status (default 200), optionally after a delay, or `hang` (never answer). */
export interface ReceiverReply {
	status?: number;
	delayMs?: number;
	hang?: boolean;
}

export interface WebhookReceiver {
	/** e.g. http://127.0.0.1:41234/hook */
	url: string;
	received: ReceivedWebhook[];
	/** decide the answer per request (default: 200) */
	respond(fn: (req: ReceivedWebhook, index: number) => ReceiverReply): void;
	/** resolves once at least `count` requests arrived; rejects after `timeoutMs` (default 5000) */
	waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
	close(): Promise<void>;
}

export async function startWebhookReceiver(path = '/hook'): Promise<WebhookReceiver> {
	const received: ReceivedWebhook[] = [];
	const waiters: Array<() => void> = [];
	let responder: (req: ReceivedWebhook, index: number) => ReceiverReply = () => ({ status: 200 });
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			let body: unknown;
			try {
				body = JSON.parse(raw);
			} catch {
				body = undefined;
			}
			const entry: ReceivedWebhook = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, body, receivedAt: Date.now() };
			received.push(entry);
			const reply = responder(entry, received.length - 1);
			for (const w of waiters.splice(0)) w();
			if (reply.hang) return;
			const answer = () => {
				res.writeHead(reply.status ?? 200, { 'Content-Type': 'text/plain' });
				res.end(`received ${received.length}`);
			};
			if (reply.delayMs) setTimeout(answer, reply.delayMs);
			else answer();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${path}`,
		received,
		respond: (fn) => {
			responder = fn;
		},
		waitFor: (count, timeoutMs = 5000) =>
			new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`receiver: expected ${count} requests within ${timeoutMs} ms, got ${received.length}`)), timeoutMs);
				const check = () => {
					if (received.length >= count) {
						clearTimeout(timer);
						resolve(received.slice());
					} else waiters.push(check);
				};
				check();
			}),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
