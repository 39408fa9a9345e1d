import { simplifyInterview, type PeopleDetails } from '../../../../nodes/Instaview/helpers/simplify';

const interview = {
	id: 'd1e00001-0000-4000-8000-000000000001',
	candidateId: 'cafe0001-0000-4000-8000-000000000001',
	agentId: 'a9e00001-0000-4000-8000-000000000001',
	jobId: 'b0b00001-0000-4000-8000-000000000001',
	status: 'COMPLETED',
	scheduledAt: '2026-03-01T10:00:00Z',
	finishedDate: '2026-03-01T10:20:00Z',
	durationMinutes: 20,
	metadata: { externalInterviewId: 'INT-789' },
	callAttempts: [{ id: 'x' }],
	analysis: {
		id: 'a1a00001-0000-4000-8000-000000000001',
		general: { status: 3, overallRating: 72, companyFitRating: 'HIGH', strongPoints: ['a'], weakPoints: ['b'], evaluation: ['c'] },
		specific: { pronunciationScores: { overall: 81 }, cefrLevel: 'B2' },
	},
};

const details: PeopleDetails = {
	candidateName: 'Jane Doe',
	candidateEmail: 'jane.doe@example.com',
	candidatePhone: null,
	candidateStatus: 'IN_PROCESS',
	jobTitle: 'Senior Backend Engineer',
};

describe('simplifyInterview', () => {
	test('keeps the type-specific analysis and the user\'s metadata', () => {
		const simple = simplifyInterview(interview);
		expect(simple.specific).toEqual({ pronunciationScores: { overall: 81 }, cefrLevel: 'B2' });
		expect(simple.metadata).toEqual({ externalInterviewId: 'INT-789' });
		expect(simple.callAttempts).toBeUndefined();
	});

	test('no analysis yet: nulls and empty lists, not missing keys', () => {
		const simple = simplifyInterview({ ...interview, analysis: null, metadata: undefined });
		expect(simple).toMatchObject({ analysisStatus: null, overallRating: null, strongPoints: [], specific: null, metadata: null, analysisId: null });
	});

	test('leads with what a recruiter reads, then who and which job, IDs last', () => {
		const keys = Object.keys(simplifyInterview(interview, details));
		expect(keys.slice(0, 12)).toEqual([
			'status',
			'analysisStatus',
			'overallRating',
			'companyFitRating',
			'strongPoints',
			'weakPoints',
			'evaluation',
			'candidateName',
			'candidateEmail',
			'candidatePhone',
			'candidateStatus',
			'jobTitle',
		]);
		expect(keys.slice(-5)).toEqual(['id', 'candidateId', 'jobId', 'agentId', 'analysisId']);
	});

	test('without details the recruiter fields still come first', () => {
		const keys = Object.keys(simplifyInterview(interview));
		expect(keys[0]).toBe('status');
		expect(keys).not.toContain('candidateName');
		expect(keys.indexOf('evaluation')).toBeLessThan(keys.indexOf('id'));
	});
});
