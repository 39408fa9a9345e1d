/**
 * The webhook trigger against the emulator: real registrations, and real deliveries from the
 * emulator to a loopback server that hands each request to the node's webhook().
 */
import type { IDataObject } from 'n8n-workflow';

import { confirmSettings } from '../../../nodes/Instaview/trigger/webhook/confirm';
import { REGISTRATION_HEADER } from '../../../nodes/Instaview/trigger/webhook/verify';
import { DEMO_API_KEY, DEMO_IDS } from '../../helpers/instaview';
import { createHookContext } from '../../helpers/webhookContext';
import { methods, registrationOf, useWebhookTrigger } from './trigger/webhook/harness';

const { env, credentials, activate, completeAnalysis, settle } = useWebhookTrigger();

describe('registration', () => {
	test('activation registers exactly one webhook for the URL, the chosen events and ping, with the secret header', async () => {
		const a = await activate({ events: ['analysis.completed', 'interview.failed'], options: {} });
		const hooks = await env.emulator.control.webhooks();
		expect(hooks).toHaveLength(1);
		const [hook] = hooks;
		const stored = registrationOf(a);
		expect(hook.id).toBe(stored.webhookId);
		expect(hook.url).toBe(a.receiver.url);
		expect([...hook.events].sort()).toEqual(['analysis.completed', 'interview.failed', 'ping']);
		expect(hook.headers).toEqual([{ name: REGISTRATION_HEADER, value: stored.secret }]);
		expect(stored.secret).toMatch(/^[0-9a-f]{64}$/);
		expect(hook.name).toMatch(/^n8n: Webhook test \(wf-under-test\) \/ InstaView Webhook Trigger$/);
		const posts = await env.emulator.control.requests({ method: 'POST', path: '/webhooks' });
		expect(posts).toHaveLength(1);
		expect((posts[0].body as IDataObject).companyId).toBeUndefined();
	});

	test('an ATS credential scopes the webhook to its company', async () => {
		const staticData: IDataObject = {};
		const parameters = { events: ['analysis.completed'], options: {} };
		const ats = { apiKey: 'sk_test_atswebhook00000000000000000000000000000000', baseUrl: env.emulator.url, companyId: DEMO_IDS.companyId };
		await env.emulator.control.addApiKey({ key: ats.apiKey, scopes: ['read:webhooks', 'write:webhooks'], ats: true });
		const hook = createHookContext({ parameters, credentials: ats, staticData, webhookUrl: 'http://127.0.0.1:9/x' });
		expect(await methods.create.call(hook)).toBe(true);
		const [posted] = await env.emulator.control.requests({ method: 'POST', path: '/webhooks' });
		expect((posted.body as IDataObject).companyId).toBe(DEMO_IDS.companyId);
		expect(await methods.checkExists.call(hook)).toBe(true);
		expect(await methods.delete.call(hook)).toBe(true);
		expect(await env.emulator.control.webhooks()).toHaveLength(0);
	});

	test('checkExists finds the live registration: a restart or update registers nothing twice', async () => {
		const a = await activate();
		await env.emulator.control.clearRequests();
		expect(await methods.checkExists.call(a.hook)).toBe(true);
		expect(await env.emulator.control.requests({ method: 'POST' })).toHaveLength(0);
		expect(await env.emulator.control.webhooks()).toHaveLength(1);
	});

	test('a webhook whose circuit opened is switched on again, not duplicated', async () => {
		const a = await activate();
		const { webhookId } = registrationOf(a);
		await env.emulator.control.failWebhookDeliveries({ times: 5, webhookId });
		for (let i = 0; i < 5; i++) await env.emulator.control.pingWebhook(webhookId);
		await env.emulator.control.clearWebhookFailures();
		expect((await env.emulator.control.webhooks())[0].isActive).toBe(false);
		expect(await methods.checkExists.call(a.hook)).toBe(true);
		const [hook] = await env.emulator.control.webhooks();
		expect(hook.isActive).toBe(true);
		expect(hook.circuitOpenedAt).toBeNull();
		expect(await env.emulator.control.requests({ method: 'POST', path: `/webhooks/${webhookId}/reset-circuit` })).toHaveLength(1);
	});

	test('a registration deleted in InstaView, or made for another URL or other events, is replaced', async () => {
		const a = await activate();
		const first = registrationOf(a).webhookId;
		// other events chosen since: our old webhook is deleted, a new one created
		a.parameters.events = ['analysis.completed', 'analysis.failed'];
		expect(await methods.checkExists.call(a.hook)).toBe(false);
		expect(await env.emulator.control.webhooks()).toHaveLength(0);
		expect(await methods.create.call(a.hook)).toBe(true);
		const second = registrationOf(a).webhookId;
		expect(second).not.toBe(first);
		// deleted in InstaView
		await env.emulator.control.clearRequests();
		env.emulator.state.webhooks.webhooks.clear();
		expect(await methods.checkExists.call(a.hook)).toBe(false);
		expect(a.staticData.registration).toBeUndefined();
	});

	test('deactivation deletes our webhook only, and a webhook already gone counts as deleted', async () => {
		const a = await activate();
		// someone else's webhook for the same URL
		const other = await env.emulator.control.addApiKey({ key: 'sk_test_otherowner000000000000000000000000000000', scopes: ['write:webhooks', 'read:webhooks'] });
		expect(other).toBeDefined();
		const foreign = await fetch(`${env.emulator.url}/webhooks`, {
			method: 'POST',
			headers: { authorization: 'Bearer sk_test_otherowner000000000000000000000000000000', 'content-type': 'application/json' },
			body: JSON.stringify({ url: a.receiver.url, events: ['analysis.completed'] }),
		});
		expect(foreign.status).toBe(201);
		expect(await methods.delete.call(a.hook)).toBe(true);
		expect(a.staticData.registration).toBeUndefined();
		const left = await env.emulator.control.webhooks();
		expect(left).toHaveLength(1);
		expect(left[0].apiKey).toBe('sk_test_otherowner000000000000000000000000000000');
		// nothing stored: nothing to delete
		expect(await methods.delete.call(a.hook)).toBe(true);
		// already deleted in InstaView (404)
		const b = await activate();
		const { webhookId } = registrationOf(b);
		await env.emulator.control.clearRequests();
		const gone = await fetch(`${env.emulator.url}/webhooks/${webhookId}`, { method: 'DELETE', headers: { authorization: `Bearer ${DEMO_API_KEY}` } });
		expect(gone.status).toBe(204);
		expect(await methods.delete.call(b.hook)).toBe(true);
		expect(b.staticData.registration).toBeUndefined();
	});

	test('a failed deletion keeps the registration, so the next activation finds it again', async () => {
		const a = await activate();
		const { webhookId } = registrationOf(a);
		await env.emulator.control.addFault({ method: 'DELETE', path: `/webhooks/${webhookId}`, status: 403, times: 1, body: { success: false, error: { code: 'X', message: 'no' } } });
		await env.emulator.control.addFault({ method: 'DELETE', path: `/webhooks/${webhookId}`, status: 401, times: 1 });
		// 403 means the webhook is not ours to manage any more: forgotten
		expect(await methods.delete.call(a.hook)).toBe(true);
		const b = await activate();
		await env.emulator.control.addFault({ method: 'DELETE', path: `/webhooks/${registrationOf(b).webhookId}`, status: 401, times: 1 });
		expect(await methods.delete.call(b.hook)).toBe(false);
		expect(registrationOf(b).webhookId).toBeDefined();
		expect(await methods.checkExists.call(b.hook)).toBe(true);
	});

	test('deactivation while the key\'s minute window is spent waits for it to reset, then deletes', async () => {
		const a = await activate();
		// the deliveries' reads spent the window (another workflow on the key could, too)
		await env.emulator.control.setRateLimit({ perMinute: 2, perHour: 1000, windowMs: 1500 });
		await env.emulator.control.clearRequests();
		for (let i = 0; i < 3; i++) await fetch(`${env.emulator.url}/jobs`, { headers: { authorization: `Bearer ${DEMO_API_KEY}` } });
		expect(await methods.delete.call(a.hook)).toBe(true);
		expect(a.staticData.registration).toBeUndefined();
		expect(await env.emulator.control.webhooks()).toHaveLength(0);
		const deletes = await env.emulator.control.requests({ method: 'DELETE' });
		expect(deletes.map((r) => r.status)).toEqual([429, 204]);
	});

	test('InstaView refusing a plain-HTTP URL gets an error asking for a public HTTPS webhook URL', async () => {
		await env.emulator.control.setWebhookOptions({ allowLoopbackHttp: false });
		try {
			const staticData: IDataObject = {};
			const hook = createHookContext({ parameters: { events: ['analysis.completed'], options: {} }, credentials: credentials(), staticData, webhookUrl: 'http://127.0.0.1:5678/webhook/x' });
			const error = await methods.create.call(hook).then(() => undefined, (e: Error & { description?: string }) => e);
			expect(error?.message).toBe('InstaView accepts only HTTPS webhook URLs');
			expect(error?.description).toMatch(/public HTTPS address/);
			expect(staticData.registration).toBeUndefined();
		} finally {
			await env.emulator.control.setWebhookOptions({ allowLoopbackHttp: true });
		}
	});

	test('no event chosen is refused before any request', async () => {
		const hook = createHookContext({ parameters: { events: [], options: {} }, credentials: credentials(), staticData: {}, webhookUrl: 'http://127.0.0.1:9/x' });
		await expect(methods.create.call(hook)).rejects.toThrow('No event chosen');
		expect(await env.emulator.control.requests({ method: 'POST' })).toHaveLength(0);
	});
});

