import { InvalidFieldError } from '../../../../nodes/Instaview/helpers/InvalidFieldError';
import { buildInlineJob } from '../../../../nodes/Instaview/helpers/job';

describe('buildInlineJob', () => {
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
