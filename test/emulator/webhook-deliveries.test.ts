/** Webhook deliveries: lifecycle events, payloads, headers, retries, circuit breaker, controls. */
import { DEFAULT_COMPANY_ID, startWebhookReceiver, type WebhookPayload, type WebhookReceiver } from './index';
import { dateIn, expectOk, startKit, type Kit } from './testkit';

const OTHER_COMPANY = 'c0a80002-0000-4000-8000-000000000002';
const ATS = 'sk_test_ats_integration';
const OTHER_COMPANY_KEY = 'sk_test_other_company';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const FAST = { allowLoopbackHttp: true, retryDelaysMs: [30, 60, 90], timeoutMs: 1000, maxRetries: 3, failureThreshold: 100 };

let kit: Kit;
let receiver: WebhookReceiver;
beforeAll(async () => {
	kit = await startKit({ webhooks: FAST });
	receiver = await startWebhookReceiver();
});
afterAll(async () => {
	await kit.emu.close();
	await receiver.close();
});
beforeEach(async () => {
	const c = kit.emu.control;
	await c.reset();
	await c.setWebhookOptions(FAST);
	await c.addApiKey({ key: ATS, scopes: ['read:webhooks', 'write:webhooks'], ats: true, companyId: '00000000-0000-4000-8000-00000000a75a' });
	await c.addApiKey({ key: OTHER_COMPANY_KEY, scopes: ['read:webhooks', 'write:webhooks'], companyId: OTHER_COMPANY });
	receiver.received.length = 0;
	receiver.respond(() => ({ status: 200 }));
});

const ALL_EVENTS = ['interview.started', 'interview.completed', 'interview.failed', 'analysis.completed', 'analysis.failed', 'ping'];

async function createHook(extra: Record<string, unknown> = {}, key?: string): Promise<string> {
	const res = await (key ? kit.as(key) : kit.api).post('/webhooks', { url: receiver.url, events: ALL_EVENTS, ...extra });
	expectOk(res, 201);
	return res.data.data.id as string;
}

const payloads = () => receiver.received.map((r) => r.body as WebhookPayload);
const events = () => payloads().map((p) => p.event).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function jobInterview(companyId = DEFAULT_COMPANY_ID, agentType: 'ONLINE' | 'PHONE' = 'ONLINE') {
	const c = kit.emu.control;
	const job = await c.createJob({ companyId });
	const cand = await c.createCandidate({ companyId, jobIds: [job.id], phoneNumber: '+421900111222' });
	const agent = await c.createAgent({ companyId, type: agentType });
	return c.createInterview({ candidateId: cand.id, agentId: agent.id, jobId: job.id });
}

