/** In-memory data store and clock of the emulator. */
import { randomUUID } from 'node:crypto';
import { newCompany } from './companies';
import { resetPostings } from './postings';
import type {
	Agent,
	ApiKey,
	CallAttempt,
	Candidate,
	Company,
	FaultRule,
	Interview,
	Job,
	PhoneNumber,
	Posting,
	RequestLogEntry,
	RuntimeOptions,
	StateSummary,
} from './types';
import { compareNewestFirst, isoDate } from './util';
import { WebhookHub } from './webhooks/hub';

export const DEFAULT_COMPANY_ID = 'c0a80001-0000-4000-8000-000000000001';
export const DEFAULT_PHONE_NUMBER_ID = 'c0a80001-0000-4000-8000-0000000000f1';
export const DEMO_API_KEY = 'sk_test_demo0000000000000000000000000000000000000';
export const ALL_SCOPES = [
	'read:interviews', 'write:interviews', 'delete:interviews',
	'read:candidates', 'write:candidates', 'delete:candidates',
	'read:jobs', 'write:jobs', 'delete:jobs',
	'read:agents', 'write:agents', 'delete:agents',
	'read:companies', 'write:companies', 'read:billing',
	'read:webhooks', 'write:webhooks',
];

export interface RateCounter {
	minuteStart: number;
	minuteCount: number;
	hourStart: number;
	hourCount: number;
}

export interface ActiveFault extends FaultRule {
	remaining: number;
}

type Sortable = { createdAt: string; id: string };

export class EmulatorState {
	clockOffsetMs = 0;
	apiKeys = new Map<string, ApiKey>();
	phoneNumbers = new Map<string, PhoneNumber>();
	agents = new Map<string, Agent>();
	jobs = new Map<string, Job>();
	candidates = new Map<string, Candidate>();
	interviews = new Map<string, Interview>();
	/** candidateId -> interview ids (including deleted ones) */
	interviewsByCandidate = new Map<string, string[]>();
	requests: RequestLogEntry[] = [];
	faults: ActiveFault[] = [];
	rateCounters = new Map<string, RateCounter>();
	/** companies with a name / billing system / managing ATS key (companies.ts) */
	companies = new Map<string, Company>();
	/** canned job postings for POST /jobs/url, by slug (postings.ts) */
	postings = new Map<string, Posting>();
	/** the emulator's own base URL once listening (postings are read only from it) */
	publicUrl: string | undefined;
	/** webhook configs, deliveries and their log (webhooks/hub.ts) */
	readonly webhooks: WebhookHub = new WebhookHub(this);
	private sortedCache = new Map<string, Sortable[]>();

	constructor(public options: RuntimeOptions) {
		this.addDefaults();
	}

	// ---- clock -------------------------------------------------------------
	nowMs(): number {
		return Date.now() + this.clockOffsetMs;
	}
	nowIso(): string {
		return new Date(this.nowMs()).toISOString();
	}
	advanceClock(ms: number): void {
		this.clockOffsetMs += ms;
	}
	setClock(iso: string): void {
		const target = Date.parse(iso);
		if (Number.isNaN(target)) throw new Error(`invalid clock value ${iso}`);
		this.clockOffsetMs = target - Date.now();
	}

	// ---- lifecycle ---------------------------------------------------------
	/** Wipe data, request log, faults, counters and clock offset; keep options; re-add the demo key. */
	reset(): void {
		this.clockOffsetMs = 0;
		this.apiKeys.clear();
		this.phoneNumbers.clear();
		this.agents.clear();
		this.jobs.clear();
		this.candidates.clear();
		this.interviews.clear();
		this.interviewsByCandidate.clear();
		this.requests = [];
		this.faults = [];
		this.rateCounters.clear();
		this.companies.clear();
		this.webhooks.reset();
		this.invalidate();
		this.addDefaults();
	}

