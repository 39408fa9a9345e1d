/** Webhook endpoints: scopes, body rules, HTTPS rule, ownership and company isolation, test, reset-circuit. */
import { DEFAULT_COMPANY_ID, startWebhookReceiver, type WebhookReceiver } from './index';
import { expect400, expectOk, startKit, type Kit } from './testkit';

const OTHER_COMPANY = 'c0a80002-0000-4000-8000-000000000002';
const READ_ONLY = 'sk_test_webhooks_read_only';
const NO_WEBHOOK_SCOPES = 'sk_test_no_webhook_scopes';
const SAME_COMPANY_OTHER_KEY = 'sk_test_same_company_other_key';
const ATS = 'sk_test_ats_integration';

let kit: Kit;
let receiver: WebhookReceiver;
beforeAll(async () => {
	kit = await startKit({ webhooks: { allowLoopbackHttp: true, retryDelaysMs: [20], timeoutMs: 1000 } });
	receiver = await startWebhookReceiver();
});
afterAll(async () => {
	await kit.emu.close();
	await receiver.close();
});
beforeEach(async () => {
	const c = kit.emu.control;
	await c.reset();
	await c.setWebhookOptions({ allowLoopbackHttp: true });
	await c.addApiKey({ key: READ_ONLY, scopes: ['read:webhooks'] });
	await c.addApiKey({ key: NO_WEBHOOK_SCOPES, scopes: ['read:interviews'] });
	await c.addApiKey({ key: SAME_COMPANY_OTHER_KEY, scopes: ['read:webhooks', 'write:webhooks'] });
	await c.addApiKey({ key: ATS, scopes: ['read:webhooks', 'write:webhooks'], ats: true, companyId: '00000000-0000-4000-8000-00000000a75a' });
	receiver.received.length = 0;
	receiver.respond(() => ({ status: 200 }));
});

const body = (extra: Record<string, unknown> = {}) => ({ url: receiver.url, events: ['analysis.completed', 'ping'], ...extra });

async function createHook(extra: Record<string, unknown> = {}, key?: string): Promise<string> {
	const api = key ? kit.as(key) : kit.api;
	const res = await api.post('/webhooks', body(extra));
	expectOk(res, 201);
	return res.data.data.id as string;
}

