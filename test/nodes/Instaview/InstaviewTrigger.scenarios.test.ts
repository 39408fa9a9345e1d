/**
 * The InstaView Trigger against the emulator: every case runs real polls over HTTP with the
 * static data passed through JSON between polls, and checks what was emitted against the
 * emulator's ground truth.
 */
import { NodeApiError } from 'n8n-workflow';

import { DEMO_IDS } from '../../emulator';
import {
	addCandidate, addInterview, advance, analysesWithStatus, analysisIdOf, completedCandidate, isSettled, parameters, queuedIds,
	stateOf, TriggerHarness, useTriggerEmulator,
} from './trigger/harness';

const FAST = { perMinute: 100000, perHour: 1000000, windowMs: 60000 };
const ctx = useTriggerEmulator({ rateLimit: FAST });
const emu = () => ctx.emulator;
const ids = (result: { items: Array<{ json: Record<string, unknown> }> }) => result.items.map((item) => analysisIdOf(item as never));

beforeEach(async () => {
	await emu().control.setRateLimit(FAST);
});

/** Polls until nothing is emitted and nothing is queued or left to verify; returns all emitted ids. */
async function drain(trigger: TriggerHarness, maxPolls = 50): Promise<string[]> {
	const emitted: string[] = [];
	for (let i = 0; i < maxPolls; i++) {
		const result = await trigger.poll();
		if (result.error) throw result.error;
		emitted.push(...ids(result));
		if (!result.items.length && isSettled(trigger.staticData)) break;
	}
	return emitted;
}

