import { apiRequests, byId, DEMO_IDS, interviewParameters, runInstaview, useEmulator } from '../../../../helpers/instaview';
import type { ListShape } from '../../../../emulator';

const ctx = useEmulator();

async function seedInterviews(count: number): Promise<string> {
	const candidate = await ctx.emulator.control.createCandidate({ firstName: 'Many', lastName: 'Interviews', jobIds: [DEMO_IDS.jobs.backend] });
	for (let i = 0; i < count; i++) {
		await ctx.emulator.control.createInterview({ candidateId: candidate.id, agentId: DEMO_IDS.agents.screening, jobId: DEMO_IDS.jobs.backend });
	}
	await ctx.emulator.control.clearRequests();
	return candidate.id;
}

describe('Interview → Get', () => {
	test('returns the interview with its analysis, simplified for a recruiter', async () => {
		const { output, error } = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('get', { interviewId: DEMO_IDS.interviews.janeScreening, simplify: true }),
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({
			id: DEMO_IDS.interviews.janeScreening,
			candidateId: DEMO_IDS.candidates.jane,
			status: 'COMPLETED',
			analysisId: DEMO_IDS.analyses.jane,
			analysisStatus: 'COMPLETED',
			overallRating: 85,
		});
		expect(Array.isArray(output[0].json.strongPoints)).toBe(true);
		expect(output[0].json.callAttempts).toBeUndefined();
	});

	test('raw output keeps call attempts and the full analysis', async () => {
		const { output } = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('get', { interviewId: DEMO_IDS.interviews.janeScreening, simplify: false }),
		});
		expect(output[0].json).toHaveProperty('callAttempts');
		expect(output[0].json).toMatchObject({ analysis: { id: DEMO_IDS.analyses.jane, general: { status: 3, overallRating: 85 } } });
	});

	test('an unknown interview names the interview in a 404', async () => {
		const id = '00000000-0000-4000-8000-00000000dead';
		const { error } = await runInstaview(ctx.emulator, { parameters: interviewParameters('get', { interviewId: id, simplify: true }) });
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toContain(id);
	});
});

describe.each<ListShape>(['nested', 'items', 'flat'])('Interview → Get Many with the "%s" list shape', (shape) => {
	beforeEach(() => ctx.emulator.control.setOptions({ listShape: shape }));

	test('Return All reads 3 full pages at the maximum page size, then stops', async () => {
		const candidateId = await seedInterviews(250);
		const { output, error } = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('getAll', { candidateId: byId(candidateId), returnAll: true, filters: {}, simplify: true, addDetails: false }),
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(250);
		expect(new Set(output.map((item) => item.json.id)).size).toBe(250);
		const requests = await apiRequests(ctx.emulator);
		expect(requests.map((r) => [r.query.page, r.query.limit])).toEqual([['1', '100'], ['2', '100'], ['3', '100']]);
		expect(requests.every((r) => r.query.candidateId === candidateId)).toBe(true);
	});

	test('a Limit falling mid-page stops after the page that reaches it', async () => {
		const candidateId = await seedInterviews(320);
		const { output } = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('getAll', { candidateId: byId(candidateId), returnAll: false, limit: 250, filters: {}, simplify: false, addDetails: false }),
		});
		expect(output).toHaveLength(250);
		expect(await apiRequests(ctx.emulator)).toHaveLength(3);
	});
});

