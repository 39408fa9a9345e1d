/** PATCH bodies (partial updates) of candidates and jobs; reuse the create rules field by field. */
import type { Candidate, CandidateStatus, JsonObject } from './types';
import type { FieldError } from './util';
import {
	CANDIDATE_STATUS, emailField, enumField, gdprField, jobIdsField, metadataField, phoneField, rejectUnknown, str,
} from './validation';
import { validateJob, type JobInput } from './validation-job';

export const CANDIDATE_PATCH_FIELDS = ['firstName', 'lastName', 'email', 'phoneNumber', 'gdprExpiryDate', 'status', 'jobIds', 'metadata'];
export const JOB_PATCH_FIELDS = ['title', 'description', 'status', 'jobUrl', 'benefits', 'requiredSkills', 'niceToHaveSkills', 'languageRequirements', 'education', 'experience', 'contractType', 'location', 'salary', 'metadata'];

export interface CandidatePatch {
	firstName?: string;
	lastName?: string;
	email?: string;
	phoneNumber?: string;
	gdprExpiryDate?: string;
	status?: CandidateStatus;
	jobIds?: string[];
	metadata?: JsonObject;
}

/** Fields actually sent (null counts as absent, as on create). */
function sent(body: Record<string, unknown>, allowed: string[]): string[] {
	return allowed.filter((k) => body[k] !== undefined && body[k] !== null);
}

function requireSomething(errs: FieldError[], body: Record<string, unknown>, allowed: string[]): void {
	if (errs.length === 0 && sent(body, allowed).length === 0) {
		errs.push({ field: 'body', message: `send at least one field to update: ${allowed.join(', ')}` });
	}
}

/** PATCH /candidates/{id}: the 8 documented fields, create rules; the deprecated jobId is not accepted. */
export function validateCandidatePatch(errs: FieldError[], body: Record<string, unknown>, todayUtc: string): CandidatePatch {
	rejectUnknown(errs, body, CANDIDATE_PATCH_FIELDS, '');
	const out: CandidatePatch = {};
	out.firstName = str(errs, body, 'firstName', '', { min: 1, max: 100 });
	out.lastName = str(errs, body, 'lastName', '', { min: 1, max: 100 });
	out.email = emailField(errs, body, '');
	out.phoneNumber = phoneField(errs, body, '');
	out.gdprExpiryDate = gdprField(errs, body, '', todayUtc, false);
	out.status = enumField(errs, body, 'status', '', CANDIDATE_STATUS) as CandidateStatus | undefined;
	out.jobIds = jobIdsField(errs, body, '');
	out.metadata = metadataField(errs, body, 'metadata', '');
	requireSomething(errs, body, CANDIDATE_PATCH_FIELDS);
	return out;
}

/** Apply a validated candidate patch (metadata and jobIds are replaced, not merged). */
export function applyCandidatePatch(c: Candidate, p: CandidatePatch, now: string): void {
	for (const [k, v] of Object.entries(p)) {
		if (v !== undefined) (c as unknown as Record<string, unknown>)[k] = Array.isArray(v) ? [...v] : v;
	}
	c.updatedAt = now;
}

/** PATCH /jobs/{id}: POST /jobs rules, nothing required. */
export function validateJobPatch(errs: FieldError[], body: Record<string, unknown>): JobInput {
	const out = validateJob(errs, body, true);
	requireSomething(errs, body, JOB_PATCH_FIELDS);
	return out;
}
