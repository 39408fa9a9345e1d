import type { IDataObject } from 'n8n-workflow';

import { normalizeGdprDate, normalizeScheduleTime } from './dates';
import { EDUCATION_LEVELS } from './enums';
import { InvalidFieldError } from './InvalidFieldError';
import { asText, normalizePhone, readList, readMetadata, requireEmail, requireLength, requireUuid } from './validation';

export type CandidateInput =
	| { source: 'existing'; id: unknown }
	| {
			source: 'new';
			firstName: unknown;
			lastName: unknown;
			email?: unknown;
			phoneNumber?: unknown;
			gdprExpiryDate: unknown;
			/** The compact form: a new candidate attached to an existing job. */
			jobId?: unknown;
	  };

export interface InlineJobInput {
	jobTitle: unknown;
	jobDescription?: unknown;
	requiredSkills?: unknown;
	niceToHaveSkills?: unknown;
	languages?: unknown;
	education?: unknown;
	experience?: unknown;
	contractType?: unknown;
	location?: IDataObject;
	salary?: IDataObject;
}

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

export const MAX_SKILLS = 10;
export const MAX_SKILL_LENGTH = 128;

function optionalText(value: unknown): string | undefined {
	const text = asText(value);
	return text === '' ? undefined : text;
}

function compact<T extends IDataObject>(object: T): T {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== '')) as T;
}

function buildCandidate(input: Extract<CandidateInput, { source: 'new' }>, now: number, timeZone: string): IDataObject {
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

function buildSkills(input: InlineJobInput): { requiredSkills?: string[]; niceToHaveSkills?: string[] } {
	const required = readList(input.requiredSkills);
	const nice = readList(input.niceToHaveSkills);
	for (const [field, list] of [['Required Skills', required], ['Nice-to-Have Skills', nice]] as const) {
		list.forEach((skill, index) => {
			if (!skill) {
				throw new InvalidFieldError(field, `skill ${index + 1} is empty`, 'Remove the empty entry (look for a doubled or trailing comma).');
			}
			if (skill.length > MAX_SKILL_LENGTH) {
				throw new InvalidFieldError(field, `skill ${index + 1} has ${skill.length} characters`, `Shorten it to at most ${MAX_SKILL_LENGTH} characters.`);
			}
		});
	}
	if (required.length + nice.length > MAX_SKILLS) {
		throw new InvalidFieldError(
			'Required Skills',
			`and Nice-to-Have Skills list ${required.length + nice.length} skills together`,
			`InstaView accepts at most ${MAX_SKILLS} skills combined; keep the most important ones.`,
		);
	}
	return compact({
		requiredSkills: required.length ? required : undefined,
		niceToHaveSkills: nice.length ? nice : undefined,
	});
}

function readEducation(value: unknown): string[] | undefined {
	const list = (Array.isArray(value) ? value : readList(value)).map((entry) => asText(entry));
	if (!list.length) return undefined;
	for (const entry of list) {
		if (!(EDUCATION_LEVELS as readonly string[]).includes(entry)) {
			throw new InvalidFieldError('Education', `"${entry}" is not an InstaView education level`, `Use one of: ${EDUCATION_LEVELS.join(', ')}.`);
		}
	}
	return list;
}

function readLanguages(value: unknown): string[] | undefined {
	const list = (Array.isArray(value) ? value : readList(value)).map((entry) => asText(entry).toUpperCase()).filter(Boolean);
	return list.length ? list : undefined;
}

function buildNested(source: IDataObject | undefined, numbers: string[] = []): IDataObject | undefined {
	if (!source) return undefined;
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(source)) {
		if (value === undefined || value === null || value === '') continue;
		result[key] = numbers.includes(key) ? Number(value) : typeof value === 'string' ? value.trim() : value;
	}
	return Object.keys(result).length ? result : undefined;
}

/** The inline job with the field names of the Interviews API (jobTitle, jobDescription, languages). */
export function buildInlineJob(input: InlineJobInput): IDataObject {
	const salary = buildNested(input.salary, ['min', 'max']);
	if (salary) {
		for (const key of ['min', 'max'] as const) {
			if (salary[key] !== undefined && !Number.isFinite(salary[key])) {
				throw new InvalidFieldError(`Salary ${key === 'min' ? 'Minimum' : 'Maximum'}`, 'is not a number', 'Enter a number, e.g. 60000.');
			}
		}
		if (typeof salary.min === 'number' && typeof salary.max === 'number' && salary.min > salary.max) {
			throw new InvalidFieldError('Salary Minimum', 'is greater than Salary Maximum', 'Swap the two values.');
		}
	}
	return compact({
		jobTitle: requireLength(input.jobTitle, 'Job Title', 5, 200),
		jobDescription: optionalText(input.jobDescription),
		...buildSkills(input),
		languages: readLanguages(input.languages),
		education: readEducation(input.education),
		experience: optionalText(input.experience),
		contractType: optionalText(input.contractType),
		location: buildNested(input.location),
		salary,
	});
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
		body.candidate = buildCandidate(input.candidate, input.now, input.timeZone);
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