describe('Interview → Get Many', () => {
	test('a small Limit asks for just that many', async () => {
		const candidateId = await seedInterviews(30);
		const { output } = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('getAll', { candidateId: byId(candidateId), returnAll: false, limit: 5, filters: {}, simplify: true }),
		});
		expect(output).toHaveLength(5);
		const [request] = await apiRequests(ctx.emulator);
		expect(request.query).toMatchObject({ page: '1', limit: '5' });
	});

	test('agent and status filters are sent to InstaView', async () => {
		const { output } = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('getAll', {
				candidateId: byId(DEMO_IDS.candidates.jane),
				returnAll: true,
				filters: { agentId: DEMO_IDS.agents.screening, status: 'COMPLETED' },
				simplify: true,
			}),
		});
		expect(output.length).toBeGreaterThan(0);
		expect(output.every((item) => item.json.status === 'COMPLETED')).toBe(true);
		const [request] = await apiRequests(ctx.emulator);
		expect(request.query).toMatchObject({ agentId: DEMO_IDS.agents.screening, status: 'COMPLETED' });
	});

	test('the agent filter accepts the picker\'s value as well as a plain ID, and refuses a malformed one before sending', async () => {
		const run = (agentId: unknown) =>
			runInstaview(ctx.emulator, {
				parameters: interviewParameters('getAll', { candidateId: byId(DEMO_IDS.candidates.jane), returnAll: true, filters: { agentId }, simplify: true }),
			});
		await run({ __rl: true, mode: 'list', value: DEMO_IDS.agents.screening });
		expect((await apiRequests(ctx.emulator))[0].query.agentId).toBe(DEMO_IDS.agents.screening);
		await ctx.emulator.control.clearRequests();
		const { error } = await run({ __rl: true, mode: 'id', value: 'not-an-id' });
		expect(error?.message).toMatch(/Agent/);
		expect(await apiRequests(ctx.emulator)).toHaveLength(0);
	});

	test('every item is paired with the input row that asked for it', async () => {
		const { output } = await runInstaview(ctx.emulator, {
			items: [{ json: {} }, { json: {} }],
			parameters: [DEMO_IDS.candidates.jane, DEMO_IDS.candidates.john].map((id) =>
				interviewParameters('getAll', { candidateId: byId(id), returnAll: true, filters: {}, simplify: true }),
			),
		});
		expect(output.map((item) => [item.json.candidateId, item.pairedItem])).toEqual([
			[DEMO_IDS.candidates.jane, { item: 0 }],
			[DEMO_IDS.candidates.john, { item: 1 }],
		]);
	});
});

describe('Interview → Delete', () => {
	test('outputs { deleted: true, id } and the interview is gone', async () => {
		const id = DEMO_IDS.interviews.mariaScreening;
		const { output, error } = await runInstaview(ctx.emulator, { parameters: interviewParameters('delete', { interviewId: id }) });
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({ deleted: true, id });
		const again = await runInstaview(ctx.emulator, { parameters: interviewParameters('get', { interviewId: id, simplify: true }) });
		expect(again.error?.httpCode).toBe('404');
	});

	test('accepts the bare `true` body of the API reference', async () => {
		await ctx.emulator.control.setOptions({ bareResponses: true });
		const id = DEMO_IDS.interviews.mariaScreening;
		const { output } = await runInstaview(ctx.emulator, { parameters: interviewParameters('delete', { interviewId: id }) });
		await ctx.emulator.control.setOptions({ bareResponses: false });
		expect(output[0].json).toEqual({ deleted: true, id });
	});

	test('a lost answer to a DELETE that went through is retried and reported as deleted, not as a 404', async () => {
		const id = DEMO_IDS.interviews.mariaScreening;
		await ctx.emulator.control.addFault({ method: 'DELETE', path: `/interviews/${id}`, dropAfterProcessing: true });
		const { output, error } = await runInstaview(ctx.emulator, { parameters: interviewParameters('delete', { interviewId: id }) });
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({ deleted: true, id });
		expect(await apiRequests(ctx.emulator, 'DELETE')).toHaveLength(2);
	});
});

describe('Interview → Get Analysis PDF', () => {
	test('puts the PDF into the chosen binary field', async () => {
		const id = DEMO_IDS.interviews.janeScreening;
		const { output, error } = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('getAnalysisPdf', { interviewId: id, binaryPropertyName: 'report' }),
		});
		expect(error).toBeUndefined();
		const binary = output[0].binary?.report;
		expect(binary).toMatchObject({ mimeType: 'application/pdf', fileName: `instaview-analysis-${id}.pdf` });
		const pdf = Buffer.from(binary?.data ?? '', 'base64').toString('latin1');
		expect(pdf.startsWith('%PDF-')).toBe(true);
		expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
		expect(output[0].json).toMatchObject({ interviewId: id, fileSize: pdf.length });
	});

	test('says clearly when the analysis is not ready yet', async () => {
		const { error } = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('getAnalysisPdf', { interviewId: DEMO_IDS.interviews.peterScreening, binaryPropertyName: 'data' }),
		});
		expect(error?.message).toBe(`The analysis PDF of interview ${DEMO_IDS.interviews.peterScreening} is not available`);
		expect(error?.description).toMatch(/analysis has not completed yet/);
		expect(error?.httpCode).toBe('404');
	});
});

