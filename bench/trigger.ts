/**
 * The polling trigger at the default budget (25 requests a poll) under InstaView's default
 * limits (60 a minute, 2,000 an hour), one poll a minute on a virtual clock shared by the node
 * and the in-process emulator: the activation check, how many polls pass from a completion to
 * its emission (with and without 100 analyses stuck in flight), the most requests any poll
 * sent (retries included, with faults injected), and the stored state. The do-it-yourself
 * baseline reads every candidate's interviews on every poll.
 */
import type { IDataObject } from 'n8n-workflow';

import { InstaviewTrigger } from '../nodes/Instaview/InstaviewTrigger.node.ts';
import { resetRateLimitTracking } from '../nodes/Instaview/transport/index.ts';
import { inFlightBound, reverificationBound } from '../nodes/Instaview/trigger/polling/shares.ts';
import { migrateState } from '../nodes/Instaview/trigger/polling/storage.ts';
import { advanceInterview } from '../test/emulator/lifecycle';
import { createFakeContext } from '../test/helpers/context';
import { startEmulator, type Emulator } from '../test/emulator';
import { DEMO_API_KEY, transportSettings } from './common';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const IN_FLIGHT_AT_ACTIVATION = 20;
const STUCK = 100;

export interface TriggerFigures {
	candidates: number;
	budget: number;
	activation: {
		polls: number;
		minutes: number;
		requests: number;
		floorPolls: number;
		/** Most polls from the check reading a candidate to the emission of its analysis that was in flight at activation. */
		checkToEmission: number;
		/** Poll by which the analyses in flight at activation were emitted: of candidates without a rating (read first), and with one (on the last list page). */
		inFlightEmittedBy: { unrated: number; rated: number };
		refused: number;
	};
	completionToEmission: { newAnalyses: number; inFlight: number; withStuck: { newAnalyses: number; inFlight: number; bound: number }; reverificationBound: number };
	mostRequestsInAPoll: { activation: number; live: number };
	faultedRequests: number;
	stateBytes: { afterActivation: number; end: number };
	baseline: { requestsPerPoll: number; minutesPerPollAt60PerMinute: number };
}

/** Date.now for the node and the emulator together; the emulator's timestamps follow it. */
class VirtualTime {
	private readonly realNow = Date.now.bind(Date);
	private offset = 0;

	install(startAt: number): void {
		this.offset = startAt - this.realNow();
		Date.now = () => this.realNow() + this.offset;
	}

	advance(ms: number): void {
		this.offset += ms;
	}

	uninstall(): void {
		Date.now = this.realNow;
	}
}

class Trigger {
	staticData: IDataObject = {};
	polls = 0;
	mostRequests = 0;
	/** Most requests of a poll after the activation check (the default budget is then a hard cap). */
	mostRequestsLive = 0;
	/** Candidate id → polls in which its interviews were read. */
	readIn = new Map<string, number[]>();

	constructor(
		private readonly emulator: Emulator,
		private readonly time: VirtualTime,
	) {}

	/** One poll a minute later; returns the ids emitted and the requests sent (retries included). */
	async poll(): Promise<{ emitted: string[]; requests: number }> {
		this.time.advance(MINUTE);
		const live = this.checking === false;
		this.staticData = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
		const before = this.emulator.state.requests.filter((request) => request.path !== '/agents').length;
		const { context } = createFakeContext({
			parameters: { event: 'analysisCompletedOrFailed', scope: 'all', options: { addDetails: false } },
			credentials: { apiKey: DEMO_API_KEY, baseUrl: this.emulator.url },
			mode: 'trigger',
			staticData: this.staticData,
		});
		let emitted: string[] = [];
		try {
			const result = await new InstaviewTrigger().poll.call(context);
			emitted = (result?.[0] ?? []).map((item) => String(item.json.analysisId ?? (item.json.analysis as IDataObject)?.id));
		} catch {
			// A poll that throws (faults) is retried by the next one, as n8n does.
		}
		const sent = this.emulator.state.requests.filter((request) => request.path !== '/agents');
		const requests = sent.length - before;
		this.polls++;
		for (const request of sent.slice(before)) {
			const candidateId = request.path === '/interviews' ? String(request.query.candidateId) : undefined;
			if (candidateId) this.readIn.set(candidateId, [...(this.readIn.get(candidateId) ?? []), this.polls]);
		}
		this.mostRequests = Math.max(this.mostRequests, requests);
		if (live) this.mostRequestsLive = Math.max(this.mostRequestsLive, requests);
		return { emitted, requests };
	}

