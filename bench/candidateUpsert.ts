/**
 * Candidate → Create or Update: requests per item for R rows against C existing candidates.
 * Run 1: half the rows name existing candidates (with a changed last name), half are new.
 * Run 2: the same rows again (the sheet synced twice): nothing is created or changed.
 * The baseline looks each row up on its own (a full read of the candidates per row, the only
 * per-row lookup that is correct while `search` ignores emails).
 */
import { freshEmulator, measure, runNode } from './common';

export interface UpsertRun {
	requests: number;
	lookupRequests: number;
	writeRequests: number;
	requestsPerItem: number;
	lookupRequestsPerItem: number;
	created: number;
	updated: number;
	unchanged: number;
	failed: number;
	wallMs: number;
}

export interface UpsertFigures {
	rows: number;
	candidates: number;
	first: UpsertRun;
	second: UpsertRun;
	/** One row alone against the same candidates (a form submission). */
	single: UpsertRun;
	baselineRequestsPerItem: number;
}

export async function benchCandidateUpsert(rows = 1000, candidates = 10000): Promise<UpsertFigures> {
	const emulator = await freshEmulator();
	try {
		await emulator.control.seed({ candidates: candidates - emulator.state.candidates.size });
		const existing = [...emulator.state.candidates.values()].filter((c) => c.email).slice(0, rows / 2);
		const gdprExpiryDate = new Date(Date.now() + 400 * 86400000).toISOString().slice(0, 10);
		const parameters = Array.from({ length: rows }, (_, i) => {
			const match = existing[i];
			return {
				resource: 'candidate',
				operation: 'upsert',
				firstName: match ? match.firstName : 'New',
				lastName: match ? `${match.lastName} (synced)` : `Row ${i}`,
				email: match ? String(match.email) : `sync.row${i}@example.com`,
				phoneNumber: '',
				gdprExpiryDate,
				additionalFields: {},
			};
		});
		const run = async (list: typeof parameters): Promise<UpsertRun> => {
			await emulator.control.clearRequests();
			const measured = await measure(() => runNode(emulator, list, list.length));
			const log = await emulator.control.requests({});
			const lookups = log.filter((r) => r.method === 'GET').length;
			const count = (result: string) => measured.result.filter((item) => item.json.upsertResult === result).length;
			return {
				requests: log.length,
				lookupRequests: lookups,
				writeRequests: log.length - lookups,
				requestsPerItem: log.length / list.length,
				lookupRequestsPerItem: lookups / list.length,
				created: count('created'),
				updated: count('updated'),
				unchanged: count('unchanged'),
				failed: measured.result.filter((item) => item.json.error).length,
				wallMs: measured.wallMs,
			};
		};
		const first = await run(parameters);
		const second = await run(parameters);
		const single = await run([{ ...parameters[rows - 1], email: 'single.row@example.com' }]);
		return { rows, candidates, first, second, single, baselineRequestsPerItem: Math.ceil(candidates / 100) + 1 };
	} finally {
		await emulator.close();
	}
}
