/** POST /interviews: validation, reference checks, job resolution, persistence. */
import { allowQuery, bodyObject, companyFor, requireScopes, type Ctx, type Reply } from '../http';
import { completeTestInterview } from '../lifecycle';
import { interviewJson } from '../serialize';
import type { AgentFocus, AgentType, Candidate, Job } from '../types';
import { isPlainObject, isoDate, notFound, parseDateTime, validationError, type FieldError } from '../util';
import {
	metadataField, rejectUnknown, uuidField, validateAgent, validateCandidate, type AgentInput, type CandidateInput,
} from '../validation';
import { validateInlineJob, type JobInput } from '../validation-job';

const TOP_LEVEL = ['candidateId', 'candidate', 'agentId', 'agent', 'jobId', 'job', 'scheduleTime', 'isTest', 'metadata'];
const MAX_AHEAD_MS = 30 * 86400000;

export type JobSource =
	| { kind: 'inline'; job: JobInput; field: 'job' }
	| { kind: 'id'; id: string; field: 'jobId' | 'candidate.jobId' }
	| { kind: 'none' };

/** Documented precedence: job > top-level jobId > candidate.jobId. */
export function resolveJobSource(input: { job?: JobInput; jobId?: string; candidateJobId?: string }): JobSource {
	if (input.job) return { kind: 'inline', job: input.job, field: 'job' };
	if (input.jobId) return { kind: 'id', id: input.jobId, field: 'jobId' };
	if (input.candidateJobId) return { kind: 'id', id: input.candidateJobId, field: 'candidate.jobId' };
	return { kind: 'none' };
}

const present = (v: unknown) => v !== undefined && v !== null;

