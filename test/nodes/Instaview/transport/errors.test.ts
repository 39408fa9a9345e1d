import { describeFailure, fieldProblems, readApiError } from '../../../../nodes/Instaview/transport/errors';

const context = { method: 'GET', attempts: 1 };

describe('reading InstaView errors', () => {
	test('from the envelope, the 429 body and NestJS-style bodies', () => {
		expect(readApiError({ success: false, error: { code: 'RESOURCE_NOT_FOUND', message: 'Job not found', details: { resourceType: 'Job' } } })).toEqual({
			code: 'RESOURCE_NOT_FOUND',
			message: 'Job not found',
			details: { resourceType: 'Job' },
		});
		expect(readApiError({ statusCode: 429, message: 'Rate limit exceeded', error: 'Too Many Requests' }).message).toBe('Rate limit exceeded');
		expect(readApiError({ statusCode: 400, message: ['title too short', 'email invalid'] }).message).toBe('title too short; email invalid');
	});

	test('field details in list, object and class-validator forms', () => {
		expect(fieldProblems({ fields: [{ field: 'candidate.email', message: 'invalid' }] })).toEqual(['candidate.email: invalid']);
		expect(fieldProblems([{ property: 'jobTitle', constraints: ['too short'] }])).toEqual(['jobTitle: too short']);
		expect(fieldProblems({ scheduleTime: 'more than 30 days ahead', resourceType: 'Interview' })).toEqual(['scheduleTime: more than 30 days ahead']);
	});

	test('a suspended key says so', () => {
		const described = describeFailure({ kind: 'http', status: 401, body: { success: false, error: { code: 'API_KEY_SUSPENDED', message: 'suspended' } } }, context);
		expect(described.message).toBe('The InstaView API key is suspended');
	});

	test('a 403 for another company points ATS users at the Company ID', () => {
		const described = describeFailure({ kind: 'http', status: 403, body: { success: false, error: { code: 'RESOURCE_ACCESS_DENIED', message: 'Access denied' } } }, { ...context, subject: 'interview x' });
		expect(described.description).toMatch(/Company ID/);
	});
});
