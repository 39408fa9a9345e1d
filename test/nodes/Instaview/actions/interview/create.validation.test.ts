import { apiRequests, byId, DEMO_IDS, minimalCreateParameters, runInstaview, useEmulator } from '../../../../helpers/instaview';

const ctx = useEmulator();
const day = 86400000;
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();
const dateIn = (days: number) => isoIn(days * day).slice(0, 10);
const long = (n: number) => 'x'.repeat(n);

const newCandidate = {
	candidateSource: 'new',
	firstName: 'Jane',
	lastName: 'Doe',
	email: 'jane@example.com',
	phoneNumber: '',
	gdprExpiryDate: dateIn(100),
};
const newJob = { jobSource: 'new', jobTitle: 'Backend Engineer', jobDetails: {} };
const withSkills = (requiredSkills: unknown, niceToHaveSkills: unknown = '') => ({
	...newJob,
	jobDetails: { requiredSkills, niceToHaveSkills },
});

// [what is wrong, parameters, the field the error must name]
const badInputs: Array<[string, Record<string, unknown>, string]> = [
	['agent missing', { agentId: byId('') }, 'Agent'],
	['agent not a UUID', { agentId: byId('agent-1') }, 'Agent'],
	['agent UUID too short', { agentId: byId('3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6') }, 'Agent'],
	['candidate missing', { candidateId: byId('') }, 'Candidate'],
	['candidate not a UUID', { candidateId: byId('jane') }, 'Candidate'],
	['candidate with spaces inside', { candidateId: byId('cafe0001 0000 4000 8000 000000000001') }, 'Candidate'],
	['job not a UUID', { jobSource: 'existing', jobId: byId('backend') }, 'Job'],
	['job missing', { jobSource: 'existing', jobId: byId('') }, 'Job'],
	['first name empty', { ...newCandidate, firstName: '' }, 'First Name'],
	['first name over 100', { ...newCandidate, firstName: long(101) }, 'First Name'],
	['last name empty', { ...newCandidate, lastName: '   ' }, 'Last Name'],
	['last name over 100', { ...newCandidate, lastName: long(101) }, 'Last Name'],
	['neither email nor phone', { ...newCandidate, email: '', phoneNumber: '' }, 'Email'],
	['email without @', { ...newCandidate, email: 'jane.example.com' }, 'Email'],
	['email without domain dot', { ...newCandidate, email: 'jane@example' }, 'Email'],
	['phone without +', { ...newCandidate, phoneNumber: '0905123456' }, 'Phone Number'],
	['phone with letters', { ...newCandidate, phoneNumber: '+42190512345a' }, 'Phone Number'],
	['phone too long for E.164', { ...newCandidate, phoneNumber: '+1234567890123456' }, 'Phone Number'],
	['phone starting +0', { ...newCandidate, phoneNumber: '+0905123456' }, 'Phone Number'],
	['GDPR date missing', { ...newCandidate, gdprExpiryDate: '' }, 'GDPR Expiry Date'],
	['GDPR date in the past', { ...newCandidate, gdprExpiryDate: '2020-01-01' }, 'GDPR Expiry Date'],
	['GDPR date today', { ...newCandidate, gdprExpiryDate: dateIn(0) }, 'GDPR Expiry Date'],
	['GDPR date not a date', { ...newCandidate, gdprExpiryDate: 'next year' }, 'GDPR Expiry Date'],
	['GDPR date impossible', { ...newCandidate, gdprExpiryDate: '2031-02-30' }, 'GDPR Expiry Date'],
	['compact job not a UUID', { ...newCandidate, candidateOptions: { jobId: 'backend' } }, 'Candidate Job ID (Compact Form)'],
	['compact job with an existing job', { ...newCandidate, candidateOptions: { jobId: DEMO_IDS.jobs.backend }, jobSource: 'existing', jobId: byId(DEMO_IDS.jobs.backend) }, 'Candidate Job'],
	['compact job with an inline job', { ...newCandidate, candidateOptions: { jobId: DEMO_IDS.jobs.backend }, ...newJob }, 'Candidate Job'],
	['job title empty', { ...newJob, jobTitle: '' }, 'Job Title'],
	['job title of 4 characters', { ...newJob, jobTitle: 'Dev!' }, 'Job Title'],
	['job title over 200', { ...newJob, jobTitle: long(201) }, 'Job Title'],
	['11 required skills', withSkills('a,b,c,d,e,f,g,h,i,j,k'), 'Required Skills'],
	['11 skills combined', withSkills('a,b,c,d,e,f', 'g,h,i,j,k'), 'Required Skills'],
	['empty required skill', withSkills('TypeScript,,NestJS'), 'Required Skills'],
	['trailing comma in skills', withSkills('TypeScript,'), 'Required Skills'],
	['empty nice-to-have skill', withSkills('TypeScript', ' , AWS'), 'Nice-to-Have Skills'],
	['skill over 128 characters', withSkills(`TypeScript,${long(129)}`), 'Required Skills'],
	['skills array with an empty entry', withSkills(['TypeScript', '']), 'Required Skills'],
	['education outside the documented list', { ...newJob, jobDetails: { education: ['BACHELORS'] } }, 'Education'],
	['education in lower case', { ...newJob, jobDetails: { education: ['master_level'] } }, 'Education'],
	['salary minimum above maximum', { ...newJob, salary: { min: 90000, max: 50000 } }, 'Salary Minimum'],
	['salary not a number', { ...newJob, salary: { min: 'a lot' } }, 'Salary Minimum'],
	['schedule time empty', { start: 'scheduled', scheduleTime: '' }, 'Scheduled Time'],
	['schedule time not a date', { start: 'scheduled', scheduleTime: 'tomorrow at 2' }, 'Scheduled Time'],
	['schedule time in the past', { start: 'scheduled', scheduleTime: isoIn(-60000) }, 'Scheduled Time'],
	['schedule time 31 days ahead', { start: 'scheduled', scheduleTime: isoIn(31 * day) }, 'Scheduled Time'],
	['schedule time with impossible date', { start: 'scheduled', scheduleTime: '2026-13-01T10:00:00' }, 'Scheduled Time'],
	['metadata not JSON', { options: { metadata: '{externalId: 1' } }, 'Metadata'],
	['metadata an array', { options: { metadata: '[1,2]' } }, 'Metadata'],
	['metadata over 50 keys', { options: { metadata: JSON.stringify(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]))) } }, 'Metadata'],
	['metadata deeper than 5 levels', { options: { metadata: '{"a":{"b":{"c":{"d":{"e":{"f":1}}}}}}' } }, 'Metadata'],
	['metadata over 10 KB', { options: { metadata: JSON.stringify({ note: long(10300) }) } }, 'Metadata'],
];