	private addDefaults(): void {
		this.addApiKey({ key: DEMO_API_KEY, scopes: ALL_SCOPES });
		const now = this.nowIso();
		this.companies.set(DEFAULT_COMPANY_ID, newCompany(DEFAULT_COMPANY_ID, now, { name: 'Demo Company' }));
		resetPostings(this);
		this.phoneNumbers.set(DEFAULT_PHONE_NUMBER_ID, {
			id: DEFAULT_PHONE_NUMBER_ID,
			companyId: DEFAULT_COMPANY_ID,
			number: '+421900000001',
			createdAt: now,
			updatedAt: now,
		});
	}

	addApiKey(k: { key: string; scopes: string[]; companyId?: string; ats?: boolean }): ApiKey {
		const entry: ApiKey = {
			key: k.key,
			scopes: [...k.scopes],
			companyId: k.companyId ?? DEFAULT_COMPANY_ID,
			ats: k.ats === true,
		};
		this.apiKeys.set(entry.key, entry);
		return entry;
	}

	/** Drop cached sort orders (call after mutating createdAt directly). */
	invalidate(kind?: string): void {
		if (kind) this.sortedCache.delete(kind);
		else this.sortedCache.clear();
	}

	private sorted<T extends Sortable>(kind: string, map: Map<string, T>): T[] {
		let arr = this.sortedCache.get(kind) as T[] | undefined;
		if (!arr) {
			arr = [...map.values()].sort(compareNewestFirst);
			this.sortedCache.set(kind, arr);
		}
		return arr;
	}
	sortedAgents(): Agent[] {
		return this.sorted('agents', this.agents);
	}
	sortedJobs(): Job[] {
		return this.sorted('jobs', this.jobs);
	}
	sortedCandidates(): Candidate[] {
		return this.sorted('candidates', this.candidates);
	}
	/** Live (not deleted) interviews of a candidate, newest first. */
	interviewsOf(candidateId: string): Interview[] {
		const ids = this.interviewsByCandidate.get(candidateId) ?? [];
		const out: Interview[] = [];
		for (const id of ids) {
			const iv = this.interviews.get(id);
			if (iv && !iv.deletedAt) out.push(iv);
		}
		return out.sort(compareNewestFirst);
	}

	/** Rating of the latest COMPLETED analysis (by analysis updatedAt, then id), or null. */
	candidateOverallRating(candidateId: string): number | null {
		let best: { at: string; id: string; rating: number | null } | null = null;
		for (const iv of this.interviewsOf(candidateId)) {
			const a = iv.analysis;
			if (!a || a.general.status !== 3) continue;
			const at = a.general.updatedAt;
			if (!best || at > best.at || (at === best.at && a.id > best.id)) {
				best = { at, id: a.id, rating: a.general.overallRating };
			}
		}
		return best ? best.rating : null;
	}

	// ---- direct creation (no validation, no rate limit) ------------------
	createAgent(p: Partial<Agent> = {}): Agent {
		const now = this.nowIso();
		const a: Agent = {
			id: randomUUID(),
			companyId: DEFAULT_COMPANY_ID,
			name: 'Screening agent',
			type: 'ONLINE',
			focus: 'SCREENING',
			language: 'EN',
			duration: 20,
			questions: [],
			instructions: null,
			voiceId: null,
			cefrLevel: null,
			companyPhoneNumberId: null,
			metadata: null,
			createdAt: now,
			updatedAt: now,
			...p,
		};
		if (a.type === 'PHONE' && !a.companyPhoneNumberId) a.companyPhoneNumberId = DEFAULT_PHONE_NUMBER_ID;
		this.agents.set(a.id, a);
		this.invalidate('agents');
		return a;
	}

	createJob(p: Partial<Job> = {}): Job {
		const now = this.nowIso();
		const j: Job = {
			id: randomUUID(),
			companyId: DEFAULT_COMPANY_ID,
			title: 'Software Engineer',
			description: 'Build and maintain our hiring platform.',
			status: 'OPEN',
			jobUrl: null,
			benefits: null,
			requiredSkills: [],
			niceToHaveSkills: [],
			languageRequirements: [],
			education: [],
			experience: null,
			contractType: null,
			location: null,
			salary: null,
			metadata: null,
			createdAt: now,
			updatedAt: now,
			...p,
		};
		this.jobs.set(j.id, j);
		this.invalidate('jobs');
		return j;
	}