describe('receiving', () => {
	test('a completed analysis starts exactly one execution with the confirmed interview, in the polling trigger\'s shape', async () => {
		const a = await activate();
		await completeAnalysis(DEMO_IDS.interviews.mariaScreening, 88);
		await settle(a, 1);
		const executions = a.receiver.executions();
		expect(executions).toHaveLength(1);
		const [item] = executions[0];
		expect(item.json).toMatchObject({
			id: DEMO_IDS.interviews.mariaScreening,
			event: 'analysis.completed',
			analysisStatus: 'COMPLETED',
			overallRating: 88,
			confirmed: true,
		});
		expect(item.json.deliveryId).toEqual(expect.any(String));
		expect(item.json.agentId).toBe(DEMO_IDS.agents.screening);
		expect(await env.emulator.control.requests({ method: 'GET', path: `/interviews/${DEMO_IDS.interviews.mariaScreening}` })).toHaveLength(1);
	});

	test('a redelivered delivery starts nothing; a new event for the same interview does', async () => {
		const a = await activate();
		await completeAnalysis(DEMO_IDS.interviews.mariaScreening);
		await settle(a, 1);
		const deliveryId = String(a.receiver.executions()[0][0].json.deliveryId);
		// n8n does not persist static data written by webhook() when it starts an execution
		delete a.staticData.deliveries;
		const attempt = await env.emulator.control.redeliverWebhook(deliveryId);
		expect(attempt).toMatchObject({ ok: true, statusCode: 200 });
		await settle(a, 2);
		expect(a.receiver.handled[1].body).toMatchObject({ received: true, duplicate: true });
		expect(a.receiver.executions()).toHaveLength(1);
		await completeAnalysis(DEMO_IDS.interviews.mariaScreening, 90);
		await settle(a, 3);
		expect(a.receiver.executions()).toHaveLength(2);
	});

	test('a delivery retried after a failed answer is emitted once', async () => {
		const a = await activate();
		const { webhookId } = registrationOf(a);
		await env.emulator.control.failWebhookDeliveries({ times: 1, webhookId, error: 'timeout' });
		await completeAnalysis(DEMO_IDS.interviews.mariaScreening);
		await settle(a, 1);
		expect(a.receiver.executions()).toHaveLength(1);
		const deliveries = await env.emulator.control.webhookDeliveries({ webhookId });
		expect(deliveries[0]).toMatchObject({ status: 'succeeded', attemptCount: 2 });
	});

	test('a forged delivery (no or wrong secret) gets 401 and starts nothing, with no request to InstaView', async () => {
		const a = await activate();
		await env.emulator.control.clearRequests();
		const body = JSON.stringify({ event: 'analysis.completed', timestamp: new Date().toISOString(), deliveryId: 'forged-1', data: { interviewId: DEMO_IDS.interviews.janeScreening } });
		const headers = { 'content-type': 'application/json' };
		const none = await fetch(a.receiver.url, { method: 'POST', headers, body });
		const wrong = await fetch(a.receiver.url, { method: 'POST', headers: { ...headers, [REGISTRATION_HEADER]: 'f'.repeat(64) }, body });
		expect([none.status, wrong.status]).toEqual([401, 401]);
		expect(a.receiver.executions()).toHaveLength(0);
		expect(await env.emulator.control.requests()).toHaveLength(0);
		// the forged id was not remembered: a genuine delivery with it would still count
		expect(a.staticData.deliveries).toBeUndefined();
	});

	test('a ping is answered and starts nothing', async () => {
		const a = await activate();
		const result = await env.emulator.control.pingWebhook(registrationOf(a).webhookId);
		expect(result).toMatchObject({ success: true, httpStatus: 200 });
		expect(a.receiver.handled).toHaveLength(1);
		expect(a.receiver.executions()).toHaveLength(0);
	});

	test('an event InstaView does not bear out (analysis not complete now) starts nothing', async () => {
		const a = await activate();
		await env.emulator.control.emitWebhookEvent({ event: 'analysis.completed', interviewId: DEMO_IDS.interviews.peterScreening });
		await settle(a, 1);
		expect(a.receiver.handled[0].status).toBe(200);
		expect(a.receiver.executions()).toHaveLength(0);
	});

	test('filters: minimum rating and job', async () => {
		const a = await activate({ events: ['analysis.completed'], options: { minRating: 80, jobId: { __rl: true, mode: 'id', value: DEMO_IDS.jobs.designer } } });
		await completeAnalysis(DEMO_IDS.interviews.mariaScreening, 79); // designer job, rating too low
		await completeAnalysis(DEMO_IDS.interviews.johnScreening, 95); // backend job
		await completeAnalysis(DEMO_IDS.interviews.mariaScreening, 81); // passes
		await settle(a, 3);
		const emitted = a.receiver.executions().map((items) => [items[0].json.id, items[0].json.overallRating]);
		expect(emitted).toEqual([[DEMO_IDS.interviews.mariaScreening, 81]]);
	});

	test('interview events are emitted with their own name', async () => {
		const a = await activate({ events: ['interview.started', 'interview.completed'], options: {} });
		await env.emulator.control.advanceInterview(DEMO_IDS.interviews.mariaScreening, { status: 'IN_PROGRESS' });
		await settle(a, 1);
		await env.emulator.control.advanceInterview(DEMO_IDS.interviews.mariaScreening, { status: 'COMPLETED' });
		await settle(a, 2);
		expect(a.receiver.executions().map((items) => items[0].json.event)).toEqual(['interview.started', 'interview.completed']);
	});

	test('the PDF comes from the delivery itself, without a request', async () => {
		const a = await activate({ events: ['analysis.completed'], options: { downloadPdf: true, binaryPropertyName: 'report' } });
		await completeAnalysis(DEMO_IDS.interviews.mariaScreening);
		await settle(a, 1);
		const [item] = a.receiver.executions()[0];
		expect(item.binary?.report.mimeType).toBe('application/pdf');
		expect(Buffer.from(item.binary!.report.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
		expect(await env.emulator.control.requests({ path: `/interviews/${DEMO_IDS.interviews.mariaScreening}/analysis-pdf` })).toHaveLength(0);
	});

	test('confirmation and details off: the event as received, its PDF text left out, no request to InstaView', async () => {
		const a = await activate({ events: ['analysis.completed'], options: { confirm: false, addDetails: false } });
		await env.emulator.control.clearRequests();
		await completeAnalysis(DEMO_IDS.interviews.mariaScreening, 77);
		await settle(a, 1);
		const [item] = a.receiver.executions()[0];
		expect(item.json).toMatchObject({ event: 'analysis.completed', deliveryId: expect.any(String), data: { interviewId: DEMO_IDS.interviews.mariaScreening } });
		expect((item.json.data as IDataObject).analysisPdfBase64).toBeUndefined();
		expect(((item.json.data as IDataObject).analysis as IDataObject).general).toMatchObject({ overallRating: 77 });
		expect(await env.emulator.control.requests()).toHaveLength(0);
	});
});

describe('confirmation faults', () => {
	test('a transient failure of InstaView is retried and the event is emitted confirmed', async () => {
		const a = await activate();
		await env.emulator.control.addFault({ method: 'GET', path: `/interviews/${DEMO_IDS.interviews.mariaScreening}`, status: 503, times: 2 });
		await completeAnalysis(DEMO_IDS.interviews.mariaScreening);
		await settle(a, 1);
		expect(a.receiver.executions()).toHaveLength(1);
		expect(a.receiver.executions()[0][0].json.confirmed).toBe(true);
	});

	test('InstaView down: the event is still emitted once, marked unconfirmed, and the delivery answered 2xx', async () => {
		const a = await activate();
		await env.emulator.control.addFault({ method: 'GET', path: `/interviews/${DEMO_IDS.interviews.mariaScreening}`, status: 500, times: 100 });
		await completeAnalysis(DEMO_IDS.interviews.mariaScreening, 66);
		await settle(a, 1);
		const executions = a.receiver.executions();
		expect(executions).toHaveLength(1);
		expect(executions[0][0].json).toMatchObject({ id: DEMO_IDS.interviews.mariaScreening, confirmed: false, overallRating: 66, event: 'analysis.completed' });
		expect(String(executions[0][0].json.confirmationError)).toMatch(/InstaView/);
		const [delivery] = await env.emulator.control.webhookDeliveries({ webhookId: registrationOf(a).webhookId });
		expect(delivery).toMatchObject({ status: 'succeeded', attemptCount: 1 });
		await env.emulator.control.clearFaults();
	});

	test('InstaView too slow: the answer does not wait past the deadline', async () => {
		const saved = confirmSettings.deadlineMs;
		confirmSettings.deadlineMs = 300;
		try {
			const a = await activate();
			await env.emulator.control.addFault({ method: 'GET', path: `/interviews/${DEMO_IDS.interviews.mariaScreening}`, delayMs: 1500, status: 200, times: 1 });
			await completeAnalysis(DEMO_IDS.interviews.mariaScreening);
			await settle(a, 1);
			expect(a.receiver.executions()[0][0].json).toMatchObject({ confirmed: false, confirmationError: 'InstaView did not answer within 0 s' });
		} finally {
			confirmSettings.deadlineMs = saved;
		}
	});

	test('neither the API key nor the secret appears in items, errors or logs', async () => {
		const a = await activate();
		await env.emulator.control.addFault({ method: 'GET', path: `/interviews/${DEMO_IDS.interviews.mariaScreening}`, status: 500, times: 100, body: { success: false, error: { code: 'E', message: `boom ${DEMO_API_KEY}` } } });
		await completeAnalysis(DEMO_IDS.interviews.mariaScreening);
		await settle(a, 1);
		await fetch(a.receiver.url, { method: 'POST', headers: { [REGISTRATION_HEADER]: 'x' }, body: '{}' });
		const everything = JSON.stringify([a.receiver.handled, a.receiver.captured.logs]);
		expect(everything).not.toContain(DEMO_API_KEY);
		expect(everything).not.toContain(registrationOf(a).secret);
		await env.emulator.control.clearFaults();
	});
});
