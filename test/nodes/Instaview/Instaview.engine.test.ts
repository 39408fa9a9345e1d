/**
 * The InstaView node run by n8n's own engine (n8n-core's WorkflowExecute, request helpers,
 * credentials authentication, binary data service and error wrapping) against the emulator.
 * The fast tests next to the sources use a small stand-in context; these prove the node
 * behaves the same inside n8n.
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEMO_API_KEY, DEMO_IDS } from '../../emulator';
import { startKit, type Kit } from '../../emulator/testkit';
import { readBinary, runAction, searchList, useEngine, type ActionOptions } from '../../helpers/engine';

const engine = useEngine();
let kit: Kit;

beforeAll(async () => {
	kit = await startKit();
});
beforeEach(async () => {
	await kit.emu.control.reset();
	await kit.emu.control.seed({ demo: true });
	await kit.emu.control.clearRequests();
});
afterAll(async () => {
	await kit?.emu.close();
});

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const inDays = (days: number) => new Date(kit.emu.state.nowMs() + days * 86400000).toISOString().slice(0, 10);

function run(operation: string, parameters: INodeParameters, options: Partial<ActionOptions> = {}) {
	return runAction(engine, {
		credentials: { apiKey: DEMO_API_KEY, baseUrl: kit.emu.url },
		parameters: { resource: 'interview', operation, ...parameters },
		...options,
	});
}

const requests = (method?: string) => kit.emu.control.requests(method ? { method } : {});

const newCandidate = () => ({
	candidateSource: 'new',
	firstName: 'Jane',
	lastName: 'Doe',
	email: 'jane.doe@example.com',
	gdprExpiryDate: inDays(200),
});
const newJob = { jobSource: 'new', jobTitle: 'Senior Backend Engineer', jobDetails: { requiredSkills: 'TypeScript, PostgreSQL' } };

describe('Interview → Create through the engine', () => {
	test.each([
		[
			'existing candidate, no job',
			() => ({ candidateSource: 'existing', candidateId: byId(DEMO_IDS.candidates.jane), jobSource: 'none' }),
			() => ({ candidateId: DEMO_IDS.candidates.jane }),
		],
		[
			'existing candidate, existing job',
			() => ({ candidateSource: 'existing', candidateId: byId(DEMO_IDS.candidates.peter), jobSource: 'existing', jobId: byId(DEMO_IDS.jobs.designer) }),
			() => ({ candidateId: DEMO_IDS.candidates.peter, jobId: DEMO_IDS.jobs.designer }),
		],
		[
			'new candidate, existing job',
			() => ({ ...newCandidate(), jobSource: 'existing', jobId: byId(DEMO_IDS.jobs.backend) }),
			() => ({ candidate: { firstName: 'Jane', lastName: 'Doe', email: 'jane.doe@example.com', gdprExpiryDate: inDays(200) }, jobId: DEMO_IDS.jobs.backend }),
		],
		[
			'new candidate, new job',
			() => ({ ...newCandidate(), ...newJob }),
			() => ({
				candidate: { firstName: 'Jane', lastName: 'Doe', email: 'jane.doe@example.com', gdprExpiryDate: inDays(200) },
				job: { jobTitle: 'Senior Backend Engineer', requiredSkills: ['TypeScript', 'PostgreSQL'] },
			}),
		],
	])('%s: one documented request, the interview as output', async (_shape, shape, expectedBody) => {
		// Only the shape's own fields are set: n8n fills in the other defaults, as for a saved workflow.
		const { items, error, run: execution } = await run('create', { agentId: byId(DEMO_IDS.agents.screening), ...shape() });
		expect(error).toBeUndefined();
		expect(execution.status).toBe('success');
		const posts = await requests('POST');
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toEqual({ agentId: DEMO_IDS.agents.screening, ...expectedBody() });
		expect(items).toHaveLength(1);
		const created = kit.emu.state.interviews.get(items[0].json.id as string);
		expect(created).toBeDefined();
		expect(items[0].json).toMatchObject({ id: created!.id, candidateId: created!.candidateId, status: 'SCHEDULED' });
	});

	test('expressions are resolved per input item by n8n, and each output is paired with its item', async () => {
		const rows = ['Ada', 'Bob', 'Cy'].map((firstName) => ({ json: { firstName, email: `${firstName.toLowerCase()}@example.com` } }));
		const { items, error } = await run(
			'create',
			{
				agentId: byId(DEMO_IDS.agents.generic),
				...newCandidate(),
				firstName: '={{ $json.firstName }}',
				email: '={{ $json.email }}',
				jobSource: 'none',
			},
			{ items: rows },
		);
		expect(error).toBeUndefined();
		const posts = await requests('POST');
		expect(posts.map((post) => (post.body as { candidate: { firstName: string; email: string } }).candidate)).toEqual(
			rows.map(({ json }) => expect.objectContaining(json)),
		);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('a scheduled time without offset is read in the workflow\'s timezone setting', async () => {
		const day = inDays(3);
		const { error } = await run(
			'create',
			{
				agentId: byId(DEMO_IDS.agents.screening),
				candidateSource: 'existing',
				candidateId: byId(DEMO_IDS.candidates.jane),
				jobSource: 'none',
				start: 'scheduled',
				scheduleTime: `${day}T14:00:00`,
			},
			{ timezone: 'America/New_York' },
		);
		expect(error).toBeUndefined();
		const [post] = await requests('POST');
		expect((post.body as { scheduleTime: string }).scheduleTime).toMatch(new RegExp(`^${day}T14:00:00-0[45]:00$`));
	});
});

describe('Interview → Get, Get Many, Delete through the engine', () => {
	test('Get returns the interview with its analysis, simplified', async () => {
		const { items, error } = await run('get', { interviewId: DEMO_IDS.interviews.janeScreening });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			id: DEMO_IDS.interviews.janeScreening,
			analysisId: DEMO_IDS.analyses.jane,
			analysisStatus: 'COMPLETED',
			overallRating: 85,
		});
	});

	test('Get Many with Return All reads every page of 100', async () => {
		const candidate = kit.emu.state.createCandidate({ jobIds: [DEMO_IDS.jobs.backend] });
		for (let i = 0; i < 230; i++) kit.emu.state.createInterview({ candidateId: candidate.id });
		const { items, error } = await run('getAll', { candidateId: byId(candidate.id), returnAll: true });
		expect(error).toBeUndefined();
		expect(new Set(items.map((item) => item.json.id)).size).toBe(230);
		// Besides the pages: the candidate (and job) read once for the details.
		expect((await requests('GET')).filter((request) => request.path === '/interviews').map((request) => [request.query.page, request.query.limit])).toEqual([
			['1', '100'],
			['2', '100'],
			['3', '100'],
		]);
	});

	test('Delete removes the interview and says so', async () => {
		const id = DEMO_IDS.interviews.mariaScreening;
		const { items, error } = await run('delete', { interviewId: id });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ deleted: true, id });
		expect(kit.emu.state.interviews.get(id)?.deletedAt).toBeTruthy();
	});
});

describe('Interview → Get Analysis PDF through the engine', () => {
	test('the PDF is stored by n8n\'s binary data service and reads back byte for byte', async () => {
		const id = DEMO_IDS.interviews.janeScreening;
		const { items, error } = await run('getAnalysisPdf', { interviewId: id, binaryPropertyName: 'report' });
		expect(error).toBeUndefined();
		const binary = items[0].binary?.report;
		expect(binary).toMatchObject({ mimeType: 'application/pdf', fileName: `instaview-analysis-${id}.pdf`, fileExtension: 'pdf' });
		// Filesystem mode: the item carries a reference, not the bytes.
		expect(binary?.id).toMatch(/^filesystem(-v2)?:/);
		const stored = await readBinary(engine, binary!);
		const direct = await kit.api.get(`/interviews/${id}/analysis-pdf`);
		expect(stored.equals(Buffer.from(direct.data.data.analysisPdfBase64 as string, 'base64'))).toBe(true);
		expect(stored.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(items[0].json).toMatchObject({ interviewId: id, fileSize: stored.length });
	});
});

describe('call attempts through the engine', () => {
	async function phoneInterview() {
		const agent = await kit.emu.control.createAgent({ name: 'Phone screening', type: 'PHONE', focus: 'SCREENING' });
		const interview = await kit.emu.control.createInterview({ candidateId: DEMO_IDS.candidates.jane, agentId: agent.id, jobId: DEMO_IDS.jobs.backend });
		await kit.emu.control.clearRequests();
		return interview;
	}

	test('Schedule, Reschedule and Delete Call Attempt', async () => {
		const interview = await phoneInterview();
		const scheduled = await run('scheduleCallAttempt', { interviewId: interview.id, callWhen: 'asap' });
		expect(scheduled.error).toBeUndefined();
		expect(scheduled.items[0].json).toMatchObject({ interviewId: interview.id, success: true });

		// Scheduling a new attempt cancels the one still scheduled; the new one is then moved and deleted.
		const attemptId = kit.emu.state.interviews.get(interview.id)!.callAttempts.find((attempt) => attempt.status === 'SCHEDULED')!.id;
		const when = `${inDays(2)}T10:30:00`;
		const rescheduled = await run('rescheduleCallAttempt', { interviewId: interview.id, attemptId, scheduledAt: when }, { timezone: 'Europe/Bratislava' });
		expect(rescheduled.error).toBeUndefined();
		expect(rescheduled.items[0].json).toMatchObject({ rescheduled: true, attemptId, scheduledAt: expect.stringMatching(/\+0[12]:00$/) });

		const deleted = await run('deleteCallAttempt', { interviewId: interview.id, attemptId });
		expect(deleted.error).toBeUndefined();
		expect(deleted.items[0].json).toEqual({ deleted: true, interviewId: interview.id, attemptId });

		expect((await requests()).map((request) => `${request.method} ${request.path}`)).toEqual([
			`POST /interviews/${interview.id}/call-attempts`,
			`PATCH /interviews/${interview.id}/call-attempts/${attemptId}`,
			`DELETE /interviews/${interview.id}/call-attempts/${attemptId}`,
		]);
		expect(kit.emu.state.interviews.get(interview.id)?.callAttempts.find((attempt) => attempt.id === attemptId)).toBeUndefined();
	});
});

describe('"From list" pickers through the engine', () => {
	test('agents and candidates are listed with their names, searchable', async () => {
		const credentials = { apiKey: DEMO_API_KEY, baseUrl: kit.emu.url };
		const parameters = { resource: 'interview', operation: 'create' };
		const agents = await searchList(engine, { credentials, parameters, method: 'searchAgents' });
		expect(agents.results.map((result) => result.value).sort()).toEqual([DEMO_IDS.agents.generic, DEMO_IDS.agents.screening].sort());
		const candidates = await searchList(engine, { credentials, parameters, method: 'searchCandidates', filter: 'Jane' });
		expect(candidates.results).toEqual([expect.objectContaining({ value: DEMO_IDS.candidates.jane, name: expect.stringContaining('Jane') })]);
		expect((await requests()).map((request) => request.headers.authorization)).toEqual([`Bearer ${DEMO_API_KEY}`, `Bearer ${DEMO_API_KEY}`]);
	});
});

describe('the credential inside n8n', () => {
	test('n8n applies its authenticate rule: every request carries "Authorization: Bearer <key>"', async () => {
		await run('get', { interviewId: DEMO_IDS.interviews.janeScreening });
		await run('getAll', { candidateId: byId(DEMO_IDS.candidates.jane), returnAll: true });
		const log = await requests();
		expect(log.length).toBeGreaterThanOrEqual(2);
		for (const request of log) {
			expect(request.headers.authorization).toBe(`Bearer ${DEMO_API_KEY}`);
			expect(request.authOk).toBe(true);
		}
	});

	test('a base URL with a trailing slash and a company ID for an ATS key', async () => {
		const key = 'sk_test_ats000000000000000000000000000000000000000';
		await kit.emu.control.addApiKey({ key, scopes: ['read:interviews'], ats: true });
		const { error } = await runAction(engine, {
			credentials: { apiKey: key, baseUrl: `${kit.emu.url}/`, companyId: ` ${DEMO_IDS.companyId} ` },
			parameters: { resource: 'interview', operation: 'get', interviewId: DEMO_IDS.interviews.janeScreening },
		});
		expect(error).toBeUndefined();
		const [request] = await requests();
		expect(request.path).toBe(`/interviews/${DEMO_IDS.interviews.janeScreening}`);
		expect(request.query.companyId).toBe(DEMO_IDS.companyId);
		expect(request.headers.authorization).toBe(`Bearer ${key}`);
	});
});

describe('errors inside n8n', () => {
	test('an API error becomes n8n-core\'s NodeApiError with InstaView\'s message; the execution fails', async () => {
		const id = '00000000-0000-4000-8000-00000000dead';
		const { error, items, run: execution } = await run('get', { interviewId: id });
		expect(items).toEqual([]);
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(error?.message).toContain(id);
		expect(execution.status).toBe('error');
		expect(execution.data.resultData.error?.message).toBe(error?.message);
	});

	test('a revoked key: 401 explained, and the key appears in no output, error or log', async () => {
		const key = 'sk_test_revoked00000000000000000000000000000000000';
		const { error, run: execution } = await runAction(engine, {
			credentials: { apiKey: key, baseUrl: kit.emu.url },
			parameters: { resource: 'interview', operation: 'get', interviewId: DEMO_IDS.interviews.janeScreening },
		});
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		const [request] = await requests();
		expect(request).toMatchObject({ authOk: false, status: 401 });
		expect(JSON.stringify(execution)).not.toContain(key);
		expect(JSON.stringify(engine.logs)).not.toContain(key);
	});

	test('bad input is refused before any request, as a NodeOperationError naming the field', async () => {
		const { error } = await run('get', { interviewId: 'not-an-id' });
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect(error?.message).toMatch(/^Interview ID/);
		expect(await requests()).toHaveLength(0);
	});

	test('Continue On Fail: failed items become error items paired with their input, the others go on', async () => {
		const ids = [DEMO_IDS.interviews.janeScreening, 'not-an-id', '00000000-0000-4000-8000-00000000dead', DEMO_IDS.interviews.johnScreening];
		const { items, error, run: execution } = await run(
			'get',
			{ interviewId: '={{ $json.id }}' },
			{ items: ids.map((id) => ({ json: { id } })), continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(execution.status).toBe('success');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json.id).toBe(DEMO_IDS.interviews.janeScreening);
		expect(items[1].json.error).toMatch(/^Interview ID/);
		expect(items[2].json).toMatchObject({ error: expect.stringContaining(ids[2]), httpCode: '404' });
		expect(items[3].json.id).toBe(DEMO_IDS.interviews.johnScreening);
		expect((await requests()).map((request) => request.path).filter((path) => path.startsWith('/interviews/'))).toEqual(
			[ids[0], ids[2], ids[3]].map((id) => `/interviews/${id}`),
		);
		// The details of Jane and John, each read once in this execution.
		expect(items[0].json.candidateName).toBe('Jane Doe');
		expect((await requests()).filter((request) => request.path.startsWith('/candidates/')).map((request) => request.path)).toEqual([
			`/candidates/${DEMO_IDS.candidates.jane}`,
			`/candidates/${DEMO_IDS.candidates.john}`,
		]);
	});
});