export function createInterview(ctx: Ctx): Reply {
	requireScopes(ctx, 'write:interviews', 'read:candidates', 'read:agents');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	const body = bodyObject(ctx);
	const { state } = ctx;
	const now = state.nowMs();
	const errs: FieldError[] = [];
	rejectUnknown(errs, body, TOP_LEVEL, '');

	// exactly one of candidateId / candidate, agentId / agent; jobId XOR job; candidate.jobId alone
	if (present(body.candidateId) === present(body.candidate)) {
		errs.push({ field: 'candidateId', message: present(body.candidateId) ? 'candidateId and candidate are mutually exclusive' : 'either candidateId or candidate must be provided' });
	}
	if (present(body.agentId) === present(body.agent)) {
		errs.push({ field: 'agentId', message: present(body.agentId) ? 'agentId and agent are mutually exclusive' : 'either agentId or agent must be provided' });
	}
	if (present(body.jobId) && present(body.job)) errs.push({ field: 'jobId', message: 'jobId and job are mutually exclusive' });
	const candJobId = isPlainObject(body.candidate) && present(body.candidate.jobId);
	if (candJobId && (present(body.jobId) || present(body.job))) {
		errs.push({ field: 'candidate.jobId', message: 'candidate.jobId must not be combined with jobId or job' });
	}

	const candidateId = uuidField(errs, body, 'candidateId', '');
	const agentId = uuidField(errs, body, 'agentId', '');
	const jobId = uuidField(errs, body, 'jobId', '');
	let candIn: CandidateInput | undefined;
	let candInJobId: string | undefined;
	if (present(body.candidate)) {
		if (!isPlainObject(body.candidate)) errs.push({ field: 'candidate', message: 'candidate must be an object' });
		else {
			candIn = validateCandidate(errs, body.candidate, 'candidate', isoDate(now), true);
			candInJobId = candIn.jobIds?.[0];
		}
	}
	let agentIn: AgentInput | undefined;
	if (present(body.agent)) {
		if (!isPlainObject(body.agent)) errs.push({ field: 'agent', message: 'agent must be an object' });
		else agentIn = validateAgent(errs, body.agent, 'agent');
	}
	let jobIn: JobInput | undefined;
	if (present(body.job)) {
		if (!isPlainObject(body.job)) errs.push({ field: 'job', message: 'job must be an object' });
		else jobIn = validateInlineJob(errs, body.job, 'job');
	}
	let scheduledAt: string | undefined;
	if (present(body.scheduleTime)) {
		const r = parseDateTime(body.scheduleTime);
		if ('error' in r) errs.push({ field: 'scheduleTime', message: r.error });
		else if (r.ms < now) errs.push({ field: 'scheduleTime', message: 'scheduleTime must not be in the past' });
		else if (r.ms > now + MAX_AHEAD_MS) errs.push({ field: 'scheduleTime', message: 'scheduleTime cannot be more than 30 days in the future' });
		else scheduledAt = new Date(r.ms).toISOString();
	}
	if (present(body.isTest) && typeof body.isTest !== 'boolean') errs.push({ field: 'isTest', message: 'isTest must be a boolean' });
	const metadata = metadataField(errs, body, 'metadata', '');
	if (errs.length) throw validationError(errs);

	// references must exist in the company
	let candidate: Candidate | undefined;
	if (candidateId) {
		candidate = state.candidates.get(candidateId);
		if (!candidate || candidate.deletedAt || candidate.companyId !== company) throw notFound('Candidate', candidateId);
	}
	let focus: AgentFocus;
	let agentType: AgentType;
	if (agentId) {
		const agent = state.agents.get(agentId);
		if (!agent || agent.deletedAt || agent.companyId !== company) throw notFound('Agent', agentId);
		focus = agent.focus;
		agentType = agent.type;
	} else {
		focus = agentIn!.focus as AgentFocus;
		agentType = agentIn!.type as AgentType;
		const pn = agentIn!.companyPhoneNumberId;
		if (pn) {
			const p = state.phoneNumbers.get(pn);
			if (!p || p.companyId !== company) throw notFound('PhoneNumber', pn);
		}
	}
	for (const id of [jobId, candInJobId]) {
		if (!id) continue;
		const j = state.jobs.get(id);
		if (!j || j.deletedAt || j.companyId !== company) throw notFound('Job', id);
	}

	// job resolution
	const src = resolveJobSource({ job: jobIn, jobId, candidateJobId: candInJobId });
	let resolvedJobId: string | undefined;
	if (focus === 'GENERIC') {
		if (src.kind !== 'none') throw validationError([{ field: src.field, message: 'GENERIC interviews are not tied to a job; do not send job, jobId or candidate.jobId' }]);
		if (candidate && candidate.jobIds.length > 0) throw validationError([{ field: 'candidateId', message: 'GENERIC interviews require a candidate with no job assignments' }]);
	} else if (candidate) {
		if (src.kind === 'id') {
			if (!candidate.jobIds.includes(src.id)) throw validationError([{ field: 'jobId', message: `jobId ${src.id} is not one of the candidate's jobIds` }]);
			resolvedJobId = src.id;
		} else if (src.kind === 'none') {
			if (candidate.jobIds.length !== 1) {
				throw validationError([{ field: 'jobId', message: `jobId is required for ${focus} interviews: the candidate has ${candidate.jobIds.length} job assignments; specify jobId (or job)` }]);
			}
			resolvedJobId = candidate.jobIds[0];
			const auto = state.jobs.get(resolvedJobId);
			if (!auto || auto.deletedAt) throw notFound('Job', resolvedJobId); // the only assignment was deleted
		}
	} else if (src.kind === 'none') {
		throw validationError([{ field: 'jobId', message: `${focus} interviews need a job: send job, jobId or candidate.jobId` }]);
	} else if (src.kind === 'id') resolvedJobId = src.id;

	if (agentType === 'PHONE') {
		const phone = candidate ? candidate.phoneNumber : candIn?.phoneNumber;
		if (!phone) throw validationError([{ field: candidate ? 'candidateId' : 'candidate.phoneNumber', message: 'PHONE interviews need a candidate with a phoneNumber' }]);
	}

	// persist
	const nowIso = state.nowIso();
	const agentRecord = agentId
		? state.agents.get(agentId)!
		: state.createAgent({
			companyId: company, name: agentIn!.name!, type: agentType, focus, language: agentIn!.language!, duration: agentIn!.duration!,
			questions: agentIn!.questions ?? [], instructions: agentIn!.instructions ?? null, voiceId: agentIn!.voiceId ?? null,
			cefrLevel: agentIn!.cefrLevel ?? null, companyPhoneNumberId: agentIn!.companyPhoneNumberId ?? null, metadata: agentIn!.metadata ?? null,
		});
	if (src.kind === 'inline') {
		const j = src.job;
		const job: Job = state.createJob({
			companyId: company, title: j.title!, description: j.description ?? null, status: 'OPEN',
			requiredSkills: j.requiredSkills ?? [], niceToHaveSkills: j.niceToHaveSkills ?? [], languageRequirements: j.languageRequirements ?? [],
			education: j.education ?? [], experience: j.experience ?? null, contractType: j.contractType ?? null,
			location: j.location ?? null, salary: j.salary ?? null,
		});
		resolvedJobId = job.id;
		if (candidate && !candidate.jobIds.includes(job.id)) {
			candidate.jobIds.push(job.id);
			candidate.updatedAt = nowIso;
		}
	}
	if (!candidate) {
		candidate = state.createCandidate({
			companyId: company, firstName: candIn!.firstName!, lastName: candIn!.lastName!, email: candIn!.email ?? null,
			phoneNumber: candIn!.phoneNumber ?? null, gdprExpiryDate: candIn!.gdprExpiryDate!, jobIds: resolvedJobId ? [resolvedJobId] : [],
			metadata: candIn!.metadata ?? null,
		});
	}
	const iv = state.createInterview({
		companyId: company, candidateId: candidate.id, agentId: agentRecord.id, jobId: resolvedJobId, status: 'SCHEDULED',
		scheduledAt: scheduledAt ?? nowIso, metadata: metadata ?? null, isTest: body.isTest === true,
	});
	if (iv.isTest) completeTestInterview(state, iv);
	return { status: 201, body: ctx.state.options.bareResponses ? interviewJson(iv) : { success: true, data: interviewJson(iv), error: null, timestamp: nowIso } };
}