describe('POST /webhooks', () => {
	it('answers 201 with id, a 64-hex signingSecret shown only here, url, events and isActive', async () => {
		const res = await kit.api.post('/webhooks', body({ name: 'n8n', headers: [{ name: 'X-Token', value: 's3cret' }] }));
		expectOk(res, 201);
		expect(Object.keys(res.data.data).sort()).toEqual(['events', 'id', 'isActive', 'signingSecret', 'url']);
		expect(res.data.data).toMatchObject({ url: receiver.url, events: ['analysis.completed', 'ping'], isActive: true });
		expect(res.data.data.signingSecret).toMatch(/^[0-9a-f]{64}$/);
		const got = await kit.api.get(`/webhooks/${res.data.data.id}`);
		expectOk(got);
		expect(got.data.data).not.toHaveProperty('signingSecret');
		expect(JSON.stringify(got.data)).not.toContain('s3cret');
	});

	it('accepts the dotted, upper-case and numeric event encodings and reads them back dotted', async () => {
		const id = await createHook({ events: ['INTERVIEW_COMPLETED', 0, 'interview.started', 'SOURCING_FAILED', 'enrich.completed'] });
		const got = await kit.api.get(`/webhooks/${id}`);
		expect(got.data.data.events).toEqual(['interview.completed', 'analysis.completed', 'interview.started', 'sourcing.failed', 'enrich.completed']);
	});

	it('the config object: masked headers, apiKeyId, null companyId for a global webhook, retry settings, circuit fields', async () => {
		const id = await createHook({ name: 'Hook', description: 'for n8n', headers: [{ name: 'X-A', value: '1' }, { name: 'X-B', value: '2' }] });
		const { data } = (await kit.api.get(`/webhooks/${id}`)).data;
		expect(data).toEqual({
			id, apiKeyId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), companyId: null,
			url: receiver.url, name: 'Hook', description: 'for n8n',
			headers: [{ name: 'X-A', isMasked: true }, { name: 'X-B', isMasked: true }],
			events: ['analysis.completed', 'ping'], isActive: true, maxRetries: 3, timeoutMs: 1000,
			consecutiveFailures: 0, circuitOpenedAt: null, createdAt: expect.any(String), updatedAt: expect.any(String),
		});
		const bare = (await kit.api.get(`/webhooks/${await createHook()}`)).data.data;
		expect(bare).toMatchObject({ name: null, description: null, headers: [] });
	});

	it('requires url and events and reports every failing field', async () => {
		const res = await kit.api.post('/webhooks', {});
		expect400(res, 'url');
		expect400(res, 'events');
	});

	it.each([
		['url', 'http to a public host', { url: 'http://example.com/hook' }],
		['url', 'another scheme', { url: 'ftp://example.com/hook' }],
		['url', 'not a URL', { url: 'not a url' }],
		['url', 'more than 2048 characters', { url: `https://example.com/${'a'.repeat(2040)}` }],
		['events', 'no events', { events: [] }],
		['events', 'events not an array', { events: 'ping' }],
		['events[1]', 'an unknown event', { events: ['ping', 'interview.updated'] }],
		['events[1]', 'the same event twice (two encodings)', { events: ['ping', 'PING'] }],
		['name', 'name over 255', { name: 'x'.repeat(256) }],
		['name', 'empty name', { name: '' }],
		['description', 'description over 1000', { description: 'x'.repeat(1001) }],
		['companyId', 'companyId not a UUID', { companyId: 'not-a-uuid' }],
		['headers', '51 headers', { headers: Array.from({ length: 51 }, (_v, i) => ({ name: `X-${i}`, value: 'v' })) }],
		['headers[0].name', 'a header name that is not an HTTP token', { headers: [{ name: 'Bad Name', value: 'v' }] }],
		['headers[0].name', 'a header the delivery owns', { headers: [{ name: 'Content-Type', value: 'text/plain' }] }],
		['headers[1].name', 'a duplicate header name', { headers: [{ name: 'X-Token', value: 'a' }, { name: 'x-token', value: 'b' }] }],
		['headers[0].value', 'an empty header value', { headers: [{ name: 'X-Token', value: '' }] }],
		['headers[0].value', 'a header value over 4096', { headers: [{ name: 'X-Token', value: 'v'.repeat(4097) }] }],
		['headers[0].value', 'CR/LF in a header value', { headers: [{ name: 'X-Token', value: 'a\r\nInjected: 1' }] }],
		['headers[0].extra', 'an unknown header field', { headers: [{ name: 'X-Token', value: 'v', extra: 1 }] }],
		['isActive', 'isActive (not a create field)', { isActive: true }],
		['maxRetries', 'maxRetries (not a create field)', { maxRetries: 5 }],
	])('400 naming %s: %s', async (field, _label, extra) => {
		expect400(await kit.api.post('/webhooks', body(extra)), field);
	});

	it('plain http only to loopback and only when the emulator allows it', async () => {
		expectOk(await kit.api.post('/webhooks', body({ url: 'http://localhost:9/hook' })), 201);
		expectOk(await kit.api.post('/webhooks', body({ url: 'http://[::1]:9/hook' })), 201);
		expect400(await kit.api.post('/webhooks', body({ url: 'http://10.0.0.1/hook' })), 'url');
		await kit.emu.control.setWebhookOptions({ allowLoopbackHttp: false });
		const res = await kit.api.post('/webhooks', body());
		expect400(res, 'url');
		expect(res.data.error.message).toMatch(/HTTPS/);
		expectOk(await kit.api.post('/webhooks', body({ url: 'https://127.0.0.1:9/hook' })), 201);
	});

	it('a regular key can only scope a webhook to its own company', async () => {
		expectOk(await kit.api.post('/webhooks', body({ companyId: DEFAULT_COMPANY_ID })), 201);
		const res = await kit.api.post('/webhooks', body({ companyId: OTHER_COMPANY }));
		expect(res.status).toBe(403);
		expect(res.data.error.code).toBe('RESOURCE_ACCESS_DENIED');
	});

	it('?companyId= on create is ignored: only the body scopes a webhook (an ATS key creates a global one)', async () => {
		const res = await kit.as(ATS).post(`/webhooks?companyId=${OTHER_COMPANY}`, body());
		expectOk(res, 201);
		expect((await kit.as(ATS).get(`/webhooks/${res.data.data.id}`)).data.data.companyId).toBeNull();
	});
});

