import type { AxiosResponse } from 'axios';
import { ALL_SCOPES, DEMO_API_KEY } from './index';
import { dateIn, expectOk, useKit } from './testkit';

const RL_HEADERS = [
	'x-ratelimit-limit-minute', 'x-ratelimit-limit-hour', 'x-ratelimit-remaining-minute',
	'x-ratelimit-remaining-hour', 'x-ratelimit-reset-minute', 'x-ratelimit-reset-hour',
];
const expectRlHeaders = (res: AxiosResponse) => {
	for (const h of RL_HEADERS) expect(res.headers[h]).toMatch(/^\d+$/);
};

describe('authentication and scopes', () => {
	let ids: { candidate: string; interview: string; job: string; agent: string; phoneIv: string };
	const kit = useKit({}, async () => {
		const s = kit.emu.state;
		const job = s.createJob();
		const agent = s.createAgent();
		const c = s.createCandidate({ jobIds: [job.id], phoneNumber: '+421900000001' });
		const iv = s.createInterview({ candidateId: c.id, agentId: agent.id, jobId: job.id });
		const phoneIv = s.createInterview({ candidateId: c.id, agentId: s.createAgent({ type: 'PHONE' }).id, jobId: job.id });
		await kit.emu.control.advanceInterview(iv.id, { status: 'COMPLETED', analysisStatus: 3 });
		ids = { candidate: c.id, interview: iv.id, job: job.id, agent: agent.id, phoneIv: phoneIv.id };
	});

	it('missing or unknown key → 401 INVALID_API_KEY envelope, with rate-limit headers', async () => {
		for (const res of [await kit.as(null).get('/jobs'), await kit.as('sk_live_unknown').get('/jobs'), await kit.api.get('/jobs', { headers: { Authorization: `Basic ${DEMO_API_KEY}` } })]) {
			expect(res.status).toBe(401);
			expect(res.data).toMatchObject({ success: false, data: null, error: { code: 'INVALID_API_KEY', details: {} } });
			expect(typeof res.data.error.message).toBe('string');
			expect(typeof res.data.timestamp).toBe('string');
			expectRlHeaders(res);
		}
	});

	type Call = [string, string, (() => unknown) | undefined, string[]];
	const calls = (): Call[] => [
		['GET', `/interviews?candidateId=${ids.candidate}`, undefined, ['read:interviews', 'read:candidates', 'read:agents']],
		['GET', `/interviews/${ids.interview}`, undefined, ['read:interviews']],
		['POST', '/interviews', () => ({ candidateId: ids.candidate, agentId: ids.agent }), ['write:interviews', 'read:candidates', 'read:agents']],
		['GET', `/interviews/${ids.interview}/analysis-pdf`, undefined, ['read:interviews']],
		['POST', `/interviews/${ids.phoneIv}/call-attempts`, () => ({}), ['write:interviews']],
		['GET', '/candidates', undefined, ['read:candidates']],
		['GET', `/candidates?jobId=${ids.job}`, undefined, ['read:candidates', 'read:jobs']],
		['GET', '/candidates?search=x', undefined, ['read:candidates', 'read:jobs']],
		['GET', `/candidates/${ids.candidate}`, undefined, ['read:candidates']],
		['POST', '/candidates', () => ({ firstName: 'A', lastName: 'B', email: 'a@b.example', gdprExpiryDate: dateIn(kit, 5) }), ['write:candidates', 'read:jobs']],
		['GET', '/jobs', undefined, ['read:jobs']],
		['GET', `/jobs/${ids.job}`, undefined, ['read:jobs']],
		['POST', '/jobs', () => ({ title: 'Data Engineer', description: 'Pipelines and more.', status: 'OPEN' }), ['write:jobs']],
		['GET', '/agents', undefined, ['read:agents']],
		['GET', `/agents/${ids.agent}`, undefined, ['read:agents']],
		['DELETE', `/interviews/${ids.interview}`, undefined, ['delete:interviews']], // last: it deletes
		['POST', '/agents', () => ({ name: 'Agent', type: 'ONLINE', focus: 'SCREENING', language: 'EN', duration: 10 }), ['write:agents']],
	];

	it('each endpoint: 403 INSUFFICIENT_PERMISSIONS naming each missing scope; exactly the required scopes suffice', async () => {
		let checked = 0;
		for (const [method, url, body, scopes] of calls()) {
			for (const missing of scopes) {
				const key = `sk_test_without_${missing}`;
				await kit.emu.control.addApiKey({ key, scopes: ALL_SCOPES.filter((s) => s !== missing) });
				const res = await kit.as(key).request({ method, url, data: body?.() });
				expect({ url, method, status: res.status, code: res.data?.error?.code }).toEqual({ url, method, status: 403, code: 'INSUFFICIENT_PERMISSIONS' });
				expect(res.data.error.message).toContain(`Missing required scope: ${missing}`);
				expectRlHeaders(res);
				checked++;
			}
			const exact = `sk_test_exact_${method}_${url}`;
			await kit.emu.control.addApiKey({ key: exact, scopes });
			const ok = await kit.as(exact).request({ method, url, data: body?.() });
			expect({ url, status: ok.status < 300 }).toEqual({ url, status: true });
		}
		expect(checked).toBe(24);
	});

	it('inline candidate + inline job need no write:candidates / write:jobs', async () => {
		await kit.emu.control.addApiKey({ key: 'sk_test_min', scopes: ['write:interviews', 'read:candidates', 'read:agents'] });
		const res = await kit.as('sk_test_min').post('/interviews', {
			candidate: { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', gdprExpiryDate: dateIn(kit, 30) },
			job: { jobTitle: 'Backend Engineer' },
			agentId: ids.agent,
		});
		expectOk(res, 201);
	});
});

describe('rate limiting', () => {
	const kit = useKit({ rateLimit: { perMinute: 3, perHour: 5 } }, async () => {
		await kit.emu.control.setRateLimit({ perMinute: 3, perHour: 5 });
		// windows are aligned to the emulator clock; start well inside a minute and an hour
		await kit.emu.control.setClock('2030-01-01T00:00:10.000Z');
	});

	it('headers on every response (success, 400, 404, 403) with counting', async () => {
		const r1 = await kit.api.get('/jobs');
		const r2 = await kit.api.get('/jobs?page=0');
		const r3 = await kit.api.get('/jobs/3f1e8b6a-1111-4222-8333-944455556666');
		for (const r of [r1, r2, r3]) expectRlHeaders(r);
		expect([r1, r2, r3].map((r) => r.headers['x-ratelimit-remaining-minute'])).toEqual(['2', '1', '0']);
		expect(r1.headers['x-ratelimit-limit-minute']).toBe('3');
		expect(r1.headers['x-ratelimit-limit-hour']).toBe('5');
		expect(r3.headers['x-ratelimit-remaining-hour']).toBe('2');
		const reset = Number(r1.headers['x-ratelimit-reset-minute']);
		expect(reset * 1000).toBeGreaterThanOrEqual(kit.emu.state.nowMs());
		expect(reset * 1000).toBeLessThanOrEqual(kit.emu.state.nowMs() + 61000);
	});

	it('429: non-envelope body, Retry-After header > body retryAfter; rejected requests do not count; new window resets', async () => {
		for (let i = 0; i < 3; i++) expectOk(await kit.api.get('/jobs'));
		const res = await kit.api.get('/jobs');
		expect(res.status).toBe(429);
		expectRlHeaders(res);
		const retryAfter = Number(res.headers['retry-after']);
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(res.data).toEqual({ statusCode: 429, message: 'Rate limit exceeded', error: 'Too Many Requests', retryAfter: Math.floor(retryAfter / 2), limit: 3, remaining: 0, reset: Number(res.headers['x-ratelimit-reset-minute']) });
		expect(res.data.retryAfter).toBeLessThan(retryAfter);
		expect((await kit.api.get('/jobs')).status).toBe(429);
		await kit.emu.control.advanceClock(60000);
		const after = await kit.api.get('/jobs');
		expectOk(after);
		expect(after.headers['x-ratelimit-remaining-minute']).toBe('2');
		expect(after.headers['x-ratelimit-remaining-hour']).toBe('1'); // 429s were not counted
	});

	it('hour limit reports the hour window; limits are per key', async () => {
		for (let i = 0; i < 3; i++) await kit.api.get('/jobs');
		await kit.emu.control.advanceClock(60000);
		for (let i = 0; i < 2; i++) expectOk(await kit.api.get('/jobs'));
		const res = await kit.api.get('/jobs');
		expect(res.status).toBe(429);
		expect(res.data.limit).toBe(5);
		expect(res.data.reset).toBe(Number(res.headers['x-ratelimit-reset-hour']));
		await kit.emu.control.addApiKey({ key: 'sk_test_other', scopes: ['read:jobs'] });
		expectOk(await kit.as('sk_test_other').get('/jobs'));
	});

	it('shortened windowMs resets in real time', async () => {
		await kit.emu.control.setRateLimit({ perMinute: 2, perHour: 1000, windowMs: 300 });
		await kit.api.get('/jobs');
		await kit.api.get('/jobs');
		const limited = await kit.api.get('/jobs');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers['retry-after'])).toBe(1);
		await new Promise((r) => setTimeout(r, 350));
		expectOk(await kit.api.get('/jobs'));
	});
});
