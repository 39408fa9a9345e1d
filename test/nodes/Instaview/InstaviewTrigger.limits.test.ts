/**
 * The InstaView Trigger under conditions harder than its everyday ones, against the emulator:
 * analyses stuck in flight, request faults, a quota other workflows spend, interviews deleted
 * and replaced behind an unchanged count, and the activation check under the real limits.
 */
import { instaviewApiRequest } from '../../../nodes/Instaview/transport';
import { sharesOf, inFlightBound, reverificationBound } from '../../../nodes/Instaview/trigger/polling/shares';
import { createFakeContext } from '../../helpers/context';
import { DEMO_API_KEY, type Emulator } from '../../emulator';
import {
	addCandidate, addInterview, advance, analysisIdOf, completedCandidate, otherTraffic, parameters, stateOf,
	TriggerHarness, useTriggerEmulator, VirtualClock,
} from './trigger/harness';

const FAST = { perMinute: 100000, perHour: 1000000, windowMs: 60000 };
const ctx = useTriggerEmulator({ rateLimit: FAST });
const emu = () => ctx.emulator;

function stuckCandidate(emulator: Emulator, analysisStatus: 1 | 2 = 1) {
	const candidate = addCandidate(emulator);
	const interview = addInterview(emulator, candidate.id);
	advance(emulator, interview.id, { status: 'IN_PROGRESS', analysisStatus });
	return { candidate, interview };
}

/** Polls until every id in `wanted` was emitted; returns the poll (1-based) each one came in. */
async function pollUntilEmitted(trigger: TriggerHarness, wanted: string[], maxPolls: number, beforePoll?: () => Promise<void>) {
	const at = new Map<string, number>();
	const emitted: string[] = [];
	for (let poll = 1; poll <= maxPolls && at.size < wanted.length; poll++) {
		await beforePoll?.();
		const result = await trigger.poll();
		if (result.error) throw result.error;
		for (const id of result.items.map(analysisIdOf)) {
			emitted.push(id);
			if (wanted.includes(id) && !at.has(id)) at.set(id, poll);
		}
	}
	return { at, emitted };
}

