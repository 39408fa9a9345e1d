import type { Agent, Candidate, Job } from './index';
import { resolveJobSource } from './routes/interviews-create';
import { dateIn, expect400, expect404, expectOk, useKit } from './testkit';

let screening: Agent;
let generic: Agent;
let phone: Agent;
let job1: Job;
let job2: Job;
let oneJob: Candidate; // job1
let twoJobs: Candidate; // job1 + job2
let pool: Candidate; // no job

const kit = useKit({}, async () => {
	const s = kit.emu.state;
	screening = s.createAgent({ name: 'Screening', focus: 'SCREENING' });
	generic = s.createAgent({ name: 'Generic', focus: 'GENERIC' });
	phone = s.createAgent({ name: 'Phone', type: 'PHONE', focus: 'SCREENING' });
	job1 = s.createJob({ title: 'Backend Engineer' });
	job2 = s.createJob({ title: 'Frontend Engineer' });
	oneJob = s.createCandidate({ firstName: 'One', jobIds: [job1.id], phoneNumber: '+421900111222' });
	twoJobs = s.createCandidate({ firstName: 'Two', jobIds: [job1.id, job2.id] });
	pool = s.createCandidate({ firstName: 'Pool', jobIds: [] });
});

const post = (body: unknown) => kit.api.post('/interviews', body);
const inlineCandidate = (extra: Record<string, unknown> = {}) => ({
	firstName: 'Jane',
	lastName: 'Doe',
	email: 'jane.doe@example.com',
	phoneNumber: '+1234567890',
	gdprExpiryDate: dateIn(kit, 365),
	...extra,
});
const inlineJob = (extra: Record<string, unknown> = {}) => ({
	jobTitle: 'Senior Backend Engineer',
	jobDescription: 'We are looking for a senior engineer...',
	requiredSkills: ['TypeScript', 'NestJS', 'PostgreSQL'],
	niceToHaveSkills: ['Redis', 'AWS'],
	languages: ['EN'],
	experience: 'SENIOR',
	contractType: 'FULL_TIME',
	...extra,
});

