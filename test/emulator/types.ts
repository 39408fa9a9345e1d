/** Shared types of the InstaView emulator (see README.md). */
import type { WebhookOptions } from './webhooks/types';

export type ListShape = 'items' | 'flat' | 'nested';

export interface RateLimitOptions {
	perMinute: number;
	perHour: number;
	/** length of the "minute" window in ms (default 60000) */
	windowMs?: number;
	/** length of the "hour" window in ms (default 3600000) */
	hourWindowMs?: number;
}

export interface EmulatorOptions {
	/** default 0 = random free port; host is always 127.0.0.1 */
	port?: number;
	/** default 'nested' */
	listShape?: ListShape;
	/** default 60 / 2000 per minute / hour */
	rateLimit?: RateLimitOptions;
	/** create the demo data set at start; default false */
	seedDemo?: boolean;
	/** webhook deliveries: loopback http, back-off, timeout, circuit threshold (webhooks/types.ts) */
	webhooks?: WebhookOptions;
}

export interface RuntimeOptions {
	listShape: ListShape;
	bareResponses: boolean;
	rateLimit: Required<RateLimitOptions>;
}

export type JsonObject = Record<string, unknown>;

export interface ApiKey {
	key: string;
	scopes: string[];
	companyId: string;
	ats: boolean;
}

export interface PhoneNumber {
	id: string;
	companyId: string;
	number: string;
	createdAt: string;
	updatedAt: string;
}

export type AgentType = 'UNDEFINED' | 'ONLINE' | 'PHONE';
export type AgentFocus = 'GENERIC' | 'SCREENING' | 'OUTREACH' | 'LANGUAGE_TEST';

export interface Agent {
	id: string;
	companyId: string;
	name: string;
	type: AgentType;
	focus: AgentFocus;
	language: string;
	duration: number;
	questions: string[];
	instructions: string | null;
	voiceId: string | null;
	cefrLevel: string | null;
	companyPhoneNumberId: string | null;
	metadata: JsonObject | null;
	createdAt: string;
	updatedAt: string;
	deletedAt?: string | null;
}

export interface Job {
	id: string;
	companyId: string;
	title: string;
	description: string | null;
	status: string;
	jobUrl: string | null;
	benefits: string | null;
	requiredSkills: string[];
	niceToHaveSkills: string[];
	languageRequirements: Array<{ language: string; proficiency: string | null }>;
	education: string[];
	experience: string | null;
	contractType: string | null;
	location: JsonObject | null;
	salary: JsonObject | null;
	metadata: JsonObject | null;
	createdAt: string;
	updatedAt: string;
	deletedAt?: string | null;
}

export type CandidateStatus = 'UNDEFINED' | 'APPLIED' | 'IN_PROCESS' | 'REJECTED' | 'ACCEPTED';

export interface Candidate {
	id: string;
	companyId: string;
	firstName: string;
	lastName: string;
	status: CandidateStatus;
	email: string | null;
	phoneNumber: string | null;
	/** YYYY-MM-DD */
	gdprExpiryDate: string;
	jobIds: string[];
	metadata: JsonObject | null;
	analysisCount: number;
	interviewCount: number;
	createdAt: string;
	updatedAt: string;
	deletedAt?: string | null;
}

export type InterviewStatus =
	| 'UNDEFINED'
	| 'SCHEDULED'
	| 'CANCELLED'
	| 'FAILED'
	| 'COMPLETED'
	| 'IN_PROGRESS';

export type CallAttemptStatus = 'SCHEDULED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export interface CallAttempt {
	id: string;
	direction: 'OUTBOUND' | 'INBOUND';
	status: CallAttemptStatus;
	reasonCode: string | null;
	notes: string | null;
	retryNumber: number;
	recordingUrl: string | null;
	duration: number | null;
	scheduledAt: string;
	calledAt: string | null;
}

