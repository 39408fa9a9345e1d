import { assertSingleShape, buildCreateInterviewBody } from '../../../../nodes/Instaview/helpers/createInterviewBody';

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
