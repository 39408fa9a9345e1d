import type { IDataObject } from 'n8n-workflow';

import { buildCandidateBody, type NewCandidateInput } from './candidate';
import { normalizeGdprDate } from './dates';
import { CANDIDATE_STATUSES } from './enums';
import { InvalidFieldError } from './InvalidFieldError';
import { asText, compact, normalizePhone, readList, readMetadata, requireEmail, requireLength, requireUuid } from './validation';

/** InstaView accepts 1 to 50 job assignments per candidate. */
export const MAX_JOB_IDS = 50;

/** The key candidates are matched on: an email trimmed and in lower case. */
export function normalizeEmail(value: unknown): string {
	return asText(value).toLowerCase();
}

/** Job IDs from a comma-separated text or an array, checked and without repeats; undefined for none. */
export function readJobIds(value: unknown, field = 'Job IDs'): string[] | undefined {
	const list = (Array.isArray(value) ? value.map(asText) : readList(value)).filter(Boolean);
	if (!list.length) return undefined;
	const ids = [...new Set(list.map((entry) => requireUuid(entry, field)))];
	if (ids.length > MAX_JOB_IDS) {
		throw new InvalidFieldError(field, `lists ${ids.length} jobs`, `InstaView assigns a candidate to at most ${MAX_JOB_IDS} jobs; keep the ones that matter.`);
	}
	return ids;
}

export function readCandidateStatus(value: unknown, field = 'Status'): string {
	const status = asText(value);
	if (!(CANDIDATE_STATUSES as readonly string[]).includes(status)) {
		throw new InvalidFieldError(field, `"${status}" is not a candidate status`, `Use one of: ${CANDIDATE_STATUSES.join(', ')}.`);
	}
	return status;
}

/** A new candidate for POST /candidates: the inline candidate's fields plus job assignments and metadata. */
export interface CandidateCreateInput extends Omit<NewCandidateInput, 'jobId'> {
	jobIds?: unknown;
	metadata?: unknown;
}

/**
 * The POST /candidates body, checked like the inline candidate of Create Interview. Jobs go
 * in `jobIds` (the documented field; `jobId` is deprecated).
 */
export function buildCandidateCreateBody(input: CandidateCreateInput, now: number, timeZone: string): IDataObject {
	const body = buildCandidateBody({ ...input, jobId: undefined }, now, timeZone);
	return compact({ ...body, jobIds: readJobIds(input.jobIds), metadata: readMetadata(input.metadata, 'Metadata') as IDataObject | undefined });
}

/** The fields Candidate → Update may change; each one left empty is not sent. */
export interface CandidateUpdateInput {
	firstName?: unknown;
	lastName?: unknown;
	email?: unknown;
	phoneNumber?: unknown;
	gdprExpiryDate?: unknown;
	status?: unknown;
	jobIds?: unknown;
	metadata?: unknown;
}

const present = (value: unknown) => value !== undefined && value !== null && asText(value) !== '';

/**
 * The PATCH /candidates/{id} body with only the fields the user set, each checked with the
 * create rules. InstaView refuses an update that changes nothing, so at least one is needed.
 */
export function buildCandidateUpdateBody(input: CandidateUpdateInput, now: number, timeZone: string): IDataObject {
	const metadata = typeof input.metadata === 'string' && input.metadata.trim() === '{}' ? undefined : input.metadata;
	const body = compact({
		firstName: present(input.firstName) ? requireLength(input.firstName, 'First Name', 1, 100) : undefined,
		lastName: present(input.lastName) ? requireLength(input.lastName, 'Last Name', 1, 100) : undefined,
		email: present(input.email) ? requireEmail(input.email, 'Email') : undefined,
		phoneNumber: present(input.phoneNumber) ? normalizePhone(input.phoneNumber, 'Phone Number') : undefined,
		gdprExpiryDate: present(input.gdprExpiryDate) ? normalizeGdprDate(input.gdprExpiryDate, now, timeZone) : undefined,
		status: present(input.status) ? readCandidateStatus(input.status) : undefined,
		jobIds: readJobIds(input.jobIds),
		metadata: readMetadata(metadata, 'Metadata') as IDataObject | undefined,
	});
	if (!Object.keys(body).length) {
		throw new InvalidFieldError('Update Fields', 'are all empty', 'Add at least one field to change (InstaView refuses an update that changes nothing).');
	}
	return body;
}