/** 1=PENDING, 2=PROCESSING, 3=COMPLETED, 4=FAILED */
export type AnalysisStatus = 1 | 2 | 3 | 4;

export interface Analysis {
	id: string;
	general: {
		overallRating: number | null;
		companyFitRating: string;
		education: string;
		experience: string;
		strongPoints: string[];
		weakPoints: string[];
		evaluation: string[];
		status: AnalysisStatus;
		createdAt: string;
		updatedAt: string;
	};
	specific: JsonObject | null;
}

export interface Interview {
	id: string;
	companyId: string;
	candidateId: string;
	agentId: string;
	/** absent (undefined) when the interview has no job */
	jobId?: string;
	status: InterviewStatus;
	scheduledAt: string;
	createdAt: string;
	updatedAt: string;
	durationMinutes: number | null;
	finishedDate: string | null;
	metadata: JsonObject | null;
	callAttempts: CallAttempt[];
	analysis: Analysis | null;
	isTest: boolean;
	deletedAt?: string | null;
}

export interface RequestLogEntry {
	/** ISO timestamp (emulator clock) */
	t: string;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	/** raw request headers (lower-cased names), authorization included */
	headers: Record<string, string | string[] | undefined>;
	/** true when the Authorization header carried a registered key */
	authOk: boolean;
	/** parsed JSON body, raw string when unparsable, undefined when empty */
	body: unknown;
	/** status sent (or that would have been sent); null when the socket was dropped before processing */
	status: number | null;
	/** true when a fault rule matched */
	fault?: boolean;
	/** true when the socket was destroyed instead of answering */
	dropped?: boolean;
}

export interface FaultRule {
	method?: string;
	/** exact path, segment prefix ('/interviews' matches '/interviews/…'), or regex source starting with ^ */
	path: string;
	status?: number;
	body?: unknown;
	rawBody?: string;
	headers?: Record<string, string>;
	delayMs?: number;
	drop?: boolean;
	dropAfterProcessing?: boolean;
	/** default 1 */
	times?: number;
}

export interface AdvanceInterviewBody {
	status?: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
	analysisStatus?: AnalysisStatus;
	overallRating?: number;
	/** ISO timestamp used for updatedAt / finishedDate / analysis timestamps */
	at?: string;
	/** with status COMPLETED: the interview length in minutes (default: derived from the clock, capped by the agent duration) */
	durationMinutes?: number;
}

export interface SeedRequest {
	agents?: number;
	jobs?: number;
	candidates?: number;
	/** when true, `candidates` is the number of candidates PER seeded job */
	candidatesPerJob?: boolean;
	interviewsPerCandidate?: number;
	demo?: boolean;
}

export interface SeedResult {
	agentIds: string[];
	jobIds: string[];
	candidateIds: string[];
	interviewIds: string[];
}

export interface StateSummary {
	now: string;
	clockOffsetMs: number;
	options: RuntimeOptions;
	counts: {
		apiKeys: number;
		agents: number;
		jobs: number;
		candidates: number;
		interviews: number;
		deletedInterviews: number;
		analyses: number;
		requests: number;
		faults: number;
	};
}

export type BillingSystem = 'minutes' | 'credits';

/** Price of one interview under the credits billing system (per agent focus). */
export interface CreditPrice {
	baseCost: number;
	includedMinutes: number;
	costPerMinute: number;
}

/** A company known to the emulator (for names, billing and ATS management). */
export interface Company {
	id: string;
	name: string;
	billingSystem: BillingSystem;
	/** the ATS integration key that manages (created) this company, if any */
	atsKey: string | null;
	/** credits companies: price per agent focus (defaults in companies.ts) */
	creditPrices: Record<AgentFocus, CreditPrice>;
	createdAt: string;
}

/** A canned job posting that POST /jobs/url can "read" (the emulator never fetches anything). */
export interface Posting {
	slug: string;
	/** what the AI extraction returns; null = the page has no recognisable job (extraction fails) */
	job: Partial<Job> | null;
}