describe('Interview → Create refuses bad input before any request', () => {
	test(`covers at least 40 cases (has ${badInputs.length})`, () => {
		expect(badInputs.length).toBeGreaterThanOrEqual(40);
	});

	test.each(badInputs)('%s', async (_what, parameters, field) => {
		const { error } = await runInstaview(ctx.emulator, { parameters: minimalCreateParameters(parameters) });
		expect(error).toBeDefined();
		expect(error?.message.startsWith(field)).toBe(true);
		expect(error?.description).toBeTruthy();
		expect(error?.context?.itemIndex).toBe(0);
		expect(await apiRequests(ctx.emulator)).toHaveLength(0);
	});

	test('with Continue On Fail, a bad row becomes an error item and the good rows are created', async () => {
		const rows = [
			{ ...newCandidate, firstName: 'Good' },
			{ ...newCandidate, firstName: 'Bad', phoneNumber: '0905', email: '' },
			{ ...newCandidate, firstName: 'Also good' },
		];
		const result = await runInstaview(ctx.emulator, {
			continueOnFail: true,
			items: rows.map((json) => ({ json })),
			parameters: rows.map((row) => minimalCreateParameters({ agentId: byId(DEMO_IDS.agents.generic), ...row })),
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(3);
		expect(result.output[1].json.error).toMatch(/^Phone Number/);
		expect(result.output[1].pairedItem).toEqual({ item: 1 });
		expect(result.output[0].json.id).toBeDefined();
		expect(result.output[2].json.id).toBeDefined();
		expect(await apiRequests(ctx.emulator, 'POST')).toHaveLength(2);
	});
});