describe('InstaView Trigger limits', () => {
	test('starvation: with 120 analyses stuck in flight, every completion is emitted within the stated bound', async () => {
		const budget = 25;
		const stuck = Array.from({ length: 60 }, () => stuckCandidate(emu()));
		const inFlightAtActivation = stuckCandidate(emu());
		for (let i = 0; i < 40; i++) completedCandidate(emu());
		const trigger = new TriggerHarness(emu(), parameters({ options: { maxRequests: budget } }));
		await trigger.poll();
		// More analyses get stuck after activation, on new candidates.
		stuck.push(...Array.from({ length: 60 }, () => stuckCandidate(emu(), 2)));
		let seedingPolls = 1;
		while (stateOf(trigger.staticData).checking && seedingPolls < 100) {
			await trigger.poll();
			seedingPolls++;
		}
		const candidates = 60 + 1 + 40 + 60;
		// The activation check keeps its share however many candidates wait for a re-check.
		expect(seedingPolls).toBeLessThanOrEqual(Math.ceil((2 + candidates) / sharesOf(budget, true).walk) + 1);
		for (let i = 0; i < 30; i++) await trigger.poll();
		const inFlight = stateOf(trigger.staticData).queue.length;
		expect(inFlight).toBeGreaterThanOrEqual(120);

		advance(emu(), inFlightAtActivation.interview.id, { status: 'COMPLETED', analysisStatus: 3 });
		advance(emu(), stuck[7].interview.id, { status: 'COMPLETED', analysisStatus: 3 });
		advance(emu(), stuck[100].interview.id, { status: 'FAILED', analysisStatus: 4 });
		const fresh = completedCandidate(emu());
		const wanted = [inFlightAtActivation.interview, stuck[7].interview, fresh.interview].map((interview) => interview.analysis!.id);
		const bound = inFlightBound(inFlight, budget) + 1;
		const { at, emitted } = await pollUntilEmitted(trigger, wanted, bound + 5);
		console.log(`starvation: ${inFlight} in flight, bound ${bound} polls, emitted after ${JSON.stringify([...at.values()])} polls`);
		expect(emitted.sort()).toEqual([...wanted].sort());
		expect(Math.max(...at.values())).toBeLessThanOrEqual(bound);
	}, 60000);

	test.each([false, true])('a poll never sends more than Max Requests per Poll, retries and re-sends after 429 included (Download PDF: %s)', async (downloadPdf) => {
		for (let i = 0; i < 150; i++) completedCandidate(emu());
		const trigger = new TriggerHarness(emu(), parameters({ options: { maxRequests: 7, downloadPdf } }));
		const most: number[] = [];
		for (let poll = 0; poll < 30; poll++) {
			if (poll % 3 === 0) for (let i = 0; i < 3; i++) completedCandidate(emu());
			await emu().control.addFault({ method: 'GET', path: '/interviews', status: 503, times: 2 });
			await emu().control.addFault({ method: 'GET', path: '/candidates', drop: true, times: 1 });
			await emu().control.addFault({ method: 'GET', path: '/interviews', status: 429, headers: { 'Retry-After': '1' }, body: { statusCode: 429, retryAfter: 1 }, times: 1 });
			await emu().control.clearRequests();
			await trigger.poll();
			const sent = (await emu().control.requests()).length;
			most.push(sent);
			expect(sent).toBeLessThanOrEqual(7);
			await emu().control.clearFaults();
		}
		expect(Math.max(...most)).toBeGreaterThanOrEqual(6);
	}, 60000);

	describe('a spent quota is not an error', () => {
		const clock = new VirtualClock();
		beforeEach(() => clock.install());
		afterEach(() => clock.uninstall());

		const nodeRequest = async (emulator: Emulator) => {
			const { context } = createFakeContext({ parameters: {}, credentials: { apiKey: DEMO_API_KEY, baseUrl: emulator.url } });
			await instaviewApiRequest.call(context, { method: 'GET', path: '/agents', qs: { limit: 1 } });
		};

		test('known spent from earlier responses in this process: the poll sends nothing, keeps its state, resumes later', async () => {
			await emu().control.setRateLimit({ perMinute: 30, perHour: 100000, windowMs: 60000 });
			clock.advance(60000 - (Date.now() % 60000) + 1000);
			completedCandidate(emu());
			const trigger = new TriggerHarness(emu(), parameters());
			await trigger.poll();
			// An action node of another workflow, in the same process, uses the minute down to 4.
			clock.advance(60000);
			for (let i = 0; i < 26; i++) await nodeRequest(emu());
			const fresh = completedCandidate(emu());
			const before = JSON.stringify(trigger.staticData);
			await emu().control.clearRequests();
			const spent = await trigger.poll();
			expect(spent.error).toBeUndefined();
			expect(spent.returnedNull).toBe(true);
			expect(await emu().control.requests()).toEqual([]);
			expect(JSON.stringify(trigger.staticData)).toBe(before);
			expect(spent.logs.some((line) => /rate limit is down to the reserve/.test(line))).toBe(true);
			clock.advance(60000);
			expect((await trigger.poll()).items.map(analysisIdOf)).toEqual([fresh.interview.analysis!.id]);
		});

		test('spent by traffic the process cannot see: one refused request at most, no error, nothing lost, the reserve kept', async () => {
			await emu().control.setRateLimit({ perMinute: 40, perHour: 100000, windowMs: 60000 });
			clock.advance(60000 - (Date.now() % 60000) + 1000);
			for (let i = 0; i < 30; i++) completedCandidate(emu());
			const trigger = new TriggerHarness(emu(), parameters());
			await trigger.poll();
			clock.advance(60000);
			const fresh = completedCandidate(emu());
			expect((await otherTraffic(emu(), 40)).filter((status) => status === 429)).toHaveLength(0);
			await emu().control.clearRequests();
			const refused = await trigger.poll();
			expect(refused.error).toBeUndefined();
			expect(refused.returnedNull).toBe(true);
			expect((await emu().control.requests()).length).toBe(1);
			// It now knows: the next poll in the same minute sends nothing.
			await emu().control.clearRequests();
			expect((await trigger.poll()).error).toBeUndefined();
			expect(await emu().control.requests()).toEqual([]);
			clock.advance(60000);
			// Other traffic takes 20 of the next minute; the trigger leaves a tenth (at least 5).
			await otherTraffic(emu(), 20);
			await emu().control.clearRequests();
			const resumed = await trigger.poll();
			expect(resumed.items.map(analysisIdOf)).toEqual([fresh.interview.analysis!.id]);
			const remaining = (await emu().control.requests()).map((request) => Number(request.status === 200 ? 1 : 0));
			expect(remaining.length).toBeLessThanOrEqual(40 - 20 - 5);
		});
	});

	describe('a PDF the quota stops is not left out', () => {
		const clock = new VirtualClock();
		beforeEach(() => clock.install());
		afterEach(() => clock.uninstall());

		test('the analyses are postponed, never emitted without their PDF; the next poll emits each once, with it', async () => {
			const trigger = new TriggerHarness(emu(), parameters({ options: { downloadPdf: true } }));
			await trigger.poll();
			const fresh = [completedCandidate(emu(), 70), completedCandidate(emu(), 90), completedCandidate(emu(), 50)];
			const wanted = fresh.map((f) => f.interview.analysis!.id).sort();
			// Traffic this process cannot see spends the key's minute between the reads and the PDFs.
			await emu().control.addFault({ method: 'GET', path: '^/interviews/[^/]+/analysis-pdf$', status: 429, headers: { 'Retry-After': '30' }, body: { statusCode: 429, message: 'Rate limit exceeded' } });
			const stopped = await trigger.poll();
			expect(stopped.error).toBeUndefined();
			expect(stopped.items).toEqual([]);
			expect(stopped.logs.some((line) => /3 analysis\(es\) found but not emitted yet/.test(line))).toBe(true);
			// Within the minute it knows the window is spent: nothing sent, nothing emitted.
			await emu().control.clearRequests();
			expect((await trigger.poll()).items).toEqual([]);
			expect(await emu().control.requests()).toEqual([]);
			clock.advance(60000);
			const resumed = await trigger.poll();
			expect(resumed.items.map(analysisIdOf).sort()).toEqual(wanted);
			for (const item of resumed.items) {
				expect(item.binary?.data?.mimeType).toBe('application/pdf');
				expect(item.json.pdfError).toBeUndefined();
			}
			clock.advance(60000);
			expect((await trigger.poll()).items).toEqual([]);
		});

		test('a PDF that fails for another reason still lets the analysis out, with pdfError', async () => {
			const trigger = new TriggerHarness(emu(), parameters({ options: { downloadPdf: true } }));
			await trigger.poll();
			const fresh = completedCandidate(emu(), 70);
			await emu().control.addFault({ method: 'GET', path: '^/interviews/[^/]+/analysis-pdf$', status: 404, times: 1, body: { success: false, error: { code: 'NOT_FOUND', message: 'Analysis PDF not found' } } });
			const result = await trigger.poll();
			expect(result.items.map(analysisIdOf)).toEqual([fresh.interview.analysis!.id]);
			expect(result.items[0].binary).toBeUndefined();
			expect(String(result.items[0].json.pdfError)).toMatch(/PDF of interview .* is not available/);
			clock.advance(60000);
			expect((await trigger.poll()).items).toEqual([]);
		});
	});

	test('no permanent misses: an analysed interview deleted and replaced behind unchanged counts is found by the re-verification', async () => {
		const budget = 25;
		const candidates = Array.from({ length: 30 }, () => completedCandidate(emu(), 80));
		const trigger = new TriggerHarness(emu(), parameters({ options: { maxRequests: budget } }));
		for (let i = 0; i < 5; i++) await trigger.poll();
		const target = candidates[11];
		const before = JSON.stringify(emu().state.candidates.get(target.candidate.id));
		emu().state.deleteInterview(target.interview);
		const replacement = addInterview(emu(), target.candidate.id);
		advance(emu(), replacement.id, { status: 'COMPLETED', analysisStatus: 3, overallRating: 80 });
		// Every field of the candidate the list shows is as it was.
		expect(JSON.stringify(emu().state.candidates.get(target.candidate.id))).toBe(before);
		const bound = reverificationBound(30, 1, budget);
		const { at } = await pollUntilEmitted(trigger, [replacement.analysis!.id], bound);
		console.log(`re-verification: found after ${at.get(replacement.analysis!.id)} polls (bound ${bound})`);
		expect(at.get(replacement.analysis!.id)).toBeLessThanOrEqual(bound);
	}, 60000);

	test('a replacement the cheap signals do show (the rating moved) is found within two polls', async () => {
		const candidates = Array.from({ length: 30 }, () => completedCandidate(emu(), 80));
		const trigger = new TriggerHarness(emu(), parameters({ options: { maxRequests: 25 } }));
		for (let i = 0; i < 5; i++) await trigger.poll();
		emu().state.deleteInterview(candidates[3].interview);
		const replacement = addInterview(emu(), candidates[3].candidate.id);
		advance(emu(), replacement.id, { status: 'COMPLETED', analysisStatus: 3, overallRating: 64 });
		const { at } = await pollUntilEmitted(trigger, [replacement.analysis!.id], 2);
		expect(at.get(replacement.analysis!.id)).toBeLessThanOrEqual(2);
	});

	describe('activation at the default budget under the default limits (60 a minute, 2,000 an hour), one poll a minute', () => {
		const clock = new VirtualClock();
		beforeEach(() => clock.install());
		afterEach(() => clock.uninstall());

		test('in-flight analyses are checked first and emitted within 2 polls of their check; the check uses the spare, never a refusal', async () => {
			await emu().control.setRateLimit({ perMinute: 60, perHour: 2000, windowMs: 60000, hourWindowMs: 3600000 });
			clock.advance(3600000 - (Date.now() % 3600000) + 1000);
			for (let i = 0; i < 600; i++) completedCandidate(emu());
			const inFlight = Array.from({ length: 20 }, () => stuckCandidate(emu()));
			for (let i = 0; i < 400; i++) completedCandidate(emu());
			// Without candidate and job details, whose reads come out of the same budget.
			const trigger = new TriggerHarness(emu(), parameters({ options: { addDetails: false } }));
			await emu().control.clearRequests();
			await trigger.poll();
			for (const { interview } of inFlight) advance(emu(), interview.id, { status: 'COMPLETED', analysisStatus: 3 });
			const wanted = inFlight.map(({ interview }) => interview.analysis!.id);
			const perPoll: number[] = [];
			let polls = 1;
			const emittedAt = new Map<string, number>();
			while (stateOf(trigger.staticData).checking && polls < 200) {
				clock.advance(60000);
				const before = (await emu().control.requests()).length;
				const result = await trigger.poll();
				polls++;
				perPoll.push((await emu().control.requests()).length - before);
				for (const id of result.items.map(analysisIdOf)) emittedAt.set(id, polls);
			}
			const log = await emu().control.requests();
			console.log(`activation of 1,020 candidates: ${polls} polls, most ${Math.max(...perPoll)} requests in a poll, ${log.length} requests; in-flight emitted at polls ${JSON.stringify([...emittedAt.values()])}; per poll ${JSON.stringify(perPoll)}`);
			expect(log.filter((request) => request.status === 429)).toEqual([]);
			expect([...emittedAt.keys()].sort()).toEqual([...wanted].sort());
			// Checked in the activation poll (the candidates without a rating go first), emitted at the next.
			expect(Math.max(...emittedAt.values())).toBeLessThanOrEqual(2);
			// Beyond the default 25, within the minute's 54 above the reserve.
			expect(Math.max(...perPoll)).toBeGreaterThan(25);
			expect(Math.max(...perPoll)).toBeLessThanOrEqual(54);
			// 11 pages and 1,020 reads at the hour's pace of 30 a poll: 35 polls at the least.
			expect(polls).toBeLessThanOrEqual(Math.ceil(35 * 1.25));
		}, 60000);
	});
});