describe('InstaView Trigger', () => {
	test('the first production poll seeds and emits nothing; a later completion is emitted', async () => {
		completedCandidate(emu());
		completedCandidate(emu());
		addCandidate(emu());
		const trigger = new TriggerHarness(emu(), parameters());
		const first = await trigger.poll();
		expect(first.returnedNull).toBe(true);
		expect(trigger.staticData).toMatchObject({ v: 2, phase: 'live', scopeKey: 'all', queue: [] });
		expect(await drain(trigger)).toEqual([]);
		const { interview } = completedCandidate(emu());
		const next = await trigger.poll();
		expect(ids(next)).toEqual([interview.analysis!.id]);
		expect(next.items[0].json).toMatchObject({ event: 'analysis.completed', id: interview.id, analysisStatus: 'COMPLETED' });
	});

	test('the seeding boundary follows InstaView\'s clock, not n8n\'s: an hour of skew loses nothing', async () => {
		await emu().control.advanceClock(-3600000);
		try {
			completedCandidate(emu());
			const trigger = new TriggerHarness(emu(), parameters());
			await drain(trigger);
			expect(Date.parse(stateOf(trigger.staticData).seededAt)).toBeLessThan(Date.now() - 3000000);
			const fresh = completedCandidate(emu());
			expect(ids(await trigger.poll())).toEqual([fresh.interview.analysis!.id]);
		} finally {
			await emu().control.advanceClock(3600000);
		}
	});

	test('candidates whose ids share a long prefix are told apart (demo data: cafe0001-0000-…)', async () => {
		await emu().control.seed({ demo: true });
		const trigger = new TriggerHarness(emu(), parameters());
		await drain(trigger);
		advance(emu(), DEMO_IDS.interviews.mariaScreening, { status: 'COMPLETED', analysisStatus: 3, overallRating: 77 });
		const maria = emu().state.interviews.get(DEMO_IDS.interviews.mariaScreening)!;
		expect(await drain(trigger)).toEqual([maria.analysis!.id]);
		advance(emu(), DEMO_IDS.interviews.peterScreening, { status: 'COMPLETED', analysisStatus: 3 });
		expect(await drain(trigger)).toEqual([DEMO_IDS.analyses.peter]);
	});

	test('"Emit Existing Analyses on First Poll" emits what already finished, once', async () => {
		completedCandidate(emu());
		completedCandidate(emu());
		const trigger = new TriggerHarness(emu(), parameters({ options: { emitExisting: true } }));
		const emitted = await drain(trigger);
		expect(emitted.sort()).toEqual(analysesWithStatus(emu(), [3]).sort());
		expect((await trigger.poll()).returnedNull).toBe(true);
	});

	test('manual mode returns the latest completed analysis and leaves the state byte-identical', async () => {
		const older = completedCandidate(emu());
		const latest = completedCandidate(emu());
		advance(emu(), older.interview.id, { overallRating: 70, at: new Date(Date.now() - 3600000).toISOString() });
		completedCandidate(emu());
		advance(emu(), latest.interview.id, { overallRating: 91, at: new Date(Date.now() + 60000).toISOString() });
		const trigger = new TriggerHarness(emu(), parameters());
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData);
		const manual = await trigger.poll('manual');
		expect(manual.items).toHaveLength(1);
		expect(manual.items[0].json).toMatchObject({ id: latest.interview.id, overallRating: 91, event: 'analysis.completed' });
		expect(JSON.stringify(trigger.staticData)).toBe(before);

		const empty = new TriggerHarness(emu(), parameters());
		expect((await empty.poll('manual')).items).toHaveLength(1);
		expect(empty.staticData).toEqual({});
	});

	test('each completed analysis is emitted exactly once, in completion order', async () => {
		const trigger = new TriggerHarness(emu(), parameters());
		await drain(trigger);
		const emitted: string[] = [];
		for (let round = 0; round < 5; round++) {
			for (let i = 0; i < 3; i++) completedCandidate(emu(), 60 + round + i);
			const again = addCandidate(emu());
			const first = addInterview(emu(), again.id);
			advance(emu(), first.id, { status: 'COMPLETED', analysisStatus: 3 });
			const result = await trigger.poll();
			const times = result.items.map((item) => String(item.json.analysisUpdatedAt));
			expect([...times].sort()).toEqual(times);
			emitted.push(...ids(result));
		}
		emitted.push(...(await drain(trigger)));
		expect(emitted).toHaveLength(new Set(emitted).size);
		expect(emitted.sort()).toEqual(analysesWithStatus(emu(), [3]).sort());
		expect(JSON.parse(JSON.stringify(trigger.staticData))).toEqual(trigger.staticData);
	});

	test('an analysis completing several polls after the count rose (PENDING → PROCESSING → COMPLETED)', async () => {
		const candidate = addCandidate(emu());
		const trigger = new TriggerHarness(emu(), parameters());
		await drain(trigger);
		const interview = addInterview(emu(), candidate.id);
		advance(emu(), interview.id, { status: 'IN_PROGRESS', analysisStatus: 1 });
		expect((await trigger.poll()).returnedNull).toBe(true);
		expect(queuedIds(trigger.staticData)).toEqual([candidate.id]);
		expect((await trigger.poll()).returnedNull).toBe(true);
		advance(emu(), interview.id, { analysisStatus: 2 });
		expect((await trigger.poll()).returnedNull).toBe(true);
		advance(emu(), interview.id, { status: 'COMPLETED', analysisStatus: 3, overallRating: 88 });
		const done = await trigger.poll();
		expect(ids(done)).toEqual([interview.analysis!.id]);
		expect(done.items[0].json.overallRating).toBe(88);
		// The scan after the read saw the new rating: one more read, which finds nothing new.
		expect((await trigger.poll()).returnedNull).toBe(true);
		expect(queuedIds(trigger.staticData)).toEqual([]);
	});

	test('several analyses completing with the same timestamp are all emitted, ordered by id', async () => {
		const shared = addCandidate(emu());
		const trigger = new TriggerHarness(emu(), parameters());
		await drain(trigger);
		const at = new Date(Date.now() + 1000).toISOString();
		const interviews = [addInterview(emu(), shared.id), addInterview(emu(), shared.id)];
		for (let i = 0; i < 3; i++) interviews.push(addInterview(emu(), addCandidate(emu()).id));
		for (const interview of interviews) advance(emu(), interview.id, { status: 'COMPLETED', analysisStatus: 3, at });
		const result = await trigger.poll();
		const expected = interviews.map((interview) => interview.analysis!.id).sort();
		expect(ids(result)).toEqual(expected);
		expect((await trigger.poll()).returnedNull).toBe(true);
	});

	test('a poll failing half-way keeps what it found; the next polls recover with no miss and no duplicate', async () => {
		const watched = addCandidate(emu());
		const trigger = new TriggerHarness(emu(), parameters());
		await drain(trigger);
		const pending = addInterview(emu(), watched.id);
		advance(emu(), pending.id, { analysisStatus: 1 });
		await trigger.poll();
		expect(queuedIds(trigger.staticData)).toEqual([watched.id]);
		advance(emu(), pending.id, { status: 'COMPLETED', analysisStatus: 3 });
		const late = completedCandidate(emu());
		// The queued candidate is read, then the scan fails on every retry.
		await emu().control.addFault({ method: 'GET', path: '/candidates', status: 503, times: 4 });
		const failing = await trigger.poll();
		expect(failing.error).toBeUndefined();
		expect(ids(failing)).toEqual([pending.analysis!.id]);
		expect(failing.logs.some((line) => line.startsWith('warn:') && /503|server problem/.test(line))).toBe(true);
		// Nothing found and the scan fails (a dropped connection, then 500s): the error surfaces.
		await emu().control.addFault({ method: 'GET', path: '/candidates', drop: true, times: 1 });
		await emu().control.addFault({ method: 'GET', path: '/candidates', status: 500, times: 3 });
		const thrown = await trigger.poll();
		expect(thrown.error).toBeInstanceOf(NodeApiError);
		expect(thrown.error?.httpCode).toBe('500');
		const recovered = await trigger.poll();
		expect(ids(recovered)).toEqual([late.interview.analysis!.id]);
		expect(await drain(trigger)).toEqual([]);
	});

	test('a watched candidate that is deleted is dropped instead of blocking the trigger', async () => {
		const gone = addCandidate(emu());
		const trigger = new TriggerHarness(emu(), parameters());
		await drain(trigger);
		const pending = addInterview(emu(), gone.id);
		advance(emu(), pending.id, { analysisStatus: 1 });
		await trigger.poll();
		expect(queuedIds(trigger.staticData)).toEqual([gone.id]);
		emu().state.candidates.get(gone.id)!.deletedAt = new Date().toISOString();
		const later = completedCandidate(emu());
		const result = await trigger.poll();
		expect(result.error).toBeUndefined();
		expect(ids(result)).toEqual([later.interview.analysis!.id]);
		expect(queuedIds(trigger.staticData)).toEqual([]);
	});

	test('the same poll run twice emits nothing the second time', async () => {
		const trigger = new TriggerHarness(emu(), parameters());
		await drain(trigger);
		completedCandidate(emu());
		completedCandidate(emu());
		expect((await trigger.poll()).items).toHaveLength(2);
		expect((await trigger.poll()).returnedNull).toBe(true);
	});

	test('350+ candidates over many pages with a small budget: scanning spans polls, nothing missed', async () => {
		const old = Array.from({ length: 360 }, () => completedCandidate(emu()));
		const none = Array.from({ length: 20 }, () => addCandidate(emu()));
		const trigger = new TriggerHarness(emu(), parameters({ options: { maxRequests: 3, addDetails: false } }));
		expect((await trigger.poll()).returnedNull).toBe(true);
		// A candidate on a page the activation check has passed gets its first analysis.
		const first = addInterview(emu(), none[0].id);
		advance(emu(), first.id, { status: 'COMPLETED', analysisStatus: 3 });
		// 3 requests: a scan page, the activation check's first page, then the scan again.
		expect(stateOf(trigger.staticData)).toMatchObject({ phase: 'seeding', checking: true, scan: { page: 3, cycle: 0 }, walk: { page: 2, cycle: 0 } });
		const fresh = [completedCandidate(emu()).interview.analysis!.id];
		const again = addInterview(emu(), old[5].candidate.id);
		advance(emu(), again.id, { status: 'COMPLETED', analysisStatus: 3 });
		fresh.push(again.analysis!.id, first.analysis!.id);
		const emitted = await drain(trigger, 400);
		expect(emitted.sort()).toEqual(fresh.sort());
		expect(stateOf(trigger.staticData)).toMatchObject({ phase: 'live', checking: false });
	});

	test('a scan longer than the budget does not starve the activation check, nor the reverse', async () => {
		for (let i = 0; i < 450; i++) completedCandidate(emu());
		const trigger = new TriggerHarness(emu(), parameters({ options: { maxRequests: 5, addDetails: false } }));
		await trigger.poll();
		await emu().control.clearRequests();
		for (let poll = 0; poll < 5; poll++) expect((await trigger.poll()).returnedNull).toBe(true);
		const requests = await emu().control.requests();
		expect(requests.filter((request) => request.path === '/interviews').length).toBeGreaterThanOrEqual(5);
		expect(requests.filter((request) => request.path === '/candidates').length).toBeGreaterThanOrEqual(5);
		expect(requests.length).toBeLessThanOrEqual(25);
	});

	test('scope by job and by one candidate', async () => {
		const job = emu().state.createJob({ title: 'Watched' });
		const other = emu().state.createJob({ title: 'Other' });
		const inJob = addCandidate(emu(), [job.id]);
		const outside = addCandidate(emu(), [other.id]);
		const byJob = new TriggerHarness(emu(), parameters({ scope: 'job', jobId: job.id, options: { addDetails: false } }));
		const byCandidate = new TriggerHarness(emu(), parameters({ scope: 'candidate', candidateId: outside.id }));
		await drain(byJob);
		await drain(byCandidate);
		const a = addInterview(emu(), inJob.id);
		const b = addInterview(emu(), outside.id);
		for (const interview of [a, b]) advance(emu(), interview.id, { status: 'COMPLETED', analysisStatus: 3 });
		await emu().control.clearRequests();
		expect(ids(await byJob.poll())).toEqual([a.analysis!.id]);
		const scans = await emu().control.requests({ path: '/candidates' });
		expect(scans.every((request) => request.query.jobId === job.id)).toBe(true);
		await emu().control.clearRequests();
		expect(ids(await byCandidate.poll())).toEqual([b.analysis!.id]);
		await emu().control.clearRequests();
		expect((await byCandidate.poll()).returnedNull).toBe(true);
		// An idle poll: the candidate itself; its re-verification is due only after MIN_WALK_CYCLE_POLLS.
		expect((await emu().control.requests()).map((r) => r.path)).toEqual([`/candidates/${outside.id}`]);
	});

	test('agent filter and minimum rating: other analyses are skipped for good', async () => {
		const wanted = emu().state.createAgent({ name: 'Wanted' });
		const otherAgent = emu().state.createAgent({ name: 'Other' });
		const trigger = new TriggerHarness(emu(), parameters({ options: { agentId: { __rl: true, mode: 'id', value: wanted.id }, minRating: 50 } }));
		await drain(trigger);
		const make = (agentId: string, rating: number) => {
			const interview = addInterview(emu(), addCandidate(emu()).id, agentId);
			advance(emu(), interview.id, { status: 'COMPLETED', analysisStatus: 3, overallRating: rating });
			return interview;
		};
		const good = make(wanted.id, 90);
		make(wanted.id, 40);
		make(otherAgent.id, 95);
		expect(ids(await trigger.poll())).toEqual([good.analysis!.id]);
		expect(await drain(trigger)).toEqual([]);
	});

	test('failed analyses are emitted only with the "Completed or Failed" event', async () => {
		const completedOnly = new TriggerHarness(emu(), parameters());
		const withFailed = new TriggerHarness(emu(), parameters({ event: 'analysisCompletedOrFailed', options: { simplify: false } }));
		await drain(completedOnly);
		await drain(withFailed);
		const failed = addInterview(emu(), addCandidate(emu()).id);
		advance(emu(), failed.id, { status: 'FAILED', analysisStatus: 4 });
		const ok = completedCandidate(emu());
		expect(ids(await completedOnly.poll())).toEqual([ok.interview.analysis!.id]);
		const both = await withFailed.poll();
		expect(both.items.map((item) => [item.json.id, item.json.event])).toEqual(
			expect.arrayContaining([[failed.id, 'analysis.failed'], [ok.interview.id, 'analysis.completed']]),
		);
		expect(both.items).toHaveLength(2);
		expect(both.items[0].json.callAttempts).toBeDefined();
	});

	test('a wrong API key surfaces as NodeApiError with httpCode 401', async () => {
		const trigger = new TriggerHarness(emu(), parameters(), { apiKey: 'sk_wrong_key' });
		const result = await trigger.poll();
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.httpCode).toBe('401');
	});

	test.each([false, true])('the request budget is never exceeded (Download PDF: %s)', async (downloadPdf) => {
		for (let i = 0; i < 250; i++) completedCandidate(emu());
		const trigger = new TriggerHarness(emu(), parameters({ options: { maxRequests: 7, downloadPdf } }));
		for (let poll = 0; poll < 40; poll++) {
			if (poll % 5 === 0) for (let i = 0; i < 4; i++) completedCandidate(emu());
			await emu().control.clearRequests();
			const result = await trigger.poll();
			expect(result.error).toBeUndefined();
			expect((await emu().control.requests()).length).toBeLessThanOrEqual(7);
		}
	});

	test('Download PDF adds the report as binary; a failed download keeps the item with pdfError', async () => {
		const trigger = new TriggerHarness(emu(), parameters({ options: { downloadPdf: true, binaryPropertyName: 'report' } }));
		await drain(trigger);
		completedCandidate(emu());
		const result = await trigger.poll();
		const binary = result.items[0].binary!.report;
		expect(binary.mimeType).toBe('application/pdf');
		expect(Buffer.from(binary.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
		completedCandidate(emu());
		await emu().control.addFault({ method: 'GET', path: '^/interviews/[^/]+/analysis-pdf$', status: 500, times: 4 });
		const broken = await trigger.poll();
		expect(broken.items).toHaveLength(1);
		expect(broken.items[0].binary).toBeUndefined();
		expect(String(broken.items[0].json.pdfError)).toMatch(/server problem/);
	});
});