	createCandidate(p: Partial<Candidate> = {}): Candidate {
		const now = this.nowIso();
		const id = p.id ?? randomUUID();
		const c: Candidate = {
			id,
			companyId: DEFAULT_COMPANY_ID,
			firstName: 'Test',
			lastName: 'Candidate',
			status: 'APPLIED',
			email: `candidate-${id.slice(0, 8)}@example.com`,
			phoneNumber: null,
			gdprExpiryDate: isoDate(this.nowMs() + 365 * 86400000),
			jobIds: [],
			metadata: null,
			analysisCount: 0,
			interviewCount: 0,
			createdAt: now,
			updatedAt: now,
			...p,
		};
		this.candidates.set(c.id, c);
		this.invalidate('candidates');
		return c;
	}

	/**
	 * Insert an interview, filling defaults. Missing candidate/agent are created.
	 * Updates the candidate's interviewCount (+1) and analysisCount (+1 if an analysis is given).
	 */
	createInterview(p: Partial<Interview> = {}): Interview {
		const now = this.nowIso();
		const candidate = (p.candidateId && this.candidates.get(p.candidateId)) || this.createCandidate(p.candidateId ? { id: p.candidateId } : {});
		const agent = (p.agentId && this.agents.get(p.agentId)) || this.createAgent(p.agentId ? { id: p.agentId } : {});
		const scheduledAt = p.scheduledAt ?? now;
		const attempts: CallAttempt[] = p.callAttempts ?? (agent.type === 'PHONE' ? [this.newAttempt(scheduledAt, 0)] : []);
		const iv: Interview = {
			id: randomUUID(),
			companyId: candidate.companyId,
			candidateId: candidate.id,
			agentId: agent.id,
			status: 'SCHEDULED',
			scheduledAt,
			createdAt: now,
			updatedAt: now,
			durationMinutes: null,
			finishedDate: null,
			metadata: null,
			analysis: null,
			isTest: false,
			...p,
			callAttempts: attempts,
		};
		if (iv.jobId === undefined) delete iv.jobId;
		this.interviews.set(iv.id, iv);
		const list = this.interviewsByCandidate.get(candidate.id);
		if (list) list.push(iv.id);
		else this.interviewsByCandidate.set(candidate.id, [iv.id]);
		candidate.interviewCount += 1;
		if (iv.analysis) candidate.analysisCount += 1;
		return iv;
	}

	newAttempt(scheduledAt: string, retryNumber: number): CallAttempt {
		return {
			id: randomUUID(),
			direction: 'OUTBOUND',
			status: 'SCHEDULED',
			reasonCode: null,
			notes: null,
			retryNumber,
			recordingUrl: null,
			duration: null,
			scheduledAt,
			calledAt: null,
		};
	}

	/** Delete (hide) an interview: it vanishes from list/get; counts are decremented. */
	deleteInterview(iv: Interview): void {
		iv.deletedAt = this.nowIso();
		for (const a of iv.callAttempts) if (a.status === 'SCHEDULED') a.status = 'CANCELLED';
		const c = this.candidates.get(iv.candidateId);
		if (c) {
			c.interviewCount = Math.max(0, c.interviewCount - 1);
			if (iv.analysis) c.analysisCount = Math.max(0, c.analysisCount - 1);
		}
	}

	summary(): StateSummary {
		let deleted = 0;
		let analyses = 0;
		for (const iv of this.interviews.values()) {
			if (iv.deletedAt) deleted++;
			else if (iv.analysis) analyses++;
		}
		return {
			now: this.nowIso(),
			clockOffsetMs: this.clockOffsetMs,
			options: JSON.parse(JSON.stringify(this.options)) as RuntimeOptions,
			counts: {
				apiKeys: this.apiKeys.size,
				agents: this.agents.size,
				jobs: this.jobs.size,
				candidates: this.candidates.size,
				interviews: this.interviews.size - deleted,
				deletedInterviews: deleted,
				analyses,
				requests: this.requests.length,
				faults: this.faults.length,
			},
		};
	}
}
