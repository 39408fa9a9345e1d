import { apiRequests, DEMO_IDS, interviewParameters, runInstaview, useEmulator } from '../../../../helpers/instaview';

const ctx = useEmulator();

async function phoneInterview() {
	const agent = await ctx.emulator.control.createAgent({ name: 'Phone screening', type: 'PHONE', focus: 'SCREENING' });
	const interview = await ctx.emulator.control.createInterview({ candidateId: DEMO_IDS.candidates.jane, agentId: agent.id, jobId: DEMO_IDS.jobs.backend });
	await ctx.emulator.control.clearRequests();
	return interview;
}

describe('call attempts of phone interviews', () => {
	test('Schedule Call Attempt as soon as possible sends scheduledAt null', async () => {
		const interview = await phoneInterview();
		const { output, error } = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('scheduleCallAttempt', { interviewId: interview.id, callWhen: 'asap' }),
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ interviewId: interview.id, scheduledAt: null, success: true });
		const [post] = await apiRequests(ctx.emulator, 'POST');
		expect(post.body).toEqual({ scheduledAt: null });
		expect(ctx.emulator.state.interviews.get(interview.id)?.callAttempts.filter((a) => a.status === 'SCHEDULED')).toHaveLength(1);
	});

	test('Reschedule Call Attempt moves a scheduled attempt, with an explicit offset', async () => {
		const interview = await phoneInterview();
		const attemptId = interview.callAttempts[0].id;
		const when = new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 16);
		const { output, error } = await runInstaview(ctx.emulator, {
			timezone: 'Europe/Bratislava',
			parameters: interviewParameters('rescheduleCallAttempt', { interviewId: interview.id, attemptId, scheduledAt: when }),
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ rescheduled: true, attemptId, scheduledAt: expect.stringMatching(/\+0[12]:00$/) });
		const [patch] = await apiRequests(ctx.emulator, 'PATCH');
		expect(patch.path).toBe(`/interviews/${interview.id}/call-attempts/${attemptId}`);
	});

	test('Delete Call Attempt removes it', async () => {
		const interview = await phoneInterview();
		const attemptId = interview.callAttempts[0].id;
		const { output, error } = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('deleteCallAttempt', { interviewId: interview.id, attemptId }),
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({ deleted: true, interviewId: interview.id, attemptId });
		expect(ctx.emulator.state.interviews.get(interview.id)?.callAttempts.find((a) => a.id === attemptId)).toBeUndefined();
	});

	test('an online interview gets InstaView\'s refusal, explained', async () => {
		const { error } = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('scheduleCallAttempt', { interviewId: DEMO_IDS.interviews.mariaScreening, callWhen: 'asap' }),
		});
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toMatch(/^InstaView rejected the request/);
	});

	test('a past reschedule time is refused before any request', async () => {
		const { error } = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('rescheduleCallAttempt', {
				interviewId: DEMO_IDS.interviews.mariaScreening,
				attemptId: DEMO_IDS.interviews.mariaScreening,
				scheduledAt: '2020-01-01T10:00:00',
			}),
		});
		expect(error?.message).toMatch(/^New Time/);
		expect(await apiRequests(ctx.emulator)).toHaveLength(0);
	});
});
