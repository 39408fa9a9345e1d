/**
 * What the webhook trigger's e2e scenarios share (single process and queue mode): its own
 * InstaView company and key, the example workflow wired to a credential, and reads of the
 * emulator's webhooks and delivery attempts.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { ALL_SCOPES } from '../../emulator';
import { emulatorControl, emulatorRequests, EXAMPLES_DIR, PACKAGE_NAME, rest, waitFor, type N8nInstance, type WorkflowJson } from './stack';

export const WEBHOOK_TRIGGER_TYPE = `${PACKAGE_NAME}.instaviewWebhookTrigger`;
export const WEBHOOK_EXAMPLE = 'notify-instantly-on-high-rating-webhook.json';
export const WEBHOOK_KEY = 'sk_test_e2ewebhook0000000000000000000000000000000';
/** A company of its own, so the polling trigger's checks never see these events and this trigger never sees theirs. */
const COMPANY = 'c0ffee00-0000-4000-8000-00000000e2e1';
export const SECRET_HEADER = 'X-N8n-Instaview-Secret';

export interface EmuWebhook {
	id: string;
	url: string;
	events: string[];
	apiKey: string;
	isActive: boolean;
	headers: Array<{ name: string; value: string }>;
}
export interface Attempt {
	deliveryId: string;
	event: string;
	startedAt: string;
	statusCode: number | null;
	durationMs: number;
	payload?: unknown;
}
export interface InterviewParts {
	agentId: string;
	jobId: string;
	candidateId: string;
}

/** The webhooks InstaView holds for our key. */
export const webhooksOf = async (emuUrl: string) => (await emulatorControl<EmuWebhook[]>(emuUrl, 'GET', '/webhooks')).filter((w) => w.apiKey === WEBHOOK_KEY);

/**
 * n8n 2.41 (de)activates through its publication outbox, after the REST call has answered; and
 * when the key's minute window is spent (the latency check alone sends ~60 requests) the node
 * waits for the window to reset before it registers or deletes — so allow a whole window.
 */
const SETTLE_MS = 75 * 1000;

export const settledWebhooks = (emuUrl: string, count: number) =>
	waitFor(`${count} InstaView webhook(s)`, async () => {
		const list = await webhooksOf(emuUrl);
		return list.length === count ? list : undefined;
	}, SETTLE_MS, 100).catch(async () => webhooksOf(emuUrl));

/** The emulator's request log, only the requests made with our key. */
export const requestsWithKey = (emuUrl: string, filter: string) =>
	emulatorRequests(emuUrl, filter).then((list) => list.filter((r) => String(r.headers.authorization ?? '') === `Bearer ${WEBHOOK_KEY}`));

/** Delivery attempts of one event to one webhook that n8n answered 200, oldest first. */
export const acceptedAttempts = async (emuUrl: string, webhookId: string, event = 'analysis.completed') =>
	(await emulatorControl<Attempt[]>(emuUrl, 'GET', `/webhooks/attempts?webhookId=${webhookId}&event=${event}`)).filter((a) => a.statusCode === 200);

export function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Our key, company, agent, job and candidate in the emulator, and the n8n credential for the key. */
export async function prepareWebhookCompany(n8n: N8nInstance, emuUrl: string): Promise<{ parts: InterviewParts; credential: { id: string; name: string } }> {
	await emulatorControl(emuUrl, 'POST', '/api-keys', { key: WEBHOOK_KEY, scopes: ALL_SCOPES, companyId: COMPANY });
	const agent = await emulatorControl<{ id: string }>(emuUrl, 'POST', '/agents', { companyId: COMPANY, name: 'Webhook e2e agent' });
	const job = await emulatorControl<{ id: string }>(emuUrl, 'POST', '/jobs', { companyId: COMPANY, title: 'Webhook e2e job' });
	const candidate = await emulatorControl<{ id: string }>(emuUrl, 'POST', '/candidates', { companyId: COMPANY, firstName: 'Hook', lastName: 'Candidate', jobIds: [job.id] });
	const credential = await rest<{ id: string; name: string }>(n8n, 'POST', '/credentials', {
		name: 'InstaView webhooks (e2e)',
		type: 'instaviewApi',
		data: { apiKey: WEBHOOK_KEY, baseUrl: emuUrl, companyId: '' },
	});
	return { parts: { agentId: agent.id, jobId: job.id, candidateId: candidate.id }, credential };
}

/** A copy of the workflow with the credential on its webhook trigger and a fresh webhook id. */
export function withWebhookTrigger(wf: WorkflowJson, credential: { id: string; name: string }): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(wf)) as WorkflowJson;
	for (const node of copy.nodes) {
		if (node.type === WEBHOOK_TRIGGER_TYPE) {
			node.credentials = { instaviewApi: { id: credential.id, name: credential.name } };
			node.webhookId = randomUUID();
		}
	}
	return copy;
}

/** The shipped example, wired to the credential; with the webhook id n8n's production URL is made of. */
export function webhookExample(credential: { id: string; name: string }): { workflow: WorkflowJson; webhookId: string } {
	const example = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, WEBHOOK_EXAMPLE), 'utf8')) as WorkflowJson;
	const workflow = withWebhookTrigger(example, credential);
	return { workflow, webhookId: String(workflow.nodes.find((n) => n.type === WEBHOOK_TRIGGER_TYPE)!.webhookId) };
}

/** n8n's production URL of the trigger (the node's webhook path is "webhook"). */
export const productionUrl = (n8n: N8nInstance, webhookId: string) => `${n8n.url}/webhook/${webhookId}/webhook`;

/** Until n8n answers the production URL (a request without the secret gets 401; 404 while not yet registered). */
export const productionUrlAnswers = (n8n: N8nInstance, webhookId: string, timeoutMs: number) =>
	waitFor('the production webhook to answer', async () => (await fetch(productionUrl(n8n, webhookId), { method: 'POST', body: '{}' })).status === 401, timeoutMs, 200);

/** Makes an interview of our company and completes its analysis (InstaView then delivers); returns the interview id. */
export async function completedAnalysis(emuUrl: string, parts: InterviewParts, rating: number): Promise<string> {
	const iv = await emulatorControl<{ id: string }>(emuUrl, 'POST', '/interviews', { ...parts });
	await emulatorControl(emuUrl, 'POST', `/interviews/${iv.id}/advance`, { status: 'COMPLETED', analysisStatus: 3, overallRating: rating });
	return iv.id;
}
