/**
 * Every class of InstaView failure, provoked against the emulator through the node, must end
 * in an error that says what happened and how to fix it, with the HTTP status kept for n8n.
 */
import { transportSettings } from '../../../../nodes/Instaview/transport';
import { apiRequests, byId, DEMO_API_KEY, DEMO_IDS, interviewParameters, minimalCreateParameters, runInstaview, useEmulator } from '../../../helpers/instaview';
import type { RunResult } from '../../../helpers/instaview';

const ctx = useEmulator();
const get = { parameters: interviewParameters('get', { interviewId: DEMO_IDS.interviews.janeScreening, simplify: true }) };
const create = { parameters: minimalCreateParameters() };

describe('API errors become actionable NodeApiErrors', () => {
	test('400 with field details lists the fields to fix', async () => {
		await ctx.emulator.control.addFault({
			path: '/interviews',
			method: 'POST',
			status: 400,
			body: { success: false, data: null, error: { code: 'VALIDATION_ERROR', message: 'Validation failed', details: { fields: [{ field: 'job.experience', message: 'must be a valid enum value' }] } } },
		});
		const { error } = await runInstaview(ctx.emulator, create);
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toBe('InstaView rejected the request: Validation failed');
		expect(error?.description).toContain('job.experience: must be a valid enum value');
	});

	test('a real 400 from InstaView (job not among the candidate\'s jobs) names the field once and the candidate\'s valid jobs', async () => {
		const { error } = await runInstaview(ctx.emulator, {
			parameters: { ...create.parameters, jobSource: 'existing', jobId: byId(DEMO_IDS.jobs.designer) },
		});
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toMatch(/jobId .* is not one of the candidate's jobIds/);
		// InstaView's text is in the message; the description adds what to do, not the same text again.
		expect(error?.description).not.toMatch(/is not one of the candidate's jobIds/);
		expect(error?.description).toContain(`Jane Doe's jobs: Senior Backend Engineer (${DEMO_IDS.jobs.backend})`);
		expect(`${error?.message} ${error?.description}`.split("is not one of the candidate's jobIds")).toHaveLength(2);
	});

	test('401 sends the user to the credential', async () => {
		const { error } = await runInstaview(ctx.emulator, { ...get, credentials: { apiKey: 'sk_wrong', baseUrl: ctx.emulator.url } });
		expect(error?.httpCode).toBe('401');
		expect(error?.message).toBe('InstaView did not accept the API key');
		expect(error?.description).toMatch(/credential/);
	});

	test('403 names the missing scope', async () => {
		const key = 'sk_test_readonly0000000000000000000000000000000';
		await ctx.emulator.control.addApiKey({ key, scopes: ['read:interviews', 'read:candidates', 'read:agents'] });
		const { error } = await runInstaview(ctx.emulator, { ...create, credentials: { apiKey: key, baseUrl: ctx.emulator.url } });
		expect(error?.httpCode).toBe('403');
		expect(error?.message).toBe('The InstaView API key lacks the scope write:interviews');
		expect(error?.description).toContain('write:interviews');
	});

	test('404 says which resource', async () => {
		const agent = '00000000-0000-4000-8000-0000000000aa';
		const { error } = await runInstaview(ctx.emulator, { parameters: { ...create.parameters, agentId: byId(agent) } });
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toBe(`InstaView could not find the agent ${agent}`);
	});

	test.each([409, 422])('%i keeps the API message', async (status) => {
		await ctx.emulator.control.addFault({ path: '/interviews', method: 'POST', status, body: { success: false, data: null, error: { code: 'X', message: 'Candidate already has an active interview' } } });
		const { error } = await runInstaview(ctx.emulator, create);
		expect(error?.httpCode).toBe(String(status));
		expect(error?.message).toContain('Candidate already has an active interview');
		expect(error?.description).toBeTruthy();
	});

	test('429 beyond the allowed wait says how long it waited', async () => {
		transportSettings.maxRateLimitWaitMs = 1500;
		await ctx.emulator.control.addFault({ path: '/interviews', status: 429, headers: { 'Retry-After': '1' }, body: { statusCode: 429, message: 'Rate limit exceeded', retryAfter: 1 }, times: 5 });
		const { error } = await runInstaview(ctx.emulator, get);
		expect(error?.httpCode).toBe('429');
		expect(error?.message).toMatch(/rate limit is still exceeded after waiting 1(\.\d)? s: it asks to wait 1 s more, past the 2 s the node waits at most/);
		expect(await apiRequests(ctx.emulator)).toHaveLength(2);
	});

	test('a Retry-After longer than the node waits is reported as asked, not as a 0 s wait', async () => {
		await ctx.emulator.control.addFault({ path: '/interviews', status: 429, headers: { 'Retry-After': '3600' }, body: { statusCode: 429, message: 'Rate limit exceeded', retryAfter: 1800 } });
		const { error } = await runInstaview(ctx.emulator, get);
		expect(error?.httpCode).toBe('429');
		expect(error?.message).toBe("InstaView's rate limit is used up: it asks to wait 60 min, longer than the node waits (10 s at most)");
		expect(error?.description).toMatch(/Run this again after that time/);
		expect(await apiRequests(ctx.emulator)).toHaveLength(1);
	});

	test('429 within the allowed wait is waited out and the request succeeds, even a POST', async () => {
		await ctx.emulator.control.addFault({ path: '/interviews', method: 'POST', status: 429, headers: { 'Retry-After': '1' }, body: { statusCode: 429, retryAfter: 1 } });
		const started = Date.now();
		const { error, output } = await runInstaview(ctx.emulator, create);
		expect(error).toBeUndefined();
		expect(output[0].json.id).toBeDefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(await apiRequests(ctx.emulator, 'POST')).toHaveLength(2);
	});

	test.each([500, 502, 503, 504])('%i on GET is retried with back-off, then explained', async (status) => {
		await ctx.emulator.control.addFault({ path: '/interviews', status, times: 10 });
		const { error } = await runInstaview(ctx.emulator, get);
		expect(error?.httpCode).toBe(String(status));
		expect(error?.message).toMatch(new RegExp(`^InstaView had a server problem \\(HTTP ${status}\\)`));
		expect(await apiRequests(ctx.emulator)).toHaveLength(transportSettings.maxAttempts);
	});

	test('a 503 that clears up is invisible to the user', async () => {
		await ctx.emulator.control.addFault({ path: '/interviews', status: 503, times: 2 });
		const { error, output } = await runInstaview(ctx.emulator, get);
		expect(error).toBeUndefined();
		expect(output[0].json.id).toBe(DEMO_IDS.interviews.janeScreening);
	});

	test.each([500, 502, 503, 504])('%i on create is never retried and warns that the interview may exist', async (status) => {
		await ctx.emulator.control.addFault({ path: '/interviews', method: 'POST', status });
		const { error } = await runInstaview(ctx.emulator, create);
		expect(error?.httpCode).toBe(String(status));
		expect(error?.description).toMatch(/may already exist/);
		expect(await apiRequests(ctx.emulator, 'POST')).toHaveLength(1);
	});

	test('a dropped connection after InstaView created the interview is not repeated: one interview exists', async () => {
		await ctx.emulator.control.addFault({ path: '/interviews', method: 'POST', dropAfterProcessing: true });
		const before = ctx.emulator.state.interviews.size;
		const { error } = await runInstaview(ctx.emulator, create);
		expect(error?.message).toMatch(/connection to InstaView failed/);
		expect(error?.description).toMatch(/may already exist/);
		expect(ctx.emulator.state.interviews.size).toBe(before + 1);
		expect(await apiRequests(ctx.emulator, 'POST')).toHaveLength(1);
	});

	test('a dropped connection on GET is retried', async () => {
		await ctx.emulator.control.addFault({ path: '/interviews', drop: true, times: 2 });
		const { error, output } = await runInstaview(ctx.emulator, { parameters: { ...get.parameters, addDetails: false } });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(await apiRequests(ctx.emulator)).toHaveLength(3);
	});

	test('a timeout on GET is retried, then explained', async () => {
		transportSettings.timeoutMs = 200;
		await ctx.emulator.control.addFault({ path: '/interviews', delayMs: 1000, times: 10 });
		const { error } = await runInstaview(ctx.emulator, get);
		expect(error?.message).toBe('InstaView did not answer in time');
		expect(await apiRequests(ctx.emulator)).toHaveLength(transportSettings.maxAttempts);
	});

	test('a timeout on create is not repeated', async () => {
		transportSettings.timeoutMs = 200;
		await ctx.emulator.control.addFault({ path: '/interviews', method: 'POST', delayMs: 1000 });
		const { error } = await runInstaview(ctx.emulator, create);
		expect(error?.message).toBe('InstaView did not answer in time');
		expect(error?.description).toMatch(/may already exist/);
		expect(await apiRequests(ctx.emulator, 'POST')).toHaveLength(1);
	});

	test('a connection refused is reported with the Base URL to check', async () => {
		const { error } = await runInstaview(ctx.emulator, { ...get, credentials: { apiKey: DEMO_API_KEY, baseUrl: 'http://127.0.0.1:9' } });
		expect(error?.message).toMatch(/connection to InstaView failed \(ECONNREFUSED\)/);
		expect(error?.description).toMatch(/Base URL/);
	});

	test('a non-JSON body (an HTML error page) is named as such', async () => {
		await ctx.emulator.control.addFault({ path: '/interviews', status: 502, rawBody: '<html><body>Bad gateway</body></html>', headers: { 'content-type': 'text/html' }, times: 10 });
		const { error } = await runInstaview(ctx.emulator, get);
		expect(error?.message).toBe('InstaView answered with a response that is not JSON (HTTP 502)');
	});

	test('a 200 with an HTML body is not mistaken for data', async () => {
		await ctx.emulator.control.addFault({ path: '/interviews', status: 200, rawBody: '<html>maintenance</html>', headers: { 'content-type': 'text/html' }, times: 10 });
		const { error } = await runInstaview(ctx.emulator, get);
		expect(error?.message).toMatch(/not JSON/);
	});

	test('Continue On Fail turns API errors into paired error items with the HTTP code', async () => {
		const result: RunResult = await runInstaview(ctx.emulator, {
			continueOnFail: true,
			items: [{ json: {} }, { json: {} }],
			parameters: [
				interviewParameters('get', { interviewId: '00000000-0000-4000-8000-00000000dead', simplify: true }),
				get.parameters,
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toMatchObject({ httpCode: '404', error: expect.stringMatching(/could not find/) });
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
		expect(result.output[1].json.id).toBe(DEMO_IDS.interviews.janeScreening);
	});
});