describe('lifecycle events', () => {
	it('interview started / completed and analysis completed carry the documented payloads and the custom headers', async () => {
		await createHook({ headers: [{ name: 'X-Shared-Secret', value: 'tok-123' }, { name: 'X-Env', value: 'test' }] });
		const iv = await jobInterview(DEFAULT_COMPANY_ID, 'PHONE');
		await kit.emu.control.advanceInterview(iv.id, { status: 'IN_PROGRESS' });
		await receiver.waitFor(1);
		await kit.emu.control.advanceInterview(iv.id, { status: 'COMPLETED', analysisStatus: 3, overallRating: 91 });
		await receiver.waitFor(3);
		expect(events()).toEqual(['analysis.completed', 'interview.completed', 'interview.started']);
		for (const r of receiver.received) {
			expect(r.method).toBe('POST');
			expect(r.path).toBe('/hook');
			expect(r.headers['content-type']).toBe('application/json');
			expect(r.headers['x-shared-secret']).toBe('tok-123');
			expect(r.headers['x-env']).toBe('test');
			expect(Object.keys(r.body as object)).toEqual(['event', 'timestamp', 'deliveryId', 'data']);
		}
		const [started, completed, analysis] = ['interview.started', 'interview.completed', 'analysis.completed'].map((e) => payloads().find((p) => p.event === e)!);
		const attemptId = iv.callAttempts[0].id;
		expect(started.data).toEqual({ interviewId: iv.id, callAttemptId: attemptId, candidateId: iv.candidateId, jobId: iv.jobId, status: 'IN_PROGRESS' });
		expect(completed.data).toEqual({ interviewId: iv.id, callAttemptId: attemptId, candidateId: iv.candidateId, jobId: iv.jobId, status: 'COMPLETED' });
		expect(completed.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		const full = (await kit.api.get(`/interviews/${iv.id}`)).data.data;
		expect(analysis.data).toMatchObject({ interviewId: iv.id, candidateId: iv.candidateId, jobId: iv.jobId, status: 'COMPLETED', analysis: full.analysis });
		expect((analysis.data.analysis as { general: { overallRating: number } }).general.overallRating).toBe(91);
		const pdf = (await kit.api.get(`/interviews/${iv.id}/analysis-pdf`)).data.data.analysisPdfBase64;
		expect(analysis.data.analysisPdfBase64).toBe(pdf);
		expect(Buffer.from(String(analysis.data.analysisPdfBase64), 'base64').subarray(0, 5).toString()).toBe('%PDF-');
		const ids = payloads().map((p) => p.deliveryId);
		expect(new Set(ids).size).toBe(3);
		for (const id of ids) expect(id).toMatch(UUID);
	});

	it('interview.failed and analysis.failed carry an errorMessage; an ONLINE interview has callAttemptId null', async () => {
		await createHook();
		const iv = await jobInterview();
		await kit.emu.control.advanceInterview(iv.id, { status: 'FAILED', analysisStatus: 4 });
		await receiver.waitFor(2);
		const failed = payloads().find((p) => p.event === 'interview.failed')!;
		expect(failed.data).toEqual({ interviewId: iv.id, callAttemptId: null, candidateId: iv.candidateId, jobId: iv.jobId, status: 'FAILED', errorMessage: expect.any(String) });
		const analysisFailed = payloads().find((p) => p.event === 'analysis.failed')!;
		expect(analysisFailed.data).toMatchObject({ interviewId: iv.id, analysisId: expect.stringMatching(UUID), errorMessage: expect.any(String) });
		expect(analysisFailed.data).not.toHaveProperty('analysisPdfBase64');
	});

	it('an interview without a job has no jobId in the payload; CANCELLED and pending analyses fire nothing', async () => {
		await createHook();
		const iv = await kit.emu.control.createInterview({});
		await kit.emu.control.advanceInterview(iv.id, { status: 'CANCELLED', analysisStatus: 1 });
		await kit.emu.control.advanceInterview(iv.id, { status: 'COMPLETED' });
		await receiver.waitFor(1);
		await sleep(50);
		expect(payloads()).toHaveLength(1);
		expect(payloads()[0].data).not.toHaveProperty('jobId');
	});

	it('seeding (demo data included) fires nothing', async () => {
		await createHook();
		await kit.emu.control.seed({ demo: true, candidates: 3, interviewsPerCandidate: 1 });
		await sleep(50);
		expect(await kit.emu.control.webhookDeliveries()).toEqual([]);
		expect(receiver.received).toHaveLength(0);
	});

	it('isTest interviews created through the API complete at once and fire interview.completed + analysis.completed', async () => {
		await createHook();
		const agent = await kit.emu.control.createAgent({ focus: 'GENERIC' });
		const res = await kit.api.post('/interviews', {
			candidate: { firstName: 'Tess', lastName: 'Ting', email: 'tess@example.com', gdprExpiryDate: dateIn(kit, 30) },
			agentId: agent.id,
			isTest: true,
		});
		expectOk(res, 201);
		await receiver.waitFor(2);
		await sleep(50);
		expect(events()).toEqual(['analysis.completed', 'interview.completed']);
		expect(payloads().every((p) => p.data.interviewId === res.data.data.id)).toBe(true);
	});

	it('only subscribed events are delivered, and only to active webhooks', async () => {
		await createHook({ events: ['analysis.completed'] });
		const disabled = await createHook();
		await kit.api.patch(`/webhooks/${disabled}`, { isActive: false });
		const iv = await jobInterview();
		await kit.emu.control.advanceInterview(iv.id, { status: 'IN_PROGRESS' });
		await kit.emu.control.advanceInterview(iv.id, { status: 'COMPLETED', analysisStatus: 3 });
		await receiver.waitFor(1);
		await sleep(50);
		expect(events()).toEqual(['analysis.completed']);
		expect(await kit.emu.control.webhookDeliveries({ webhookId: disabled })).toEqual([]);
	});

	it('delivers outside the request that caused the event', async () => {
		await createHook();
		receiver.respond(() => ({ status: 200, delayMs: 400 }));
		const iv = await jobInterview();
		await kit.emu.control.advanceInterview(iv.id, { status: 'IN_PROGRESS' });
		expect(await kit.emu.control.webhookAttempts()).toEqual([]);
		expect((await kit.emu.control.waitForWebhookAttempts(1))[0]).toMatchObject({ ok: true, statusCode: 200, event: 'interview.started' });
	});
});

describe('company isolation', () => {
	it('company webhooks get their company\'s events; a regular key\'s global webhook gets its own company\'s; an ATS global one gets all', async () => {
		const own = await createHook({ companyId: DEFAULT_COMPANY_ID });
		const ownGlobal = await createHook();
		const other = await createHook({}, OTHER_COMPANY_KEY);
		const atsScoped = await createHook({ companyId: OTHER_COMPANY }, ATS);
		const atsGlobal = await createHook({}, ATS);
		const a = await jobInterview(DEFAULT_COMPANY_ID);
		const b = await jobInterview(OTHER_COMPANY);
		await kit.emu.control.advanceInterview(a.id, { status: 'IN_PROGRESS' });
		await kit.emu.control.advanceInterview(b.id, { status: 'IN_PROGRESS' });
		await kit.emu.control.waitForWebhookAttempts(6);
		await sleep(50);
		const byHook = async (webhookId: string) => (await kit.emu.control.webhookDeliveries({ webhookId })).map((d) => d.payload.data.interviewId).sort();
		expect(await byHook(own)).toEqual([a.id]);
		expect(await byHook(ownGlobal)).toEqual([a.id]);
		expect(await byHook(other)).toEqual([b.id]);
		expect(await byHook(atsScoped)).toEqual([b.id]);
		expect(await byHook(atsGlobal)).toEqual([a.id, b.id].sort());
	});
});

describe('retries and the circuit breaker', () => {
	it('a failed attempt is retried with the configured back-off, keeping the deliveryId; a 2xx ends it', async () => {
		const id = await createHook();
		receiver.respond((_r, i) => ({ status: i < 2 ? 503 : 204 }));
		const iv = await jobInterview();
		await kit.emu.control.advanceInterview(iv.id, { status: 'IN_PROGRESS' });
		const got = await receiver.waitFor(3);
		await kit.emu.control.waitForWebhookAttempts(3);
		expect(new Set(got.map((r) => (r.body as WebhookPayload).deliveryId)).size).toBe(1);
		expect(new Set(got.map((r) => r.raw)).size).toBe(1);
		expect(got[1].receivedAt - got[0].receivedAt).toBeGreaterThanOrEqual(25);
		expect(got[2].receivedAt - got[1].receivedAt).toBeGreaterThanOrEqual(55);
		const attempts = await kit.emu.control.webhookAttempts({ webhookId: id });
		expect(attempts.map((a) => [a.attempt, a.statusCode, a.ok])).toEqual([[1, 503, false], [2, 503, false], [3, 204, true]]);
		expect(attempts[0]).toMatchObject({ url: receiver.url, redelivery: false, simulated: false, error: null, headers: { 'Content-Type': 'application/json' } });
		const [d] = await kit.emu.control.webhookDeliveries({ webhookId: id });
		expect(d).toMatchObject({ status: 'succeeded', attemptCount: 3, event: 'interview.started' });
		expect((await kit.api.get(`/webhooks/${id}`)).data.data.consecutiveFailures).toBe(0);
	});

	it('gives up after maxRetries retries; timeouts and refused connections count as failures', async () => {
		await kit.emu.control.setWebhookOptions({ timeoutMs: 100 });
		const id = await createHook();
		receiver.respond(() => ({ hang: true }));
		const iv = await jobInterview();
		await kit.emu.control.advanceInterview(iv.id, { status: 'IN_PROGRESS' });
		const attempts = await kit.emu.control.waitForWebhookAttempts(4, { webhookId: id });
		await sleep(150);
		expect(await kit.emu.control.webhookAttempts({ webhookId: id })).toHaveLength(4);
		expect(attempts.every((a) => a.statusCode === null && /timeout/.test(a.error ?? ''))).toBe(true);
		expect((await kit.emu.control.webhookDeliveries({ webhookId: id }))[0].status).toBe('failed');
		expect((await kit.api.get(`/webhooks/${id}`)).data.data).toMatchObject({ consecutiveFailures: 4, isActive: true, circuitOpenedAt: null });

		const closed = await startWebhookReceiver();
		await closed.close();
		const refused = await createHook({ url: closed.url, events: ['ping'] });
		const res = await kit.api.post(`/webhooks/${refused}/test`);
		expect(res.data.data).toEqual({ success: false, message: expect.stringMatching(/ECONNREFUSED/) });
	});

	it('opens the circuit after failureThreshold consecutive failures; reset-circuit closes it', async () => {
		await kit.emu.control.setWebhookOptions({ failureThreshold: 3 });
		const id = await createHook();
		receiver.respond(() => ({ status: 500 }));
		const iv = await jobInterview();
		await kit.emu.control.advanceInterview(iv.id, { status: 'IN_PROGRESS' });
		await kit.emu.control.waitForWebhookAttempts(3);
		await sleep(150);
		expect(await kit.emu.control.webhookAttempts()).toHaveLength(3);
		const cfg = (await kit.api.get(`/webhooks/${id}`)).data.data;
		expect(cfg).toMatchObject({ isActive: false, consecutiveFailures: 3, circuitOpenedAt: expect.any(String) });
		expect((await kit.emu.control.webhookDeliveries())[0]).toMatchObject({ status: 'cancelled', cancelReason: 'circuit open' });
		// while open: no deliveries are created, the test creates none, PATCH isActive:true does not close it
		await kit.api.patch(`/webhooks/${id}`, { isActive: true });
		await kit.emu.control.advanceInterview(iv.id, { status: 'COMPLETED' });
		expect((await kit.api.post(`/webhooks/${id}/test`)).data.data).toEqual({ success: false, message: expect.stringMatching(/No delivery created/) });
		expect(await kit.emu.control.webhookDeliveries()).toHaveLength(1);

		receiver.respond(() => ({ status: 200 }));
		const reset = await kit.api.post(`/webhooks/${id}/reset-circuit`);
		expect(reset.data.data).toMatchObject({ isActive: true, consecutiveFailures: 0, circuitOpenedAt: null });
		expect((await kit.api.post(`/webhooks/${id}/test`)).data.data.success).toBe(true);
	});

	it('disabling or deleting a webhook cancels its pending retries', async () => {
		await kit.emu.control.setWebhookOptions({ retryDelaysMs: [100] });
		const disabled = await createHook();
		const deleted = await createHook();
		receiver.respond(() => ({ status: 500 }));
		const iv = await jobInterview();
		await kit.emu.control.advanceInterview(iv.id, { status: 'IN_PROGRESS' });
		await kit.emu.control.waitForWebhookAttempts(2);
		await kit.api.patch(`/webhooks/${disabled}`, { isActive: false });
		expect((await kit.api.delete(`/webhooks/${deleted}`)).status).toBe(204);
		await sleep(250);
		expect(await kit.emu.control.webhookAttempts()).toHaveLength(2);
		const ds = await kit.emu.control.webhookDeliveries();
		expect(ds.map((d) => [d.webhookId, d.status, d.cancelReason]).sort()).toEqual(
			[[disabled, 'cancelled', 'webhook disabled'], [deleted, 'cancelled', 'webhook deleted']].sort(),
		);
	});
	it('a webhook disabled while an attempt is in flight is not retried', async () => {
		const id = await createHook();
		receiver.respond(() => ({ status: 500, delayMs: 150 }));
		const iv = await jobInterview();
		await kit.emu.control.advanceInterview(iv.id, { status: 'IN_PROGRESS' });
		await receiver.waitFor(1);
		await kit.api.patch(`/webhooks/${id}`, { isActive: false });
		await kit.emu.control.waitForWebhookAttempts(1);
		await sleep(150);
		expect(receiver.received).toHaveLength(1);
		expect((await kit.emu.control.webhookDeliveries())[0]).toMatchObject({ status: 'cancelled', cancelReason: 'webhook disabled' });
	});
});

describe('control calls', () => {
	it('redeliver sends the same deliveryId and byte-identical body again', async () => {
		await createHook();
		const iv = await jobInterview();
		await kit.emu.control.advanceInterview(iv.id, { status: 'IN_PROGRESS' });
		const [first] = await receiver.waitFor(1);
		const [attempt] = await kit.emu.control.waitForWebhookAttempts(1);
		const again = await kit.emu.control.redeliverWebhook(attempt.deliveryId);
		expect(again).toMatchObject({ deliveryId: attempt.deliveryId, attempt: 2, redelivery: true, ok: true, statusCode: 200 });
		const got = await receiver.waitFor(2);
		expect(got[1].raw).toBe(first.raw);
		await expect(kit.emu.control.redeliverWebhook('nope')).rejects.toThrow(/404/);
	});

	it('hold queues deliveries without sending; release sends them', async () => {
		await createHook();
		await kit.emu.control.holdWebhooks();
		const iv = await jobInterview();
		await kit.emu.control.advanceInterview(iv.id, { status: 'IN_PROGRESS' });
		await kit.emu.control.advanceInterview(iv.id, { status: 'COMPLETED' });
		await sleep(80);
		expect(receiver.received).toHaveLength(0);
		expect((await kit.emu.control.webhookDeliveries()).map((d) => d.status)).toEqual(['held', 'held']);
		expect(await kit.emu.control.webhooksIdle()).toBe(false);
		expect(await kit.emu.control.releaseWebhooks()).toBe(2);
		await receiver.waitFor(2);
		expect(events()).toEqual(['interview.completed', 'interview.started']);
		await kit.emu.control.waitForWebhookAttempts(2);
		expect(await kit.emu.control.webhooksIdle()).toBe(true);
	});

	it('fail makes the next attempts fail without sending (HTTP status or network error), then retries go through', async () => {
		await createHook();
		await kit.emu.control.failWebhookDeliveries({ times: 1, status: 503 });
		await kit.emu.control.failWebhookDeliveries({ times: 1, error: 'connection' });
		const iv = await jobInterview();
		await kit.emu.control.advanceInterview(iv.id, { status: 'IN_PROGRESS' });
		const attempts = await kit.emu.control.waitForWebhookAttempts(3);
		expect(attempts.map((a) => [a.simulated, a.statusCode, a.ok])).toEqual([[true, 503, false], [true, null, false], [false, 200, true]]);
		expect(attempts[1].error).toMatch(/ECONNREFUSED/);
		expect(receiver.received).toHaveLength(1);
		await kit.emu.control.failWebhookDeliveries({ times: 5 });
		await kit.emu.control.clearWebhookFailures();
		expect((await kit.emu.control.pingWebhook((await kit.emu.control.webhooks())[0].id)).success).toBe(true);
	});

	it('emit fires any event with a given data object; the log lists the webhooks with their internals', async () => {
		const id = await createHook({ events: ['sourcing.completed'], headers: [{ name: 'X-Token', value: 'abc' }] });
		const ids = await kit.emu.control.emitWebhookEvent({ event: 'SOURCING_COMPLETED', data: { requestId: 'req_1' } });
		expect(ids).toHaveLength(1);
		const [got] = await receiver.waitFor(1);
		expect(got.body).toEqual({ event: 'sourcing.completed', timestamp: expect.any(String), deliveryId: ids[0], data: { requestId: 'req_1' } });
		const [hook] = await kit.emu.control.webhooks();
		expect(hook).toMatchObject({ id, headers: [{ name: 'X-Token', value: 'abc' }], signingSecret: expect.stringMatching(/^[0-9a-f]{64}$/) });
	});

	it('deliveries to non-loopback hosts fail without a connection unless allowExternalDelivery is on', async () => {
		const id = await createHook({ url: 'https://hooks.example.invalid/x', events: ['ping'] });
		const res = await kit.api.post(`/webhooks/${id}/test`);
		expect(res.data.data.success).toBe(false);
		expect((await kit.emu.control.webhookAttempts())[0].error).toMatch(/loopback/);
	});

	it('reset drops webhooks, deliveries, the log and pending retries', async () => {
		await kit.emu.control.setWebhookOptions({ retryDelaysMs: [100] });
		await createHook();
		receiver.respond(() => ({ status: 500 }));
		const iv = await jobInterview();
		await kit.emu.control.advanceInterview(iv.id, { status: 'IN_PROGRESS' });
		await kit.emu.control.waitForWebhookAttempts(1);
		await kit.emu.control.reset();
		await sleep(200);
		expect(receiver.received).toHaveLength(1);
		expect(await kit.emu.control.webhooks()).toEqual([]);
		expect(await kit.emu.control.webhookAttempts()).toEqual([]);
		expect(await kit.emu.control.webhooksIdle()).toBe(true);
		expect((await kit.emu.control.getWebhookOptions()).retryDelaysMs).toEqual([100]);
	});
});
