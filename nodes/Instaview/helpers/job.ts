import type { IDataObject } from 'n8n-workflow';

import { EDUCATION_LEVELS } from './enums';
import { InvalidFieldError } from './InvalidFieldError';
import { asText, compact, optionalText, readList, requireLength } from './validation';

export const MAX_SKILLS = 10;
export const MAX_SKILL_LENGTH = 128;

/** The job fields the Jobs API and the inline job of the Interviews API share, unchecked. */
export interface JobFieldsInput {
	requiredSkills?: unknown;
	niceToHaveSkills?: unknown;
	education?: unknown;
	experience?: unknown;
	contractType?: unknown;
	location?: IDataObject;
	salary?: IDataObject;
}

/** The inline job of Create Interview, as the user entered it. */
export interface InlineJobInput extends JobFieldsInput {
	jobTitle: unknown;
	jobDescription?: unknown;
	languages?: unknown;
}

/** A job title InstaView accepts: 5 to 200 characters. */
export function readJobTitle(value: unknown, field = 'Job Title'): string {
	return requireLength(value, field, 5, 200);
}

function buildSkills(input: JobFieldsInput): { requiredSkills?: string[]; niceToHaveSkills?: string[] } {
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

/** Upper-case language codes from a list or comma-separated text, or undefined for none. */
export function readLanguages(value: unknown): string[] | undefined {
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

function buildSalary(source: IDataObject | undefined): IDataObject | undefined {
	const salary = buildNested(source, ['min', 'max']);
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
	return salary;
}

/**
 * The checked job fields both job bodies share (skills, education, experience, contract type,
 * location, salary); empty ones are left out. Enums the docs list only in part pass unchanged.
 */
export function buildJobFields(input: JobFieldsInput): IDataObject {
	const salary = buildSalary(input.salary);
	return compact({
		...buildSkills(input),
		education: readEducation(input.education),
		experience: optionalText(input.experience),
		contractType: optionalText(input.contractType),
		location: buildNested(input.location),
		salary,
	});
}

/** The inline job with the field names of the Interviews API (jobTitle, jobDescription, languages). */
export function buildInlineJob(input: InlineJobInput): IDataObject {
	// The title first: it is the first field the user sees, so its error comes first.
	const jobTitle = readJobTitle(input.jobTitle);
	const fields = buildJobFields(input);
	return compact({
		jobTitle,
		jobDescription: optionalText(input.jobDescription),
		...fields,
		languages: readLanguages(input.languages),
	});
}
