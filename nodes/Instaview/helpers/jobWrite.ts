import type { IDataObject } from 'n8n-workflow';

import { CEFR_LEVELS } from './enums';
import { InvalidFieldError } from './InvalidFieldError';
import { buildJobFields, readJobTitle, readLanguages, type JobFieldsInput } from './job';
import { asText, compact, optionalText, readMetadata, requireLength } from './validation';

/** A job for POST /jobs or PATCH /jobs/{id}, as the user entered it (unchecked). */
export interface JobWriteInput extends JobFieldsInput {
	title?: unknown;
	description?: unknown;
	status?: unknown;
	languages?: unknown;
	languageLevel?: unknown;
	benefits?: unknown;
	jobUrl?: unknown;
	metadata?: unknown;
}

const HTTP_URL = /^https?:\/\/[^\s/]+\S*$/i;

/** A public http(s) address (a job posting, the job's page). */
export function requireHttpUrl(value: unknown, field: string): string {
	const text = asText(value);
	if (!text) throw new InvalidFieldError(field, 'is empty', 'Paste the full address, e.g. https://careers.example.com/jobs/backend-engineer.');
	if (!HTTP_URL.test(text)) {
		throw new InvalidFieldError(field, `"${text}" is not an http(s) address`, 'Paste the full address starting with https://, e.g. https://careers.example.com/jobs/backend-engineer.');
	}
	return text;
}

function readLanguageRequirements(languages: unknown, level: unknown): IDataObject[] | undefined {
	const codes = readLanguages(languages);
	const proficiency = optionalText(level);
	if (proficiency !== undefined && !(CEFR_LEVELS as readonly string[]).includes(proficiency)) {
		throw new InvalidFieldError('Language Level', `"${proficiency}" is not a CEFR level`, `Use one of: ${CEFR_LEVELS.join(', ')}.`);
	}
	if (!codes) return undefined;
	if (codes.length > 5) throw new InvalidFieldError('Languages', `lists ${codes.length} languages`, 'InstaView accepts at most 5 language requirements per job.');
	for (const code of codes) {
		if (!/^[A-Z]{2,3}$/.test(code)) throw new InvalidFieldError('Languages', `"${code}" is not a language code`, 'Use two- or three-letter codes such as EN, SK, FIL.');
	}
	return codes.map((language) => compact({ language, proficiency }));
}

/**
 * The body of POST /jobs (`partial` false: title, description and status required) or PATCH
 * /jobs/{id} (`partial` true: only what was set, at least one field). Uses the Jobs API's
 * names (title, description, languageRequirements), not the inline job's.
 */
export function buildJobBody(input: JobWriteInput, partial: boolean): IDataObject {
	const has = (value: unknown) => asText(value) !== '';
	const title = !partial || has(input.title) ? readJobTitle(input.title, 'Title') : undefined;
	const description = !partial || has(input.description) ? requireLength(input.description, 'Description', 10, 5000) : undefined;
	const status = optionalText(input.status);
	if (status !== undefined && !/^[A-Z][A-Z0-9_]*$/.test(status)) {
		throw new InvalidFieldError('Status', `"${status}" is not a job status`, 'Use an upper-case status such as OPEN.');
	}
	if (!partial && status === undefined) throw new InvalidFieldError('Status', 'is empty', 'Choose a status, e.g. Open.');
	const metadataText = typeof input.metadata === 'string' && input.metadata.trim() === '{}' ? undefined : input.metadata;
	const body = compact({
		title,
		description,
		status,
		...buildJobFields(input),
		languageRequirements: readLanguageRequirements(input.languages, input.languageLevel),
		benefits: has(input.benefits) ? requireLength(input.benefits, 'Benefits', 1, 5000) : undefined,
		jobUrl: has(input.jobUrl) ? requireHttpUrl(input.jobUrl, 'Job URL') : undefined,
		metadata: readMetadata(metadataText, 'Metadata') as IDataObject | undefined,
	});
	if (partial && !Object.keys(body).length) {
		throw new InvalidFieldError('Update Fields', 'are all empty', 'Add at least one field to change (InstaView refuses an update that changes nothing).');
	}
	return body;
}
