import type { IDataObject } from 'n8n-workflow';

import { normalizeGdprDate } from './dates';
import { InvalidFieldError } from './InvalidFieldError';
import { asText, compact, normalizePhone, requireEmail, requireLength, requireUuid } from './validation';

/** A new candidate as the user entered it (node parameters or expression values, unchecked). */
export interface NewCandidateInput {
	firstName: unknown;
	lastName: unknown;
	email?: unknown;
	phoneNumber?: unknown;
	gdprExpiryDate: unknown;
	/** The compact form of Create Interview: a new candidate attached to an existing job. */
	jobId?: unknown;
}

/**
 * The candidate body InstaView accepts (POST /candidates, or `candidate` inside POST
 * /interviews), with every documented rule checked first so a bad row sends nothing.
 */
export function buildCandidateBody(input: NewCandidateInput, now: number, timeZone: string): IDataObject {
	const firstName = requireLength(input.firstName, 'First Name', 1, 100);
	const lastName = requireLength(input.lastName, 'Last Name', 1, 100);
	const emailText = asText(input.email);
	const phoneText = asText(input.phoneNumber);
	if (!emailText && !phoneText) {
		throw new InvalidFieldError('Email', 'and Phone Number are both empty', 'InstaView needs at least one way to reach the candidate: enter an email or a phone number.');
	}
	return compact({
		firstName,
		lastName,
		email: emailText ? requireEmail(emailText, 'Email') : undefined,
		phoneNumber: phoneText ? normalizePhone(phoneText, 'Phone Number') : undefined,
		gdprExpiryDate: normalizeGdprDate(input.gdprExpiryDate, now, timeZone),
		jobId: asText(input.jobId) ? requireUuid(input.jobId, 'Candidate Job ID (Compact Form)') : undefined,
	});
}