describe('scopes', () => {
	it('list and get need read:webhooks; create, update, delete, test and reset-circuit need write:webhooks', async () => {
		const id = await createHook();
		expectOk(await kit.as(READ_ONLY).get('/webhooks'));
		for (const res of [await kit.as(NO_WEBHOOK_SCOPES).get('/webhooks'), await kit.as(NO_WEBHOOK_SCOPES).get(`/webhooks/${id}`)]) {
			expect(res.status).toBe(403);
			expect(res.data.error).toMatchObject({ code: 'INSUFFICIENT_PERMISSIONS', details: { missingScope: 'read:webhooks' } });
		}
		const ro = kit.as(READ_ONLY);
		for (const res of [
			await ro.post('/webhooks', body()),
			await ro.patch(`/webhooks/${id}`, { name: 'x' }),
			await ro.delete(`/webhooks/${id}`),
			await ro.post(`/webhooks/${id}/test`),
			await ro.post(`/webhooks/${id}/reset-circuit`),
		]) {
			expect(res.status).toBe(403);
			expect(res.data.error).toMatchObject({ code: 'INSUFFICIENT_PERMISSIONS', details: { missingScope: 'write:webhooks' } });
		}
	});
});

describe('GET /webhooks', () => {
	it('returns { data, total } in the envelope whatever the list shape, newest first, only the key\'s own webhooks', async () => {
		const a = await createHook();
		await kit.emu.control.advanceClock(1000);
		const b = await createHook({ companyId: DEFAULT_COMPANY_ID });
		await createHook({}, SAME_COMPANY_OTHER_KEY);
		await kit.emu.control.setOptions({ listShape: 'items' });
		const res = await kit.api.get('/webhooks');
		await kit.emu.control.setOptions({ listShape: 'nested' });
		expectOk(res);
		expect(res.data.success).toBe(true);
		expect(res.data.data.total).toBe(2);
		expect(res.data.data.data.map((w: { id: string }) => w.id)).toEqual([b, a]);
	});

	it('?companyId= returns only that company\'s webhooks (global ones excluded)', async () => {
		await createHook();
		const scoped = await createHook({ companyId: DEFAULT_COMPANY_ID });
		const res = await kit.api.get(`/webhooks?companyId=${DEFAULT_COMPANY_ID}`);
		expect(res.data.data).toEqual({ data: [expect.objectContaining({ id: scoped })], total: 1 });
		expect((await kit.api.get(`/webhooks?companyId=${OTHER_COMPANY}`)).status).toBe(403);
	});

	it('accepts no pagination or other query parameters', async () => {
		expect400(await kit.api.get('/webhooks?page=1'), 'page');
		expect400(await kit.api.get('/webhooks?limit=100'), 'limit');
		expect400(await kit.api.get('/webhooks?companyId=nope'), 'companyId');
	});

	it('an ATS key lists every webhook it made; ?companyId= narrows to one company', async () => {
		const ats = kit.as(ATS);
		const global = await createHook({}, ATS);
		const scoped = await createHook({ companyId: OTHER_COMPANY }, ATS);
		expect((await ats.get('/webhooks')).data.data.total).toBe(2);
		expect((await ats.get(`/webhooks?companyId=${OTHER_COMPANY}`)).data.data.data.map((w: { id: string }) => w.id)).toEqual([scoped]);
		expectOk(await ats.get(`/webhooks/${scoped}?companyId=${OTHER_COMPANY}`));
		expect((await ats.get(`/webhooks/${scoped}?companyId=${DEFAULT_COMPANY_ID}`)).status).toBe(403);
		expect((await ats.get(`/webhooks/${global}?companyId=${OTHER_COMPANY}`)).status).toBe(403);
		expectOk(await ats.get(`/webhooks/${global}`));
	});
});