	/** Whether the activation check is still running. */
	get checking(): boolean | undefined {
		return migrateState(this.staticData)?.checking;
	}

	get bytes(): number {
		return Buffer.byteLength(JSON.stringify(this.staticData));
	}
}

function startAnalysis(emulator: Emulator, candidateId: string, status: 1 | 3): string {
	const interview = emulator.state.createInterview({ candidateId });
	advanceInterview(emulator.state, interview.id, status === 3 ? { status: 'COMPLETED', analysisStatus: 3, overallRating: 75 } : { status: 'IN_PROGRESS', analysisStatus: 1 });
	return interview.id;
}

const finish = (emulator: Emulator, interviewId: string) => advanceInterview(emulator.state, interviewId, { status: 'COMPLETED', analysisStatus: 3, overallRating: 81 });
const analysisIdOf = (emulator: Emulator, interviewId: string) => String(emulator.state.interviews.get(interviewId)?.analysis?.id);

/** Polls until every wanted analysis is emitted; returns the number of polls that took. */
async function pollsUntilEmitted(trigger: Trigger, wanted: string[], limit: number): Promise<number> {
	const left = new Set(wanted);
	for (let polls = 1; polls <= limit; polls++) {
		for (const id of (await trigger.poll()).emitted) left.delete(id);
		if (left.size === 0) return polls;
	}
	throw new Error(`${left.size} of ${wanted.length} analyses not emitted within ${limit} polls`);
}

