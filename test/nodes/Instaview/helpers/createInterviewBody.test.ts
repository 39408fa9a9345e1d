import { assertSingleShape, buildCreateInterviewBody, buildInlineJob } from '../../../../nodes/Instaview/helpers/createInterviewBody';
import { InvalidFieldError } from '../../../../nodes/Instaview/helpers/InvalidFieldError';
import { normalizePhone, readList, readMetadata, requireUuid } from '../../../../nodes/Instaview/helpers/validation';

const AGENT = '11111111-1111-4111-8111-111111111111';
const CANDIDATE = '22222222-2222-4222-8222-222222222222';
const JOB = '33333333-3333-4333-8333-333333333333';
const base = { agentId: AGENT, now: Date.parse('2026-03-20T12:00:00Z'), timeZone: 'UTC', start: { mode: 'immediately' as const } };

describe('buildCreateInterviewBody', () => {
	test('an existing candidate with no job is the minimal body', () => {
		expect(buildCreateInterviewBody({ ...base, candidate: { source: 'existing', id: CANDIDATE }, job: { source: 'none' } })).toEqual({
			agentId: AGENT,
			candidateId: CANDIDATE,
		});
	});

	test('IDs are normalised: upper case and missing dashes are accepted', () => {
		expect(requireUuid(' 22222222222242228222222222222222 ', 'Candidate')).toBe(CANDIDATE);
		expect(requireUuid(CANDIDATE.toUpperCase(), 'Candidate')).toBe(CANDIDATE);
	});

	test('optional inline fields that are empty are left out, not sent as empty strings', () => {
		const job = buildInlineJob({ jobTitle: ' Backend Engineer ', jobDescription: '', requiredSkills: '', languages: [], education: [], location: { city: '' }, salary: {} });
		expect(job).toEqual({ jobTitle: 'Backend Engineer' });
	});

	test('languages are upper-cased; expression arrays are accepted as they are', () => {
		expect(buildInlineJob({ jobTitle: 'Backend Engineer', languages: 'en, sk', requiredSkills: ['Go', 'SQL'] })).toEqual({
			jobTitle: 'Backend Engineer',
			languages: ['EN', 'SK'],
			requiredSkills: ['Go', 'SQL'],
		});
	});

	test('enums the docs show only in part go through unchanged', () => {
		expect(buildInlineJob({ jobTitle: 'Backend Engineer', experience: 'SENIOR', contractType: 'PART_TIME', location: { workMode: 'ONSITE' }, salary: { period: 'MONTHLY' } })).toMatchObject({
			experience: 'SENIOR',
			contractType: 'PART_TIME',
			location: { workMode: 'ONSITE' },
			salary: { period: 'MONTHLY' },
		});
	});

	test('ten skills combined is the limit, not eleven', () => {
		const ten = buildInlineJob({ jobTitle: 'Backend Engineer', requiredSkills: 'a,b,c,d,e', niceToHaveSkills: 'f,g,h,i,j' });
		expect((ten.requiredSkills as string[]).length + (ten.niceToHaveSkills as string[]).length).toBe(10);
		expect(() => buildInlineJob({ jobTitle: 'Backend Engineer', requiredSkills: 'a,b,c,d,e', niceToHaveSkills: 'f,g,h,i,j,k' })).toThrow(InvalidFieldError);
	});

	test('a skill of exactly 128 characters is accepted', () => {
		expect(buildInlineJob({ jobTitle: 'Backend Engineer', requiredSkills: 'x'.repeat(128) }).requiredSkills).toEqual(['x'.repeat(128)]);
	});

	test('job titles of 5 and 200 characters are accepted', () => {
		expect(buildInlineJob({ jobTitle: 'Chef!' }).jobTitle).toBe('Chef!');
		expect(buildInlineJob({ jobTitle: 'y'.repeat(200) }).jobTitle).toHaveLength(200);
	});
});

describe('assertSingleShape: the last guard against ambiguous bodies', () => {
	test.each([
		['both candidateId and candidate', { agentId: AGENT, candidateId: CANDIDATE, candidate: { firstName: 'A' } }, 'Candidate'],
		['neither candidateId nor candidate', { agentId: AGENT }, 'Candidate'],
		['jobId together with an inline job', { agentId: AGENT, candidateId: CANDIDATE, jobId: JOB, job: { jobTitle: 'Backend' } }, 'Job'],
		['candidate.jobId together with jobId', { agentId: AGENT, candidate: { jobId: JOB }, jobId: JOB }, 'Candidate Job ID (Compact Form)'],
		['candidate.jobId together with job', { agentId: AGENT, candidate: { jobId: JOB }, job: { jobTitle: 'Backend' } }, 'Candidate Job ID (Compact Form)'],
	])('refuses %s', (_what, body, field) => {
		expect(() => assertSingleShape(body)).toThrow(expect.objectContaining({ field }));
	});
});

describe('validation helpers', () => {
	test('phone numbers people type are normalised to E.164', () => {
		expect(normalizePhone('+421 (905) 123-456', 'Phone Number')).toBe('+421905123456');
		expect(normalizePhone('+1.555.010.9999', 'Phone Number')).toBe('+15550109999');
	});

	test('lists split on commas and keep empty entries so they can be refused', () => {
		expect(readList('a, b ,c')).toEqual(['a', 'b', 'c']);
		expect(readList('a,,b')).toEqual(['a', '', 'b']);
		expect(readList('')).toEqual([]);
	});

	test('metadata within the documented limits is accepted, as text or object', () => {
		expect(readMetadata('{"externalInterviewId":"INT-789"}', 'Metadata')).toEqual({ externalInterviewId: 'INT-789' });
		expect(readMetadata({ a: { b: { c: { d: { e: 1 } } } } }, 'Metadata')).toBeDefined();
		expect(readMetadata('', 'Metadata')).toBeUndefined();
	});
});
