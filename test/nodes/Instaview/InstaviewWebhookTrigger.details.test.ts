/** The webhook trigger's items say who and which job: read per delivery, within its deadline. */
import type { IDataObject } from 'n8n-workflow';

import { confirmSettings } from '../../../nodes/Instaview/trigger/webhook/confirm';
import { DEMO_IDS } from '../../helpers/instaview';
import { useWebhookTrigger } from './trigger/webhook/harness';

const { env, activate, completeAnalysis, settle } = useWebhookTrigger();

const INTERVIEW = DEMO_IDS.interviews.mariaScreening;
const CANDIDATE_PATH = `/candidates/${DEMO_IDS.candidates.maria}`;
const JOB_PATH = `/jobs/${DEMO_IDS.jobs.designer}`;
const MARIA = { candidateName: 'Maria Garcia', candidateEmail: 'maria.garcia@example.com', jobTitle: 'Product Designer' };

/** The API requests the node sent, as "METHOD path". */
async function sent(): Promise<string[]> {
	return (await env.emulator.control.requests()).map((request) => `${request.method} ${request.path}`);
}

async function oneEvent(options: IDataObject, rating = 88) {
	const a = await activate({ events: ['analysis.completed'], options });
	await env.emulator.control.clearRequests();
	await completeAnalysis(INTERVIEW, rating);
	await settle(a, 1);
	const executions = a.receiver.executions();
	expect(executions).toHaveLength(1);
	return { a, item: executions[0][0] };
}

describe('InstaView Webhook Trigger: candidate and job details', () => {
	test('on by default: the confirmed item carries them; the confirmation, the candidate and the job are read once each', async () => {
		const { item } = await oneEvent({});
		expect(item.json).toMatchObject({ ...MARIA, event: 'analysis.completed', confirmed: true, overallRating: 88 });
		expect(item.json.candidateStatus).toEqual(expect.any(String));
		expect(item.json.detailsError).toBeUndefined();
		expect((await sent()).sort()).toEqual([`GET ${CANDIDATE_PATH}`, `GET /interviews/${INTERVIEW}`, `GET ${JOB_PATH}`].sort());
	});

	test('each delivery reads afresh (a renamed job shows its new title in the next event)', async () => {
		const a = await activate({ events: ['analysis.completed'], options: { simplify: false } });
		await completeAnalysis(INTERVIEW, 70);
		await settle(a, 1);
		env.emulator.state.jobs.get(DEMO_IDS.jobs.designer)!.title = 'Senior Product Designer';
		await env.emulator.control.clearRequests();
		await completeAnalysis(INTERVIEW, 75);
		await settle(a, 2);
		const titles = a.receiver.executions().map((items) => items[0].json.jobTitle);
		expect(titles).toEqual(['Product Designer', 'Senior Product Designer']);
		// raw output keeps the interview as InstaView returns it, the details beside it
		expect(a.receiver.executions()[1][0].json).toMatchObject({ analysis: expect.any(Object), candidateName: 'Maria Garcia' });
		const reads = await sent();
		expect(reads.filter((read) => read === `GET ${CANDIDATE_PATH}`)).toHaveLength(1);
		expect(reads.filter((read) => read === `GET ${JOB_PATH}`)).toHaveLength(1);
	});

	test('a details read that fails still emits the event, with null fields and detailsError', async () => {
		await env.emulator.control.addFault({ method: 'GET', path: CANDIDATE_PATH, status: 500, times: 100 });
		const { item } = await oneEvent({});
		expect(item.json).toMatchObject({ confirmed: true, candidateName: null, candidateEmail: null, jobTitle: 'Product Designer' });
		expect(String(item.json.detailsError)).toMatch(new RegExp(`^candidate ${DEMO_IDS.candidates.maria}: `));
		await env.emulator.control.clearFaults();
	});

	test('a details read too slow for the delivery deadline is given up on, and the answer does not wait for it', async () => {
		const saved = confirmSettings.deadlineMs;
		confirmSettings.deadlineMs = 1000;
		try {
			await env.emulator.control.addFault({ method: 'GET', path: JOB_PATH, delayMs: 3000, status: 200, times: 1 });
			const { a, item } = await oneEvent({});
			expect(item.json).toMatchObject({ confirmed: true, candidateName: 'Maria Garcia', jobTitle: null });
			expect(item.json.detailsError).toBe(`job ${DEMO_IDS.jobs.designer}: InstaView did not answer within 1 s`);
			const [delivery] = await env.emulator.control.webhookDeliveries({});
			expect(delivery).toMatchObject({ status: 'succeeded', attemptCount: 1 });
			expect(a.receiver.handled[0].status).toBe(200);
		} finally {
			confirmSettings.deadlineMs = saved;
		}
	});

	test('InstaView not answering the confirmation: the details are not asked for, the item says why', async () => {
		await env.emulator.control.addFault({ method: 'GET', path: `/interviews/${INTERVIEW}`, status: 500, times: 100 });
		const { item } = await oneEvent({});
		expect(item.json).toMatchObject({ confirmed: false, candidateName: null, jobTitle: null });
		expect(String(item.json.detailsError)).toMatch(/not read, InstaView could not confirm the event/);
		expect((await sent()).filter((read) => read === `GET ${CANDIDATE_PATH}` || read === `GET ${JOB_PATH}`)).toEqual([]);
		await env.emulator.control.clearFaults();
	});

	test('option off: no details and no request beyond the confirmation', async () => {
		const { item } = await oneEvent({ addDetails: false });
		expect(item.json.confirmed).toBe(true);
		expect(item.json.candidateName).toBeUndefined();
		expect(item.json.jobTitle).toBeUndefined();
		expect(await sent()).toEqual([`GET /interviews/${INTERVIEW}`]);
	});

	test('confirmation off: the delivery as received, the details of the IDs it names beside its data', async () => {
		const { item } = await oneEvent({ confirm: false }, 61);
		expect(item.json).toMatchObject({ ...MARIA, event: 'analysis.completed', data: { interviewId: INTERVIEW, candidateId: DEMO_IDS.candidates.maria } });
		expect((item.json.data as IDataObject).candidateName).toBeUndefined();
		expect((await sent()).sort()).toEqual([`GET ${CANDIDATE_PATH}`, `GET ${JOB_PATH}`].sort());
	});
});
