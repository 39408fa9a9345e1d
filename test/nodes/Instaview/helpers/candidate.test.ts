import { buildCandidateBody } from '../../../../nodes/Instaview/helpers/candidate';

const now = Date.parse('2026-03-20T12:00:00Z');
const jane = { firstName: ' Jane ', lastName: 'Doe', gdprExpiryDate: '2027-06-30' };

describe('buildCandidateBody', () => {
	test('trims, normalises the phone and leaves out what is empty', () => {
		expect(buildCandidateBody({ ...jane, email: '', phoneNumber: '+421 905 123 456', jobId: '' }, now, 'UTC')).toEqual({
			firstName: 'Jane',
			lastName: 'Doe',
			phoneNumber: '+421905123456',
			gdprExpiryDate: '2027-06-30',
		});
	});

	test('needs an email or a phone number, and a valid compact job ID', () => {
		expect(() => buildCandidateBody(jane, now, 'UTC')).toThrow(expect.objectContaining({ field: 'Email' }));
		expect(() => buildCandidateBody({ ...jane, email: 'jane@example.com', jobId: 'job-1' }, now, 'UTC')).toThrow(
			expect.objectContaining({ field: 'Candidate Job ID (Compact Form)' }),
		);
		expect(buildCandidateBody({ ...jane, email: 'jane@example.com', jobId: '33333333333343338333333333333333' }, now, 'UTC').jobId).toBe(
			'33333333-3333-4333-8333-333333333333',
		);
	});
});
