import type { IDataObject } from 'n8n-workflow';

import { buildCandidateBody, type NewCandidateInput } from './candidate';
import { normalizeScheduleTime } from './dates';
import { InvalidFieldError } from './InvalidFieldError';
import { buildInlineJob, type InlineJobInput } from './job';
import { readMetadata, requireUuid } from './validation';

export type CandidateInput = { source: 'existing'; id: unknown } | ({ source: 'new' } & NewCandidateInput);

export type JobInput = { source: 'none' } | { source: 'existing'; id: unknown } | ({ source: 'new' } & InlineJobInput);

export interface CreateInterviewInput {
	agentId: unknown;
	candidate: CandidateInput;
	job: JobInput;
	start: { mode: 'immediately' } | { mode: 'scheduled'; time: unknown };
	isTest?: boolean;
	metadata?: unknown;
	now: number;
	timeZone: string;
}

/**
 * The POST /interviews body for one item, in exactly one documented shape. Everything InstaView
 * would refuse is refused here first, so a bad row costs no request and creates nothing.
 */
export function buildCreateInterviewBody(input: CreateInterviewInput): IDataObject {
	const body: IDataObject = { agentId: requireUuid(input.agentId, 'Agent') };

	if (input.candidate.source === 'existing') {
		body.candidateId = requireUuid(input.candidate.id, 'Candidate');
	} else {
		body.candidate = buildCandidateBody(input.candidate, input.now, input.timeZone);
	}

	const compactJobId = input.candidate.source === 'new' ? (body.candidate as IDataObject).jobId : undefined;
	if (compactJobId !== undefined && input.job.source !== 'none') {
		throw new InvalidFieldError(
			'Candidate Job ID (Compact Form)',
			`cannot be combined with Job set to "${input.job.source === 'new' ? 'Define New Job' : 'Existing Job'}"`,
			'InstaView refuses a request that names the job twice: clear the compact job, or set Job to "No Job".',
		);
	}
	if (input.job.source === 'existing') {
		body.jobId = requireUuid(input.job.id, 'Job');
	} else if (input.job.source === 'new') {
		body.job = buildInlineJob(input.job);
	}

	if (input.start.mode === 'scheduled') {
		body.scheduleTime = normalizeScheduleTime(input.start.time, input.now, input.timeZone);
	}
	if (input.isTest) body.isTest = true;
	const metadata = readMetadata(input.metadata, 'Metadata');
	if (metadata) body.metadata = metadata;
	assertSingleShape(body);
	return body;
}

/**
 * Last guard before sending: the body names the candidate once and the job at most once.
 * The fields above cannot produce anything else, but values reach this node from expressions
 * and AI agents, and an ambiguous body must never leave.
 */
export function assertSingleShape(body: IDataObject): void {
	if (('candidateId' in body) === ('candidate' in body)) {
		throw new InvalidFieldError('Candidate', 'must be either an existing candidate or a new one', 'Choose exactly one under Candidate.');
	}
	if ('jobId' in body && 'job' in body) {
		throw new InvalidFieldError('Job', 'names an existing job and defines a new one', 'Choose exactly one under Job: Existing Job or Define New Job.');
	}
	const candidate = body.candidate as IDataObject | undefined;
	if (candidate?.jobId !== undefined && ('jobId' in body || 'job' in body)) {
		throw new InvalidFieldError(
			'Candidate Job ID (Compact Form)',
			'cannot be combined with another job',
			'InstaView refuses a request that names the job twice: clear the compact job, or set Job to "No Job".',
		);
	}
}
