/** Job body rules: POST /jobs and the inline `job` of POST /interviews. */
import type { JsonObject } from './types';
import { UPPER_IDENT_RE, isPlainObject } from './util';
import { CEFR, EDUCATION, enumField, metadataField, rejectUnknown, str, stringArray, type Errs } from './validation';

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

export interface JobInput {
	title?: string;
	description?: string;
	status?: string;
	jobUrl?: string;
	benefits?: string;
	requiredSkills?: string[];
	niceToHaveSkills?: string[];
	languageRequirements?: Array<{ language: string; proficiency: string | null }>;
	education?: string[];
	experience?: string;
	contractType?: string;
	location?: JsonObject;
	salary?: JsonObject;
	metadata?: JsonObject;
}

function locationSalary(errs: Errs, body: Record<string, unknown>, prefix: string, out: JobInput): void {
	const loc = body.location;
	if (loc !== undefined && loc !== null) {
		const p = join(prefix, 'location');
		if (!isPlainObject(loc)) errs.push({ field: p, message: 'location must be an object' });
		else {
			const before = errs.length;
			rejectUnknown(errs, loc, ['workMode', 'street', 'city', 'postalCode', 'countryCode'], p);
			enumField(errs, loc, 'workMode', p, UPPER_IDENT_RE);
			for (const k of ['street', 'city', 'postalCode']) str(errs, loc, k, p, { min: 1, max: 200 });
			enumField(errs, loc, 'countryCode', p, /^[A-Z]{2}$/);
			if (errs.length === before) out.location = loc as JsonObject;
		}
	}
	const sal = body.salary;
	if (sal !== undefined && sal !== null) {
		const p = join(prefix, 'salary');
		if (!isPlainObject(sal)) errs.push({ field: p, message: 'salary must be an object' });
		else {
			const before = errs.length;
			rejectUnknown(errs, sal, ['min', 'max', 'currency', 'period'], p);
			for (const k of ['min', 'max']) {
				const v = sal[k];
				if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) errs.push({ field: `${p}.${k}`, message: `${k} must be a non-negative number` });
			}
			if (typeof sal.min === 'number' && typeof sal.max === 'number' && sal.min > sal.max) errs.push({ field: `${p}.min`, message: 'min must not be greater than max' });
			enumField(errs, sal, 'currency', p, /^[A-Z]{3}$/);
			enumField(errs, sal, 'period', p, UPPER_IDENT_RE);
			if (errs.length === before) out.salary = sal as JsonObject;
		}
	}
}

function skills(errs: Errs, body: Record<string, unknown>, prefix: string, out: JobInput): void {
	out.requiredSkills = stringArray(errs, body, 'requiredSkills', prefix, 10, 128);
	out.niceToHaveSkills = stringArray(errs, body, 'niceToHaveSkills', prefix, 10, 128);
	const a = Array.isArray(body.requiredSkills) ? body.requiredSkills.length : 0;
	const b = Array.isArray(body.niceToHaveSkills) ? body.niceToHaveSkills.length : 0;
	if (a <= 10 && b <= 10 && a + b > 10) errs.push({ field: join(prefix, 'niceToHaveSkills'), message: `requiredSkills and niceToHaveSkills combined must not exceed 10 skills (got ${a + b})` });
}

/** The inline `job` of POST /interviews (Interviews-page field names). */
export function validateInlineJob(errs: Errs, body: Record<string, unknown>, prefix: string): JobInput {
	rejectUnknown(errs, body, ['jobTitle', 'jobDescription', 'requiredSkills', 'niceToHaveSkills', 'languages', 'education', 'experience', 'contractType', 'location', 'salary'], prefix);
	const out: JobInput = { status: 'OPEN' };
	out.title = str(errs, body, 'jobTitle', prefix, { required: true, min: 5, max: 200 });
	out.description = str(errs, body, 'jobDescription', prefix, { min: 10, max: 5000 });
	skills(errs, body, prefix, out);
	const langs = stringArray(errs, body, 'languages', prefix, 5, 3, /^[A-Z]{2,3}$/);
	if (langs) out.languageRequirements = langs.map((language) => ({ language, proficiency: null }));
	out.education = stringArray(errs, body, 'education', prefix, EDUCATION.length, 64, EDUCATION);
	out.experience = enumField(errs, body, 'experience', prefix, UPPER_IDENT_RE);
	out.contractType = enumField(errs, body, 'contractType', prefix, UPPER_IDENT_RE);
	locationSalary(errs, body, prefix, out);
	return out;
}

/** POST /jobs body; `partial` (PATCH /jobs/{id}): same rules, nothing required. */
export function validateJob(errs: Errs, body: Record<string, unknown>, partial = false): JobInput {
	rejectUnknown(errs, body, ['title', 'description', 'status', 'jobUrl', 'benefits', 'requiredSkills', 'niceToHaveSkills', 'languageRequirements', 'education', 'experience', 'contractType', 'location', 'salary', 'metadata'], '');
	const out: JobInput = {};
	out.title = str(errs, body, 'title', '', { required: !partial, min: 5, max: 200 });
	out.description = str(errs, body, 'description', '', { required: !partial, min: 10, max: 5000 });
	out.status = enumField(errs, body, 'status', '', UPPER_IDENT_RE, !partial);
	const url = str(errs, body, 'jobUrl', '', { min: 1, max: 2048 });
	if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) errs.push({ field: 'jobUrl', message: 'jobUrl must be a URL' });
	else out.jobUrl = url;
	out.benefits = str(errs, body, 'benefits', '', { min: 1, max: 5000 });
	skills(errs, body, '', out);
	const lr = body.languageRequirements;
	if (lr !== undefined && lr !== null) {
		if (!Array.isArray(lr) || lr.length > 5) errs.push({ field: 'languageRequirements', message: 'languageRequirements must be an array of at most 5 items' });
		else {
			const before = errs.length;
			lr.forEach((x, i) => {
				const p = `languageRequirements[${i}]`;
				if (!isPlainObject(x)) return errs.push({ field: p, message: 'must be an object {language, proficiency}' });
				rejectUnknown(errs, x, ['language', 'proficiency'], p);
				enumField(errs, x, 'language', p, /^[A-Z]{2,3}$/, true);
				enumField(errs, x, 'proficiency', p, CEFR);
				return undefined;
			});
			if (errs.length === before) out.languageRequirements = (lr as Array<{ language: string; proficiency?: string }>).map((x) => ({ language: x.language, proficiency: x.proficiency ?? null }));
		}
	}
	out.education = stringArray(errs, body, 'education', '', EDUCATION.length, 64, EDUCATION);
	out.experience = enumField(errs, body, 'experience', '', UPPER_IDENT_RE);
	out.contractType = enumField(errs, body, 'contractType', '', UPPER_IDENT_RE);
	locationSalary(errs, body, '', out);
	out.metadata = metadataField(errs, body, 'metadata', '');
	return out;
}

