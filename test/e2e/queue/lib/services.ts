/**
 * PostgreSQL and Redis for the queue-mode run, started by services.sh on free loopback ports,
 * plus a small SQL reader for assertions on what n8n stored.
 */
import path from 'node:path';

import { freePort, REPO, runOk } from '../../lib/stack';

export interface Services {
	pgPort: number;
	redisPort: number;
	/** Temporary folder of the cluster and the Redis pid file (deleted by stopServices). */
	pgDir: string;
	pgBin: string;
	user: string;
	password: string;
	database: string;
	versions: string;
}

const SCRIPT = path.join(REPO, 'test/e2e/queue/services.sh');

function keyValues(out: string): Record<string, string> {
	return Object.fromEntries(
		out
			.split('\n')
			.filter((l) => /^[A-Z_]+=/.test(l))
			.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
	);
}

export async function startServices(): Promise<Services> {
	const pgPort = await freePort();
	const redisPort = await freePort();
	const out = await runOk('bash', [SCRIPT, 'start'], { env: { ...process.env, PG_PORT: String(pgPort), REDIS_PORT: String(redisPort) } });
	const kv = keyValues(out);
	return {
		pgPort,
		redisPort,
		pgDir: kv.PG_DIR,
		pgBin: kv.PG_BIN,
		user: kv.PG_USER,
		password: kv.PG_PASSWORD,
		database: kv.PG_DB,
		versions: `${kv.POSTGRES_VERSION}, ${kv.REDIS_VERSION}`,
	};
}

/** Stops both servers and deletes the cluster; their logs are copied to logDir. */
export async function stopServices(s: Services | undefined, logDir: string): Promise<void> {
	if (!s?.pgDir) return;
	await runOk('bash', [SCRIPT, 'stop'], { env: { ...process.env, PG_DIR: s.pgDir, LOG_DIR: logDir } });
}

/** Rows of a query as arrays of strings (psql unaligned, tab-separated). */
export async function sql(s: Services, query: string): Promise<string[][]> {
	const out = await runOk(
		path.join(s.pgBin, 'psql'),
		['-h', '127.0.0.1', '-p', String(s.pgPort), '-U', s.user, '-d', s.database, '-qAt', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', query],
		{ env: { ...process.env, PGPASSWORD: s.password } },
	);
	return out
		.split('\n')
		.filter((l) => l !== '')
		.map((l) => l.split('\t'));
}
