/** The trigger's items say who and which job, read within the poll's request budget. */
import { advance, parameters, TriggerHarness, useTriggerEmulator } from './trigger/harness';

const FAST = { perMinute: 100000, perHour: 1000000, windowMs: 60000 };
const ctx = useTriggerEmulator({ rateLimit: FAST });
const emu = () => ctx.emulator;

function completedFor(firstName: string, jobId: string) {
	const candidate = emu().state.createCandidate({ firstName, lastName: 'Tester', email: `${firstName.toLowerCase()}@example.com`, jobIds: [jobId] });
	const interview = emu().state.createInterview({ candidateId: candidate.id, jobId });
	return { candidate, interview };
}

describe('InstaView Trigger: candidate and job details', () => {
	test('items carry name, email, status and job title; each candidate and job is read once per poll, within the budget', async () => {
		const job = emu().state.createJob({ title: 'Warehouse Team Lead' });
		const trigger = new TriggerHarness(emu(), parameters({ options: { maxRequests: 10 } }));
		expect((await trigger.poll()).returnedNull).toBe(true);
		const ana = completedFor('Ana', job.id);
		const ben = completedFor('Ben', job.id);
		const second = emu().state.createInterview({ candidateId: ana.candidate.id, jobId: job.id });
		for (const interview of [ana.interview, ben.interview, second]) advance(emu(), interview.id, { status: 'COMPLETED', analysisStatus: 3, overallRating: 72 });
		await emu().control.clearRequests();

		const emitted = [];
		for (let poll = 0; poll < 5 && emitted.length < 3; poll++) {
			await emu().control.clearRequests();
			const result = await trigger.poll();
			expect(result.error).toBeUndefined();
			emitted.push(...result.items);
			expect((await emu().control.requests()).length).toBeLessThanOrEqual(10);
		}
		expect(emitted).toHaveLength(3);
		for (const item of emitted) {
			expect(item.json).toMatchObject({ event: 'analysis.completed', overallRating: 72, jobTitle: 'Warehouse Team Lead', candidateStatus: 'APPLIED' });
			expect(Object.keys(item.json).slice(0, 3)).toEqual(['event', 'status', 'analysisStatus']);
		}
		expect(emitted.map((item) => item.json.candidateName).sort()).toEqual(['Ana Tester', 'Ana Tester', 'Ben Tester']);
		expect(emitted.find((item) => item.json.candidateName === 'Ben Tester')?.json.candidateEmail).toBe('ben@example.com');
	});

	test('reads are not repeated within a poll, and turning the option off sends none', async () => {
		const job = emu().state.createJob({ title: 'Data Analyst' });
		const withDetails = new TriggerHarness(emu(), parameters());
		const without = new TriggerHarness(emu(), parameters({ options: { addDetails: false } }));
		await withDetails.poll();
		await without.poll();
		const a = completedFor('Cleo', job.id);
		const again = emu().state.createInterview({ candidateId: a.candidate.id, jobId: job.id });
		for (const interview of [a.interview, again]) advance(emu(), interview.id, { status: 'COMPLETED', analysisStatus: 3, overallRating: 90 });

		await emu().control.clearRequests();
		expect((await withDetails.poll()).items).toHaveLength(2);
		const reads = (await emu().control.requests()).map((request) => request.path);
		expect(reads.filter((path) => path === `/candidates/${a.candidate.id}`)).toHaveLength(1);
		expect(reads.filter((path) => path === `/jobs/${job.id}`)).toHaveLength(1);

		await emu().control.clearRequests();
		const plain = await without.poll();
		expect(plain.items).toHaveLength(2);
		expect(plain.items[0].json.candidateName).toBeUndefined();
		const plainReads = (await emu().control.requests()).map((request) => request.path);
		expect(plainReads.filter((path) => path.startsWith('/jobs/') || path === `/candidates/${a.candidate.id}`)).toEqual([]);
	});

	test('the test event carries the details too', async () => {
		const job = emu().state.createJob({ title: 'Night Shift Nurse' });
		const done = completedFor('Dana', job.id);
		advance(emu(), done.interview.id, { status: 'COMPLETED', analysisStatus: 3, overallRating: 64 });
		const result = await new TriggerHarness(emu(), parameters({ scope: 'candidate', candidateId: done.candidate.id })).poll('manual');
		expect(result.items[0].json).toMatchObject({ candidateName: 'Dana Tester', jobTitle: 'Night Shift Nurse', overallRating: 64 });
	});
});