describe('Candidate and job details', () => {
	test('Get adds who and which job; each distinct candidate and job is read once per execution', async () => {
		const interviewIds = [DEMO_IDS.interviews.janeScreening, DEMO_IDS.interviews.janeScreening, DEMO_IDS.interviews.johnScreening];
		const { output, error } = await runInstaview(ctx.emulator, {
			items: interviewIds.map(() => ({ json: {} })),
			parameters: interviewIds.map((interviewId) => interviewParameters('get', { interviewId, simplify: true })),
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ candidateName: 'Jane Doe', candidateEmail: 'jane.doe@example.com', jobTitle: 'Senior Backend Engineer' });
		expect(output[2].json.candidateName).toMatch(/^John /);
		const paths = (await apiRequests(ctx.emulator)).map((request) => request.path);
		expect(paths.filter((path) => path === `/candidates/${DEMO_IDS.candidates.jane}`)).toHaveLength(1);
		expect(paths.filter((path) => path === `/jobs/${DEMO_IDS.jobs.backend}`)).toHaveLength(1);
	});

	test('a new execution reads again (the cache lives for one execution only)', async () => {
		const run = () => runInstaview(ctx.emulator, { parameters: interviewParameters('get', { interviewId: DEMO_IDS.interviews.janeScreening }) });
		await run();
		await run();
		const paths = (await apiRequests(ctx.emulator)).map((request) => request.path);
		expect(paths.filter((path) => path === `/candidates/${DEMO_IDS.candidates.jane}`)).toHaveLength(2);
	});

	test('raw output gets the same fields next to the API\'s; off sends no extra request', async () => {
		const raw = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('get', { interviewId: DEMO_IDS.interviews.janeScreening, simplify: false }),
		});
		expect(raw.output[0].json).toMatchObject({ analysis: { id: DEMO_IDS.analyses.jane }, candidateName: 'Jane Doe' });
		await ctx.emulator.control.clearRequests();
		const off = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('get', { interviewId: DEMO_IDS.interviews.janeScreening, addDetails: false }),
		});
		expect(off.output[0].json.candidateName).toBeUndefined();
		expect(await apiRequests(ctx.emulator)).toHaveLength(1);
	});

	test('Get Many of 250 interviews of one candidate costs one candidate read and one job read', async () => {
		const candidateId = await seedInterviews(250);
		const { output } = await runInstaview(ctx.emulator, {
			parameters: interviewParameters('getAll', { candidateId: byId(candidateId), returnAll: true, filters: {} }),
		});
		expect(output.every((item) => item.json.candidateName === 'Many Interviews' && item.json.jobTitle === 'Senior Backend Engineer')).toBe(true);
		const paths = (await apiRequests(ctx.emulator)).map((request) => request.path);
		expect(paths).toEqual(['/interviews', '/interviews', '/interviews', `/candidates/${candidateId}`, `/jobs/${DEMO_IDS.jobs.backend}`]);
	});

	test('a deleted candidate does not cost the interview: details are null with the reason', async () => {
		await runInstaview(ctx.emulator, { parameters: interviewParameters('get', { interviewId: DEMO_IDS.interviews.janeScreening }) });
		ctx.emulator.state.candidates.get(DEMO_IDS.candidates.jane)!.deletedAt = new Date().toISOString();
		const { output, error } = await runInstaview(ctx.emulator, { parameters: interviewParameters('get', { interviewId: DEMO_IDS.interviews.janeScreening }) });
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ overallRating: 85, candidateName: null, jobTitle: 'Senior Backend Engineer' });
		expect(output[0].json.detailsError).toMatch(/candidate/);
	});
});

describe('Get Analysis PDF: input fields and tool use', () => {
	test('Keep Input Fields keeps the incoming item\'s JSON next to the binary', async () => {
		const { output } = await runInstaview(ctx.emulator, {
			items: [{ json: { externalInterviewId: 'INT-789', candidateName: 'Jane Doe' } }],
			parameters: interviewParameters('getAnalysisPdf', { interviewId: DEMO_IDS.interviews.janeScreening, binaryPropertyName: 'data', keepInputFields: true }),
		});
		expect(output[0].json).toMatchObject({ externalInterviewId: 'INT-789', candidateName: 'Jane Doe', interviewId: DEMO_IDS.interviews.janeScreening });
		expect(output[0].binary?.data.mimeType).toBe('application/pdf');
	});

	test('as an AI tool it returns JSON a model can read, and downloads nothing', async () => {
		const { output } = await runInstaview(ctx.emulator, {
			nodeType: 'n8n-nodes-instaview.instaviewTool',
			parameters: interviewParameters('getAnalysisPdf', { interviewId: DEMO_IDS.interviews.janeScreening, binaryPropertyName: 'data' }),
		});
		expect(output[0].binary).toBeUndefined();
		expect(output[0].json.note).toMatch(/Use the Get operation/);
		expect(await apiRequests(ctx.emulator)).toHaveLength(0);
	});
});
