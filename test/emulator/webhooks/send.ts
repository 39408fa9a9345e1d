/** One outgoing webhook POST (node:http / node:https), with a timeout and an abort handle. */
import http from 'node:http';
import https from 'node:https';

export interface SendOutcome {
	statusCode: number | null;
	error: string | null;
	responseBody: string | null;
	durationMs: number;
}

export interface Sending {
	done: Promise<SendOutcome>;
	abort(): void;
}

const MAX_RESPONSE_CHARS = 2048;

/** 127.0.0.0/8, localhost and [::1]: the only hosts plain http may target (with allowLoopbackHttp). */
export function isLoopbackHost(hostname: string): boolean {
	const h = hostname.toLowerCase();
	return h === 'localhost' || h === '[::1]' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * POST `body` to `url`. Redirects are not followed (a 3xx is a failed attempt); a fresh agent per
 * attempt (no keep-alive) so a closed emulator leaves no sockets behind.
 */
export function postJson(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Sending {
	const started = Date.now();
	let req: http.ClientRequest | undefined;
	const done = new Promise<SendOutcome>((resolve) => {
		let settled = false;
		const finish = (o: Omit<SendOutcome, 'durationMs'>) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve({ ...o, durationMs: Date.now() - started });
		};
		const timer = setTimeout(() => {
			finish({ statusCode: null, error: `timeout after ${timeoutMs} ms`, responseBody: null });
			req?.destroy();
		}, timeoutMs);
		const lib = url.startsWith('https:') ? https : http;
		try {
			req = lib.request(url, { method: 'POST', headers, agent: false }, (res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c: string) => {
					if (text.length < MAX_RESPONSE_CHARS) text += c;
				});
				res.on('end', () => finish({ statusCode: res.statusCode ?? null, error: null, responseBody: text.slice(0, MAX_RESPONSE_CHARS) }));
				res.on('error', (e) => finish({ statusCode: res.statusCode ?? null, error: errorName(e), responseBody: null }));
			});
		} catch (e) {
			finish({ statusCode: null, error: errorName(e as Error), responseBody: null });
			return;
		}
		req.on('error', (e) => finish({ statusCode: null, error: errorName(e), responseBody: null }));
		req.end(body);
	});
	return {
		done,
		abort: () => req?.destroy(new Error('aborted: emulator reset or closed')),
	};
}

function errorName(e: Error & { code?: string }): string {
	return e.code ? `${e.code}: ${e.message}` : e.message;
}