describe('GET / PATCH / DELETE /webhooks/{id}', () => {
	it('404 for unknown or deleted ids, 400 for non-UUIDs, 403 for a webhook of another key (even of the same company)', async () => {
		const id = await createHook();
		const unknown = '7d9f1a4e-0000-4000-8000-000000000000';
		const res = await kit.api.get(`/webhooks/${unknown}`);
		expect(res.status).toBe(404);
		expect(res.data.error).toMatchObject({ code: 'RESOURCE_NOT_FOUND', details: { resourceType: 'Webhook', resourceId: unknown } });
		expect400(await kit.api.get('/webhooks/abc'), 'id');
		const other = await kit.as(SAME_COMPANY_OTHER_KEY).get(`/webhooks/${id}`);
		expect(other.status).toBe(403);
		expect(other.data.error.code).toBe('RESOURCE_ACCESS_DENIED');
		expect((await kit.as(SAME_COMPANY_OTHER_KEY).delete(`/webhooks/${id}`)).status).toBe(403);
	});

	it('PATCH changes only the fields sent; headers replace the whole list; isActive:false disables', async () => {
		const id = await createHook({ name: 'Old', headers: [{ name: 'X-A', value: '1' }, { name: 'X-B', value: '2' }] });
		await kit.emu.control.advanceClock(5000);
		const res = await kit.api.patch(`/webhooks/${id}`, { headers: [{ name: 'X-C', value: '3' }], isActive: false, events: ['PING'] });
		expectOk(res);
		expect(res.data.data).toMatchObject({ name: 'Old', url: receiver.url, headers: [{ name: 'X-C', isMasked: true }], isActive: false, events: ['ping'] });
		expect(res.data.data.updatedAt > res.data.data.createdAt).toBe(true);
		expect((await kit.emu.control.webhooks())[0].headers).toEqual([{ name: 'X-C', value: '3' }]);
		expectOk(await kit.api.patch(`/webhooks/${id}`, {}));
	});

	it('PATCH applies the create rules and refuses companyId and unknown fields', async () => {
		const id = await createHook();
		expect400(await kit.api.patch(`/webhooks/${id}`, { url: 'http://example.com/x' }), 'url');
		expect400(await kit.api.patch(`/webhooks/${id}`, { events: [] }), 'events');
		expect400(await kit.api.patch(`/webhooks/${id}`, { isActive: 'yes' }), 'isActive');
		expect400(await kit.api.patch(`/webhooks/${id}`, { companyId: DEFAULT_COMPANY_ID }), 'companyId');
	});

	it('DELETE answers 204 with no body; the webhook is gone afterwards', async () => {
		const id = await createHook();
		const res = await kit.api.delete(`/webhooks/${id}`);
		expect(res.status).toBe(204);
		expect(res.data).toBe('');
		expect((await kit.api.get(`/webhooks/${id}`)).status).toBe(404);
		expect((await kit.api.delete(`/webhooks/${id}`)).status).toBe(404);
		expect((await kit.api.get('/webhooks')).data.data.total).toBe(0);
	});
});

describe('POST /webhooks/{id}/test', () => {
	it('pings the URL and reports deliveryId, httpStatus and durationMs on success', async () => {
		const id = await createHook({ headers: [{ name: 'X-Token', value: 'tok' }] });
		const res = await kit.api.post(`/webhooks/${id}/test`);
		expectOk(res);
		expect(res.data.data).toEqual({ success: true, deliveryId: expect.any(String), httpStatus: 200, durationMs: expect.any(Number), message: expect.any(String) });
		expect(receiver.received).toHaveLength(1);
		const got = receiver.received[0];
		expect(got.headers['x-token']).toBe('tok');
		expect(got.body).toEqual({ event: 'ping', timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), deliveryId: res.data.data.deliveryId, data: { webhookId: id, message: expect.any(String) } });
	});

	it('envelope success stays true when the test fails; data has only success and message', async () => {
		receiver.respond(() => ({ status: 500 }));
		const id = await createHook();
		const res = await kit.api.post(`/webhooks/${id}/test`);
		expectOk(res);
		expect(res.data.success).toBe(true);
		expect(res.data.data).toEqual({ success: false, message: expect.stringMatching(/HTTP 500/) });
	});

	it('a webhook not subscribed to ping, or disabled, creates no delivery', async () => {
		const notPing = await createHook({ events: ['analysis.completed'] });
		const r1 = await kit.api.post(`/webhooks/${notPing}/test`);
		expect(r1.data.data).toEqual({ success: false, message: expect.stringMatching(/not subscribed to the ping event/) });
		const disabled = await createHook();
		await kit.api.patch(`/webhooks/${disabled}`, { isActive: false });
		const r2 = await kit.api.post(`/webhooks/${disabled}/test`);
		expect(r2.data.data).toEqual({ success: false, message: expect.stringMatching(/No delivery created/) });
		expect(receiver.received).toHaveLength(0);
		expect(await kit.emu.control.webhookDeliveries()).toHaveLength(0);
	});

	it('reports a connection timeout', async () => {
		await kit.emu.control.setWebhookOptions({ timeoutMs: 100, retryDelaysMs: [60000] });
		receiver.respond(() => ({ hang: true }));
		const res = await kit.api.post(`/webhooks/${await createHook()}/test`);
		await kit.emu.control.setWebhookOptions({ timeoutMs: 1000, retryDelaysMs: [20] });
		expect(res.data.data).toEqual({ success: false, message: expect.stringMatching(/timeout/) });
	});
});

describe('POST /webhooks/{id}/reset-circuit', () => {
	it('sets consecutiveFailures 0, circuitOpenedAt null and isActive true', async () => {
		const id = await createHook();
		await kit.api.patch(`/webhooks/${id}`, { isActive: false });
		const res = await kit.api.post(`/webhooks/${id}/reset-circuit`);
		expectOk(res);
		expect(res.data.data).toMatchObject({ id, consecutiveFailures: 0, circuitOpenedAt: null, isActive: true });
	});
});
