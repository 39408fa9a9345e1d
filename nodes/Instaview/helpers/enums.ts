/**
 * Enum values from the InstaView docs. Only the education list is documented in full; the
 * others were cut off or shown by example, so the node offers what is known and lets other
 * values through (by expression) for InstaView to judge.
 */
export const EDUCATION_LEVELS = [
	'UNDEFINED',
	'PRIMARY_EDUCATION',
	'SECONDARY_SCHOOL_STUDENT',
	'SECONDARY_WITHOUT_DIPLOMA',
	'SECONDARY_WITH_DIPLOMA',
	'POST_SECONDARY_VOCATIONAL',
	'UNIVERSITY_STUDENT',
	'BACHELOR_LEVEL',
	'MASTER_LEVEL',
	'POSTGRADUATE',
] as const;

/** The job experience list as far as the docs show it, plus the seed example's SENIOR. */
export const KNOWN_EXPERIENCE_LEVELS = [
	'UNDEFINED',
	'NO_EXPERIENCE',
	'LESS_THAN_1_YEAR',
	'ONE_TO_3_YEARS',
	'THREE_TO_5_YEARS',
	'FIVE_TO_10_YEARS',
	'SENIOR',
] as const;

export const KNOWN_CONTRACT_TYPES = ['FULL_TIME'] as const;
export const KNOWN_WORK_MODES = ['REMOTE', 'HYBRID'] as const;
export const KNOWN_SALARY_PERIODS = ['YEARLY'] as const;

/** Language codes documented for agents; job languages use the same upper-case codes. */
export const LANGUAGES = [
	'EN', 'JA', 'ZH', 'DE', 'HI', 'FR', 'KO', 'PT', 'IT', 'ES', 'ID', 'NL', 'TR', 'FIL', 'PL', 'SV',
	'BG', 'RO', 'AR', 'CS', 'EL', 'FI', 'HR', 'MS', 'SK', 'DA', 'TA', 'UK', 'RU', 'HU', 'NO', 'VI',
] as const;

export const INTERVIEW_STATUSES = ['UNDEFINED', 'SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;

/** "FULL_TIME" → "Full Time", for option labels. */
export function enumLabel(value: string): string {
	return value
		.toLowerCase()
		.split('_')
		.map((word) => (/^\d/.test(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
		.join(' ');
}

/** Candidate statuses (the overview's INTERVIEWING example is not in the documented enum). */
export const CANDIDATE_STATUSES = ['UNDEFINED', 'APPLIED', 'IN_PROCESS', 'REJECTED', 'ACCEPTED'] as const;

/** Agent types and focuses, as documented for agents. */
export const AGENT_TYPES = ['UNDEFINED', 'ONLINE', 'PHONE'] as const;
export const AGENT_FOCUSES = ['GENERIC', 'SCREENING', 'OUTREACH', 'LANGUAGE_TEST'] as const;

/** CEFR levels, for a job's language requirements. */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
