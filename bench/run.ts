/**
 * npm run bench: every figure of the benchmarks in one process, against the in-process
 * emulator. Prints a table and writes bench/results.json. Timings are ratios measured side
 * by side in this run; request counts do not depend on the machine.
 */
import { writeFileSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join } from 'path';

import { benchBulkCreate, type BulkFigures } from './bulkCreate';
import { benchDetails } from './details';
import { benchCandidateUpsert } from './candidateUpsert';
import { benchGetMany, type GetManyFigures } from './getMany';
import { benchTrigger, type TriggerFigures } from './trigger';

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const kb = (bytes: number) => `${fixed(bytes / 1024, 1)} KB`;

function mark(ok: boolean): string {
	return ok ? 'met' : 'MISSED';
}

async function main(): Promise<void> {
	const quick = process.argv.includes('--quick');
	const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${fixed(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`;
	console.log(`InstaView node benchmarks — ${machine}\n`);

	const getMany: GetManyFigures[] = [];
	for (const n of [500, 5000]) getMany.push(await benchGetMany(n, n > 1000 ? 9 : 31));
	console.log('1. Get Many (Return All) over N interviews of one candidate');
	console.log('   (details off, as the raw loop; with the default details on: + the candidate read once)');
	console.log('   N      requests  floor  node ms  raw ms  node/raw  CPU µs/item node  raw   goal (floor, ≤1.15×)  at defaults');
	for (const f of getMany) {
		console.log(
			`   ${String(f.n).padEnd(6)} ${String(f.requests).padEnd(9)} ${String(f.floor).padEnd(6)} ${fixed(f.nodeMs, 1).padEnd(8)} ${fixed(f.rawMs, 1).padEnd(7)} ${fixed(f.ratio).padEnd(9)} ${fixed(f.nodeCpuUsPerItem, 1).padEnd(17)} ${fixed(f.rawCpuUsPerItem, 1).padEnd(5)} ${mark(f.requests === f.floor && f.ratio <= 1.15).padEnd(21)} ${f.requestsWithDetails} requests`,
		);
	}

	const bulk: BulkFigures = await benchBulkCreate(1000, 100, 1000);
	console.log('\n2. Bulk create, 1,000 items, limit 100 requests per window (a "minute" shortened to 1 s)');
	console.log(`   failed ${bulk.failed}, created ${bulk.created}, 429 responses ${bulk.responses429}, ${fixed(bulk.wallMs / 1000, 1)} s against a bound of ${fixed(bulk.boundMs / 1000, 1)} s = ${fixed(bulk.ratio)}× (goal 0 failed, ≤ 1.05×: ${mark(bulk.failed === 0 && bulk.ratio <= 1.05)})`);

	const trigger: TriggerFigures[] = [];
	for (const c of quick ? [1000] : [1000, 10000]) trigger.push(await benchTrigger(c));
	console.log('\n3. Trigger at the default budget (25 a poll) and the default limits (60/min, 2,000/h), one poll a minute; C candidates with a completed analysis each');
	for (const f of trigger) {
		const a = f.activation;
		const e = f.completionToEmission;
		console.log(`   C = ${f.candidates}: activation check ${a.polls} polls = ${a.minutes} min (${a.requests} requests, ${a.refused} refused; floor at the hourly limit ${a.floorPolls} polls); analyses in flight at activation emitted ${a.checkToEmission} poll(s) after the check reached them (by poll ${a.inFlightEmittedBy.unrated} for candidates without a rating yet, read first; by poll ${a.inFlightEmittedBy.rated} for ones on the last page with an earlier rated analysis)`);
		console.log(`     polls from completion to emission, worst case: new analyses ${e.newAnalyses}, in flight ${e.inFlight}; with ${100} stuck in flight and 503 faults: new ${e.withStuck.newAnalyses}, in flight ${e.withStuck.inFlight} (bound ${e.withStuck.bound}); re-verification bound ${e.reverificationBound} polls`);
		console.log(`     most requests in any poll, retries included: ${f.mostRequestsInAPoll.live} after activation (budget ${f.budget}: ${mark(f.mostRequestsInAPoll.live <= f.budget)}), ${f.mostRequestsInAPoll.activation} while activating (spare ≤ 54) (${f.faultedRequests} faulted); state ${kb(f.stateBytes.afterActivation)} after activation, ${kb(f.stateBytes.end)} at the end (goal ≤ 100 KB: ${mark(Math.max(f.stateBytes.afterActivation, f.stateBytes.end) <= 100 * 1024)}); baseline ${f.baseline.requestsPerPoll} requests a poll (${fixed(f.baseline.minutesPerPollAt60PerMinute, 1)} min of quota)`);
	}

	const upsert = await benchCandidateUpsert(1000, 10000);
	console.log(`\n4. Candidate → Create or Update, ${upsert.rows} rows against ${upsert.candidates} candidates (half the rows match)`);
	for (const [name, r] of [['run 1', upsert.first], ['run 2 (same rows)', upsert.second], ['one row alone', upsert.single]] as const) {
		console.log(`   ${name}: ${r.requests} requests (${r.lookupRequests} reads, ${r.writeRequests} writes) = ${fixed(r.requestsPerItem, 3)} per item, reads ${fixed(r.lookupRequestsPerItem, 3)} per item; created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, failed ${r.failed}; ${fixed(r.wallMs / 1000, 1)} s`);
	}
	console.log(`   baseline (a full read per row): ${upsert.baselineRequestsPerItem} requests per item; goal reads ≤ ceil(C/100)/R = ${fixed(Math.ceil(upsert.candidates / 100) / upsert.rows, 3)} per item: ${mark(upsert.first.lookupRequestsPerItem <= Math.ceil(upsert.candidates / 100) / upsert.rows && upsert.second.created === 0)}`);

	const details = await benchDetails();
	console.log(`\n5. Candidate and job details in the trigger: ${details.candidates} candidates over ${details.jobs} jobs, budget ${details.budget}`);
	for (const r of details.runs) {
		console.log(`   k = ${String(r.k).padEnd(3)} (${r.distinctCandidates} candidates, ${r.distinctJobs} jobs): ${r.requestsWith} requests with details, ${r.requestsWithout} without (+${r.extra}); ${r.pollsWith} vs ${r.pollsWithout} poll(s); max ${r.maxInAPollWith} in a poll (budget: ${mark(r.maxInAPollWith <= details.budget)})`);
	}

	const results = { machine, measuredAt: new Date().toISOString(), getMany, bulk, trigger, upsert, details };
	const file = join(__dirname, 'results.json');
	writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
	console.log(`\nFigures written to bench/results.json`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