export async function benchTrigger(candidates: number, budget = 25): Promise<TriggerFigures> {
	const time = new VirtualTime();
	// Start one second into an hour, so the hour window's pacing is the same on every run.
	time.install(Math.ceil(Date.now() / HOUR) * HOUR + 1000);
	resetRateLimitTracking();
	const saved = { ...transportSettings };
	Object.assign(transportSettings, { backoffMs: 5 });
	const emulator = await startEmulator({ rateLimit: { perMinute: 60, perHour: 2000 } });
	try {
		const ids: string[] = [];
		for (let i = 0; i < candidates; i++) {
			const candidate = emulator.state.createCandidate({});
			ids.push(candidate.id);
			startAnalysis(emulator, candidate.id, 3);
		}
		// Half of the analyses in flight at activation belong to candidates with an earlier, rated
		// analysis (the check cannot tell them apart: the worst case, on the last list page), half
		// to candidates with no rating yet (read first).
		const rated = ids.slice(0, IN_FLIGHT_AT_ACTIVATION / 2).map((id) => startAnalysis(emulator, id, 1));
		const unrated = Array.from({ length: IN_FLIGHT_AT_ACTIVATION / 2 }, () => startAnalysis(emulator, emulator.state.createCandidate({}).id, 1));
		const inFlight = [...rated, ...unrated];
		const trigger = new Trigger(emulator, time);

		// Activation: the in-flight analyses finish right after the first poll.
		const emittedAt = new Map<string, number>();
		await trigger.poll();
		for (const id of inFlight) finish(emulator, id);
		while (trigger.checking !== false) {
			for (const id of (await trigger.poll()).emitted) emittedAt.set(id, trigger.polls);
			if (trigger.polls > 5000) throw new Error('the activation check did not finish');
		}
		const activationPolls = trigger.polls;
		const activationRequests = emulator.state.requests.length;
		const refused = emulator.state.requests.filter((request) => request.status === 429).length;
		const afterActivation = trigger.bytes;
		// For each analysis in flight at activation: polls from the check reaching its candidate
		// (its first read after it finished) to its emission.
		const emittedBy = (interviews: string[]) => Math.max(...interviews.map((id) => emittedAt.get(analysisIdOf(emulator, id)) ?? Number.NaN));
		const checkToEmission = inFlight.map((interviewId) => {
			const emitted = emittedAt.get(analysisIdOf(emulator, interviewId));
			const checked = (trigger.readIn.get(emulator.state.interviews.get(interviewId)!.candidateId) ?? []).find((poll) => poll > 1);
			if (emitted === undefined || checked === undefined) throw new Error('an analysis in flight at activation was not emitted');
			return { emitted, checked };
		});

		// Without stuck analyses: new analyses (k = 1, 10, 100) and ones that were in flight.
		let newAnalyses = 0;
		for (const k of [1, 10, 100]) {
			const started = Array.from({ length: k }, (_, i) => startAnalysis(emulator, ids[(i * 7919 + k) % ids.length], 3));
			newAnalyses = Math.max(newAnalyses, await pollsUntilEmitted(trigger, started.map((id) => analysisIdOf(emulator, id)), 1000));
		}
		const pending = Array.from({ length: 10 }, (_, i) => startAnalysis(emulator, ids[(i * 104729) % ids.length], 1));
		for (let i = 0; i < 12; i++) await trigger.poll();
		for (const id of pending) finish(emulator, id);
		const inFlightPolls = await pollsUntilEmitted(trigger, pending.map((id) => analysisIdOf(emulator, id)), 1000);

		// With 100 analyses stuck in flight (and faults on a tenth of the requests).
		const stuck = Array.from({ length: STUCK }, (_, i) => startAnalysis(emulator, ids[(i * 31337 + 5) % ids.length], 1));
		for (let i = 0; i < 30; i++) await trigger.poll();
		emulator.state.faults.push({ method: 'GET', path: '/interviews', status: 503, remaining: 40 });
		let stuckNew = 0;
		for (const k of [1, 10, 100]) {
			const started = Array.from({ length: k }, (_, i) => startAnalysis(emulator, ids[(i * 7907 + 3 * k) % ids.length], 3));
			stuckNew = Math.max(stuckNew, await pollsUntilEmitted(trigger, started.map((id) => analysisIdOf(emulator, id)), 1000));
		}
		const stuckPending = [finish(emulator, stuck[17]).id, finish(emulator, stuck[71]).id];
		const stuckInFlight = await pollsUntilEmitted(trigger, stuckPending.map((id) => analysisIdOf(emulator, id)), 1000);
		const faulted = emulator.state.requests.filter((request) => request.fault).length;

		const withAnalyses = new Set([...emulator.state.interviews.values()].filter((iv) => iv.analysis).map((iv) => iv.candidateId)).size;
		const pages = Math.ceil(candidates / 100);
		const requestsPerPoll = pages + candidates;
		return {
			candidates,
			budget,
			activation: {
				polls: activationPolls,
				minutes: activationPolls,
				requests: activationRequests,
				// The hour's 1,800 requests above the reserve, 30 a minute: the fewest polls the limits allow.
				floorPolls: Math.ceil((pages + candidates) / 30),
				checkToEmission: Math.max(...checkToEmission.map(({ emitted, checked }) => emitted - checked)),
				inFlightEmittedBy: { unrated: emittedBy(unrated), rated: emittedBy(rated) },
				refused,
			},
			completionToEmission: {
				newAnalyses,
				inFlight: inFlightPolls,
				withStuck: { newAnalyses: stuckNew, inFlight: stuckInFlight, bound: inFlightBound(STUCK, budget) },
				reverificationBound: reverificationBound(withAnalyses, pages, budget),
			},
			mostRequestsInAPoll: { activation: trigger.mostRequests, live: trigger.mostRequestsLive },
			faultedRequests: faulted,
			stateBytes: { afterActivation, end: trigger.bytes },
			baseline: { requestsPerPoll, minutesPerPollAt60PerMinute: requestsPerPoll / 60 },
		};
	} finally {
		await emulator.close();
		Object.assign(transportSettings, saved);
		time.uninstall();
		resetRateLimitTracking();
	}
}