describe('successful shapes', () => {
	it('existing candidate, no job: the single job is picked; SCHEDULED, no attempts, analysis null', async () => {
		const res = await post({ candidateId: oneJob.id, agentId: screening.id });
		expectOk(res, 201);
		const iv = res.data.data;
		expect(res.data.success).toBe(true);
		expect(iv).toMatchObject({ candidateId: oneJob.id, agentId: screening.id, jobId: job1.id, status: 'SCHEDULED', callAttempts: [], analysis: null, isTest: false });
		expect(Math.abs(Date.parse(iv.scheduledAt) - kit.emu.state.nowMs())).toBeLessThan(5000);
		const cand = await kit.api.get(`/candidates/${oneJob.id}`);
		expect(cand.data.data.interviewCount).toBe(1);
		expect(cand.data.data.analysisCount).toBe(0);
		const got = await kit.api.get(`/interviews/${iv.id}`);
		expect(got.data.data).toEqual(iv);
	});

	it('existing candidate + existing jobId from its jobIds', async () => {
		const res = await post({ candidateId: twoJobs.id, jobId: job2.id, agentId: screening.id });
		expectOk(res, 201);
		expect(res.data.data.jobId).toBe(job2.id);
	});

	it('existing candidate + inline job: job persisted, candidate attached to it', async () => {
		const before = kit.emu.state.jobs.size;
		const res = await post({ candidateId: pool.id, agentId: screening.id, job: inlineJob() });
		expectOk(res, 201);
		const jobId = res.data.data.jobId as string;
		expect(kit.emu.state.jobs.size).toBe(before + 1);
		const job = (await kit.api.get(`/jobs/${jobId}`)).data.data;
		expect(job).toMatchObject({ title: 'Senior Backend Engineer', description: 'We are looking for a senior engineer...', experience: 'SENIOR', contractType: 'FULL_TIME', requiredSkills: ['TypeScript', 'NestJS', 'PostgreSQL'], languageRequirements: [{ language: 'EN', proficiency: null }] });
		const cand = (await kit.api.get(`/candidates/${pool.id}`)).data.data;
		expect(cand.jobIds).toEqual([jobId]);
		expect(cand.interviewCount).toBe(1);
	});

	it('inline candidate + GENERIC agent and no job: pool candidate, interview without jobId', async () => {
		const res = await post({ candidate: inlineCandidate(), agentId: generic.id });
		expectOk(res, 201);
		expect('jobId' in res.data.data).toBe(false);
		const cand = (await kit.api.get(`/candidates/${res.data.data.candidateId}`)).data.data;
		expect(cand).toMatchObject({ firstName: 'Jane', lastName: 'Doe', jobIds: [], jobId: null, status: 'APPLIED', interviewCount: 1, analysisCount: 0 });
	});

	it('inline candidate + candidate.jobId: candidate linked to the job', async () => {
		const res = await post({ candidate: inlineCandidate({ jobId: job2.id }), agentId: screening.id });
		expectOk(res, 201);
		expect(res.data.data.jobId).toBe(job2.id);
		const cand = (await kit.api.get(`/candidates/${res.data.data.candidateId}`)).data.data;
		expect(cand.jobIds).toEqual([job2.id]);
	});

	it('inline candidate + top-level jobId', async () => {
		const res = await post({ candidate: inlineCandidate(), jobId: job1.id, agentId: screening.id });
		expectOk(res, 201);
		const cand = (await kit.api.get(`/candidates/${res.data.data.candidateId}`)).data.data;
		expect(cand.jobIds).toEqual([job1.id]);
	});

	it('inline candidate + inline job: both persisted, linked, listed', async () => {
		const res = await post({ candidate: inlineCandidate(), job: inlineJob(), agentId: screening.id });
		expectOk(res, 201);
		const { candidateId, jobId } = res.data.data;
		const cands = (await kit.api.get('/candidates', { params: { jobId } })).data.data;
		expect(cands.data.map((c: { id: string }) => c.id)).toEqual([candidateId]);
		const jobs = (await kit.api.get('/jobs')).data.data.data;
		expect(jobs.map((j: { id: string }) => j.id)).toContain(jobId);
		const ivs = (await kit.api.get('/interviews', { params: { candidateId } })).data.data;
		expect(ivs.total).toBe(1);
	});

	it("the seed page's own examples succeed verbatim (clock set to just before their scheduleTime)", async () => {
		await kit.emu.control.setClock('2024-01-19T14:00:00Z');
		const existing = kit.emu.state.createCandidate({ jobIds: [] });
		const res = await post({
			candidateId: existing.id,
			job: {
				jobTitle: 'Senior Backend Engineer',
				jobDescription: 'We are looking for a senior engineer...',
				requiredSkills: ['TypeScript', 'NestJS', 'PostgreSQL'],
				niceToHaveSkills: ['Redis', 'AWS'],
				languages: ['EN'],
				experience: 'SENIOR',
				contractType: 'FULL_TIME',
			},
			agentId: screening.id,
			scheduleTime: '2024-01-20T14:00:00Z',
		});
		expectOk(res, 201);
		expect(res.data.data.scheduledAt).toBe('2024-01-20T14:00:00.000Z');
		// inline + inline (the page's email is an obfuscated placeholder, so a real one is used)
		const both = await post({
			candidate: { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', phoneNumber: '+1234567890', gdprExpiryDate: '2026-11-16' },
			job: inlineJob(),
			agentId: screening.id,
			scheduleTime: '2024-01-20T14:00:00Z',
		});
		expectOk(both, 201);
	});

	it('isTest: completes immediately with a COMPLETED analysis; counts updated', async () => {
		const res = await post({ candidateId: oneJob.id, agentId: screening.id, isTest: true, metadata: { externalInterviewId: 'INT-789' } });
		expectOk(res, 201);
		const iv = res.data.data;
		expect(iv.status).toBe('COMPLETED');
		expect(iv.isTest).toBe(true);
		expect(iv.finishedDate).not.toBeNull();
		expect(iv.analysis.general.status).toBe(3);
		expect(typeof iv.analysis.general.overallRating).toBe('number');
		expect(iv.metadata).toEqual({ externalInterviewId: 'INT-789' });
		const cand = (await kit.api.get(`/candidates/${oneJob.id}`)).data.data;
		expect(cand.analysisCount).toBe(1);
		expect(cand.overallRating).toBe(iv.analysis.general.overallRating);
	});

	it('PHONE agent: one SCHEDULED OUTBOUND call attempt', async () => {
		const res = await post({ candidateId: oneJob.id, agentId: phone.id });
		expectOk(res, 201);
		expect(res.data.data.callAttempts).toHaveLength(1);
		expect(res.data.data.callAttempts[0]).toMatchObject({ status: 'SCHEDULED', direction: 'OUTBOUND' });
	});

	it('inline agent is validated and persisted', async () => {
		const res = await post({ candidateId: oneJob.id, agent: { name: 'Inline agent', type: 'ONLINE', focus: 'SCREENING', language: 'SK', duration: 30 } });
		expectOk(res, 201);
		const agent = (await kit.api.get(`/agents/${res.data.data.agentId}`)).data.data;
		expect(agent).toMatchObject({ name: 'Inline agent', language: 'SK', duration: 30 });
	});
});

describe('XOR and combination rules', () => {
	it('neither candidateId nor candidate', async () => expect400(await post({ agentId: screening.id }), 'candidateId'));
	it('both candidateId and candidate', async () => expect400(await post({ candidateId: pool.id, candidate: inlineCandidate(), agentId: generic.id }), 'candidateId'));
	it('neither agentId nor agent', async () => expect400(await post({ candidateId: oneJob.id }), 'agentId'));
	it('both agentId and agent', async () =>
		expect400(await post({ candidateId: oneJob.id, agentId: screening.id, agent: { name: 'X agent', type: 'ONLINE', focus: 'SCREENING', language: 'EN', duration: 10 } }), 'agentId'));
	it('jobId and job together', async () => expect400(await post({ candidateId: oneJob.id, agentId: screening.id, jobId: job1.id, job: inlineJob() }), 'jobId'));
	it('candidate.jobId with top-level jobId', async () => expect400(await post({ candidate: inlineCandidate({ jobId: job1.id }), jobId: job1.id, agentId: screening.id }), 'candidate.jobId'));
	it('candidate.jobId with job', async () => expect400(await post({ candidate: inlineCandidate({ jobId: job1.id }), job: inlineJob(), agentId: screening.id }), 'candidate.jobId'));
	it('unknown top-level field (e.g. scheduledAt) is rejected', async () => {
		const t = new Date(kit.emu.state.nowMs() + 3600000).toISOString();
		expect400(await post({ candidateId: oneJob.id, agentId: screening.id, scheduledAt: t }), 'scheduledAt');
		expect400(await post({ candidateId: oneJob.id, agentId: screening.id, foo: 1 }), 'foo');
	});
	it('reports every failing field at once and persists nothing', async () => {
		const before = kit.emu.state.summary().counts;
		const res = await post({ candidate: inlineCandidate({ firstName: '', phoneNumber: '123' }), agentId: 'nope', job: inlineJob({ jobTitle: 'abc' }) });
		expect(res.status).toBe(400);
		const f = res.data.error.details.fields.map((x: { field: string }) => x.field);
		expect(f).toEqual(expect.arrayContaining(['candidate.firstName', 'candidate.phoneNumber', 'agentId', 'job.jobTitle']));
		expect({ ...kit.emu.state.summary().counts, requests: 0 }).toEqual({ ...before, requests: 0 });
	});
	it('resolveJobSource precedence: job > jobId > candidate.jobId', () => {
		expect(resolveJobSource({ job: { title: 'x' }, jobId: 'a', candidateJobId: 'b' }).kind).toBe('inline');
		expect(resolveJobSource({ jobId: 'a', candidateJobId: 'b' })).toEqual({ kind: 'id', id: 'a', field: 'jobId' });
		expect(resolveJobSource({ candidateJobId: 'b' })).toEqual({ kind: 'id', id: 'b', field: 'candidate.jobId' });
		expect(resolveJobSource({}).kind).toBe('none');
	});
});

describe('references and job resolution', () => {
	const missing = '3f1e8b6a-1111-4222-8333-944455556666';
	it('unknown candidateId → 404 Candidate', async () => expect404(await post({ candidateId: missing, agentId: screening.id }), 'Candidate', missing));
	it('unknown agentId → 404 Agent', async () => expect404(await post({ candidateId: oneJob.id, agentId: missing }), 'Agent', missing));
	it('unknown jobId → 404 Job', async () => expect404(await post({ candidateId: oneJob.id, agentId: screening.id, jobId: missing }), 'Job', missing));
	it('unknown candidate.jobId → 404 Job', async () => expect404(await post({ candidate: inlineCandidate({ jobId: missing }), agentId: screening.id }), 'Job', missing));
	it("another company's candidate → 404", async () => {
		const other = kit.emu.state.createCandidate({ companyId: '9a9a9a9a-0000-4000-8000-000000000009' });
		expect404(await post({ candidateId: other.id, agentId: screening.id }), 'Candidate');
	});
	it('non-UUID ids → 400', async () => expect400(await post({ candidateId: 'candidate-uuid', agentId: screening.id }), 'candidateId'));
	it('candidate with several jobs and no jobId (non-GENERIC) → 400 asking for jobId', async () => {
		const res = await post({ candidateId: twoJobs.id, agentId: screening.id });
		expect400(res, 'jobId');
		expect(res.data.error.message).toMatch(/specify jobId/);
	});
	it('pool candidate, SCREENING, no job → 400', async () => expect400(await post({ candidateId: pool.id, agentId: screening.id }), 'jobId'));
	it("jobId not among the candidate's jobIds → 400", async () => expect400(await post({ candidateId: oneJob.id, jobId: job2.id, agentId: screening.id }), 'jobId'));
	it('GENERIC with a job → 400; GENERIC with a candidate that has jobs → 400', async () => {
		expect400(await post({ candidate: inlineCandidate(), jobId: job1.id, agentId: generic.id }), 'jobId');
		expect400(await post({ candidateId: oneJob.id, agentId: generic.id }), 'candidateId');
	});
	it('inline candidate without any job for a SCREENING agent → 400', async () => expect400(await post({ candidate: inlineCandidate(), agentId: screening.id }), 'jobId'));
	it('PHONE interview for a candidate without phoneNumber → 400', async () => expect400(await post({ candidateId: twoJobs.id, jobId: job1.id, agentId: phone.id }), 'candidateId'));
});

describe('scheduleTime', () => {
	const at = (ms: number) => new Date(kit.emu.state.nowMs() + ms).toISOString();
	const base = () => ({ candidateId: oneJob.id, agentId: screening.id });
	it('not a date-time → 400', async () => {
		expect400(await post({ ...base(), scheduleTime: 'tomorrow' }), 'scheduleTime');
		expect400(await post({ ...base(), scheduleTime: '2030-02-30T10:00:00Z' }), 'scheduleTime');
		expect400(await post({ ...base(), scheduleTime: 12345 }), 'scheduleTime');
	});
	it('in the past → 400 (no grace)', async () => expect400(await post({ ...base(), scheduleTime: at(-2000) }), 'scheduleTime'));
	it('more than 30 days ahead → 400; 29 days is fine', async () => {
		expect400(await post({ ...base(), scheduleTime: at(30 * 86400000 + 60000) }), 'scheduleTime');
		expectOk(await post({ ...base(), scheduleTime: at(29 * 86400000) }), 201);
	});
	it('explicit offsets are honoured; no offset means UTC', async () => {
		await kit.emu.control.setClock('2030-01-10T00:00:00Z');
		const a = await post({ ...base(), scheduleTime: '2030-01-12T10:00:00+02:00' });
		expect(a.data.data.scheduledAt).toBe('2030-01-12T08:00:00.000Z');
		const b = await post({ ...base(), scheduleTime: '2030-01-12T10:00:00' });
		expect(b.data.data.scheduledAt).toBe('2030-01-12T10:00:00.000Z');
	});
});

describe('inline candidate rules', () => {
	const withCand = (extra: Record<string, unknown>, drop: string[] = []) => {
		const c: Record<string, unknown> = inlineCandidate(extra);
		for (const d of drop) delete c[d];
		return post({ candidate: c, agentId: generic.id });
	};
	it('firstName required, 1–100', async () => {
		expect400(await withCand({}, ['firstName']), 'candidate.firstName');
		expect400(await withCand({ firstName: '' }), 'candidate.firstName');
		expect400(await withCand({ lastName: 'x'.repeat(101) }), 'candidate.lastName');
	});
	it('gdprExpiryDate required, YYYY-MM-DD, strictly in the future', async () => {
		expect400(await withCand({}, ['gdprExpiryDate']), 'candidate.gdprExpiryDate');
		expect400(await withCand({ gdprExpiryDate: `${dateIn(kit, 30)}T00:00:00Z` }), 'candidate.gdprExpiryDate');
		expect400(await withCand({ gdprExpiryDate: dateIn(kit, 0) }), 'candidate.gdprExpiryDate');
		expect400(await withCand({ gdprExpiryDate: '2031-13-01' }), 'candidate.gdprExpiryDate');
		expectOk(await withCand({ gdprExpiryDate: dateIn(kit, 1) }), 201);
	});
	it('email or phoneNumber: at least one, each valid', async () => {
		expect400(await withCand({}, ['email', 'phoneNumber']), 'candidate.email');
		expect400(await withCand({ email: '[email protected]' }), 'candidate.email');
		expect400(await withCand({ phoneNumber: '0901 234 567' }), 'candidate.phoneNumber');
		expect400(await withCand({ phoneNumber: '+0123456' }), 'candidate.phoneNumber');
		expectOk(await withCand({}, ['email']), 201);
		expectOk(await withCand({}, ['phoneNumber']), 201);
	});
	it('candidate.jobId must be a UUID; jobIds is not an inline field', async () => {
		expect400(await withCand({ jobId: 'job-uuid' }), 'candidate.jobId');
		expect400(await withCand({ jobIds: [job1.id] }), 'candidate.jobIds');
	});
	it('metadata limits: 10 KB, 5 levels, 50 keys', async () => {
		expect400(await withCand({ metadata: { big: 'x'.repeat(10300) } }), 'candidate.metadata');
		expect400(await withCand({ metadata: { a: { b: { c: { d: { e: { f: 1 } } } } } } }), 'candidate.metadata');
		const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
		expect400(await withCand({ metadata: many }), 'candidate.metadata');
		expectOk(await withCand({ metadata: { a: { b: { c: { d: { e: 1 } } } }, resumeUrl: 'https://x.example/cv.pdf' } }), 201);
	});
});

describe('inline job rules', () => {
	const withJob = (extra: Record<string, unknown>, drop: string[] = []) => {
		const j: Record<string, unknown> = inlineJob(extra);
		for (const d of drop) delete j[d];
		return post({ candidateId: pool.id, agentId: screening.id, job: j });
	};
	it('jobTitle required, 5–200', async () => {
		expect400(await withJob({}, ['jobTitle']), 'job.jobTitle');
		expect400(await withJob({ jobTitle: 'Dev' }), 'job.jobTitle');
		expect400(await withJob({ jobTitle: 'x'.repeat(201) }), 'job.jobTitle');
	});
	it('jobDescription optional, 10–5000 when present', async () => {
		expect400(await withJob({ jobDescription: 'short' }), 'job.jobDescription');
		expectOk(await withJob({}, ['jobDescription']), 201);
	});
	it('skills: ≤10 each, ≤10 combined, non-empty, ≤128 chars', async () => {
		const n = (k: number) => Array.from({ length: k }, (_, i) => `Skill ${i}`);
		expect400(await withJob({ requiredSkills: n(11), niceToHaveSkills: [] }), 'job.requiredSkills');
		expect400(await withJob({ requiredSkills: n(6), niceToHaveSkills: n(5) }), 'job.niceToHaveSkills');
		expect400(await withJob({ requiredSkills: [''] }), 'job.requiredSkills[0]');
		expect400(await withJob({ niceToHaveSkills: ['x'.repeat(129)] }), 'job.niceToHaveSkills[0]');
		expectOk(await withJob({ requiredSkills: n(5), niceToHaveSkills: n(5) }), 201);
	});
	it('education from the complete list only', async () => {
		expect400(await withJob({ education: ['BACHELORS'] }), 'job.education[0]');
		expectOk(await withJob({ education: ['BACHELOR_LEVEL', 'POSTGRADUATE'] }), 201);
	});
	it('languages: upper-case codes', async () => expect400(await withJob({ languages: ['en'] }), 'job.languages[0]'));
	it('experience / contractType: any upper-case identifier, nothing else', async () => {
		expect400(await withJob({ experience: 'senior' }), 'job.experience');
		expect400(await withJob({ contractType: 'Full time' }), 'job.contractType');
		expectOk(await withJob({ experience: 'MORE_THAN_15_YEARS', contractType: 'PART_TIME' }), 201);
	});
	it('location and salary', async () => {
		expect400(await withJob({ location: { workMode: 'REMOTE', countryCode: 'SVK' } }), 'job.location.countryCode');
		expect400(await withJob({ location: { workMode: 'remote' } }), 'job.location.workMode');
		expect400(await withJob({ location: { town: 'Bratislava' } }), 'job.location.town');
		expect400(await withJob({ salary: { min: 100, max: 50, currency: 'EUR', period: 'YEARLY' } }), 'job.salary.min');
		expect400(await withJob({ salary: { min: 1, max: 5, currency: 'eur' } }), 'job.salary.currency');
		expectOk(await withJob({ location: { workMode: 'ON_SITE', street: 'Hlavna 1', city: 'Bratislava', postalCode: '81101', countryCode: 'SK' }, salary: { min: 1, max: 5, currency: 'EUR', period: 'MONTHLY' } }), 201);
	});
	it('POST /jobs field names (title, description) are rejected in the inline job', async () => {
		const res = await withJob({ title: 'Senior Backend Engineer', description: 'We are looking for someone' }, ['jobTitle']);
		expect400(res, 'job.title');
		expect400(res, 'job.jobTitle');
	});
});

describe('inline agent rules', () => {
	const agent = (extra: Record<string, unknown>, drop: string[] = []) => {
		const a: Record<string, unknown> = { name: 'Inline', type: 'ONLINE', focus: 'SCREENING', language: 'EN', duration: 20, ...extra };
		for (const d of drop) delete a[d];
		return post({ candidateId: oneJob.id, agent: a });
	};
	it('name 2–100', async () => expect400(await agent({ name: 'A' }), 'agent.name'));
	it('type, focus, language enums', async () => {
		expect400(await agent({ type: 'VIDEO' }), 'agent.type');
		expect400(await agent({ focus: 'TECHNICAL' }), 'agent.focus');
		expect400(await agent({ language: 'XX' }), 'agent.language');
		expect400(await agent({}, ['language']), 'agent.language');
	});
	it('duration integer 1–180', async () => {
		expect400(await agent({ duration: 0 }), 'agent.duration');
		expect400(await agent({ duration: 181 }), 'agent.duration');
		expect400(await agent({ duration: 2.5 }), 'agent.duration');
	});
	it('PHONE needs an existing companyPhoneNumberId', async () => {
		expect400(await agent({ type: 'PHONE' }), 'agent.companyPhoneNumberId');
		expect404(await agent({ type: 'PHONE', companyPhoneNumberId: '3f1e8b6a-1111-4222-8333-944455556666' }), 'PhoneNumber');
		expectOk(await agent({ type: 'PHONE', companyPhoneNumberId: kit.emu.state.phoneNumbers.keys().next().value }), 201);
	});
	it('top-level metadata must be an object within limits', async () => {
		expect400(await post({ candidateId: oneJob.id, agentId: screening.id, metadata: ['x'] }), 'metadata');
		expect400(await post({ candidateId: oneJob.id, agentId: screening.id, isTest: 'yes' }), 'isTest');
	});
});
