/**
 * The InstaView Trigger polled by n8n's own engine (n8n-core's PollTriggerExecutor and
 * PollContext, a real Workflow and its static data) against the emulator, with the static data
 * saved and reloaded when n8n 2.41 saves and reloads it.
 */
import { NodeApiError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { DEMO_API_KEY, DEMO_IDS } from '../../emulator';
import { advanceInterview } from '../../emulator/lifecycle';
import { startKit, type Kit } from '../../emulator/testkit';
import { readBinary, useEngine, type EngineCredentials } from '../../helpers/engine';
import { EngineTrigger } from '../../helpers/engine-trigger';

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

const NODE_KEY = 'node:InstaView Trigger';

function trigger(options: INodeParameters = {}, credentials: Partial<EngineCredentials> = {}) {
	const parameters: INodeParameters = { event: 'analysisCompleted', scope: 'all', options };
	return new EngineTrigger(engine, { credentials: { apiKey: DEMO_API_KEY, baseUrl: kit.emu.url, ...credentials }, parameters });
}

/** A new candidate whose interview's analysis has just completed; returns the analysis id. */
function completeNewAnalysis(rating = 90): string {
	const candidate = kit.emu.state.createCandidate({ jobIds: [DEMO_IDS.jobs.backend] });
	const interview = kit.emu.state.createInterview({ candidateId: candidate.id, agentId: DEMO_IDS.agents.screening });
	return completeAnalysis(interview.id, rating);
}

function completeAnalysis(interviewId: string, rating = 90): string {
	return advanceInterview(kit.emu.state, interviewId, { status: 'COMPLETED', analysisStatus: 3, overallRating: rating }).analysis!.id;
}

const analysisIds = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((item) => item.json.analysisId);

describe('InstaView Trigger in an active workflow', () => {
	test('activation polls once: it seeds, emits nothing, and n8n saves the seed', async () => {
		const active = trigger();
		expect(await active.activate()).toBeNull();
		expect(active.emitted).toEqual([]);
		expect(active.errors).toEqual([]);
		expect(active.savedStaticData[NODE_KEY]).toMatchObject({ phase: 'live', scopeKey: 'all' });
		const requests = await kit.emu.control.requests();
		expect(requests.length).toBeGreaterThan(0);
		expect(requests.every((request) => request.headers.authorization === `Bearer ${DEMO_API_KEY}`)).toBe(true);
	});

	test('a completed analysis is emitted once, on the next poll; the new state is saved with that execution', async () => {
		const active = trigger();
		await active.activate();
		const seeded = JSON.stringify(active.savedStaticData);
		const analysisId = completeNewAnalysis();
		const emitted = await active.tick();
		expect(analysisIds(emitted)).toEqual([analysisId]);
		expect(emitted![0].json).toMatchObject({ event: 'analysis.completed', analysisStatus: 'COMPLETED', overallRating: 90 });
		expect(JSON.stringify(active.savedStaticData)).not.toBe(seeded);
		expect(await active.tick()).toBeNull();
		expect(active.errors).toEqual([]);
	});

	test('a pending analysis seen at activation is emitted when it completes', async () => {
		const active = trigger();
		await active.activate();
		completeAnalysis(DEMO_IDS.interviews.peterScreening, 64);
		let emitted = null;
		for (let poll = 0; poll < 5 && !emitted; poll++) emitted = await active.tick();
		expect(analysisIds(emitted)).toEqual([DEMO_IDS.analyses.peter]);
	});

	test('after an n8n restart the saved static data is used: what completed meanwhile is emitted, nothing twice', async () => {
		const active = trigger();
		await active.activate();
		const first = completeNewAnalysis();
		expect(analysisIds(await active.tick())).toEqual([first]);
		// Polls that emit nothing change the state only in memory (n8n saves it with the next execution).
		expect(await active.tick()).toBeNull();

		const whileDown = completeNewAnalysis();
		const afterRestart = [await active.restart(), await active.tick(), await active.tick()].flatMap(analysisIds);
		expect(afterRestart).toEqual([whileDown]);
		const later = completeNewAnalysis();
		expect(analysisIds(await active.tick())).toEqual([later]);
		expect(active.emitted.flat().map((item) => item.json.analysisId)).toEqual([first, whileDown, later]);
	});

	test('Download PDF: the report is stored by n8n\'s binary data service', async () => {
		const active = trigger({ downloadPdf: true, binaryPropertyName: 'report' });
		await active.activate();
		const analysisId = completeNewAnalysis();
		const emitted = await active.tick();
		expect(analysisIds(emitted)).toEqual([analysisId]);
		const binary = emitted![0].binary?.report;
		expect(binary).toMatchObject({ mimeType: 'application/pdf' });
		expect(binary?.id).toMatch(/^filesystem(-v2)?:/);
		const pdf = await readBinary(engine, binary!);
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	});

	test('activation with a revoked key fails with the API error, and the key is in no error or log', async () => {
		const key = 'sk_test_revoked00000000000000000000000000000000000';
		const active = trigger({}, { apiKey: key });
		const failure = await active.activate().then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(NodeApiError);
		expect((failure as NodeApiError).httpCode).toBe('401');
		expect(JSON.stringify(failure)).not.toContain(key);
		expect(JSON.stringify(engine.logs)).not.toContain(key);
	});

	test('a scheduled poll that fails is reported to n8n as a failed execution, and the next poll carries on', async () => {
		const active = trigger();
		await active.activate();
		const analysisId = completeNewAnalysis();
		await kit.emu.control.addFault({ path: '/candidates', status: 403, times: 1 });
		expect(await active.tick()).toBeNull();
		expect(active.errors).toHaveLength(1);
		expect(active.errors[0]).toBeInstanceOf(NodeApiError);
		expect((active.errors[0] as NodeApiError).httpCode).toBe('403');
		expect(analysisIds(await active.tick())).toEqual([analysisId]);
	});
});

describe('InstaView Trigger: Fetch Test Event', () => {
	test('a manual execution returns the most recent completed analysis and changes nothing', async () => {
		const active = trigger();
		await active.activate();
		const saved = JSON.stringify(active.savedStaticData);
		const analysisId = completeNewAnalysis(77);
		await kit.emu.control.clearRequests();

		const test = await active.fetchTestEvent();
		expect(test.error).toBeUndefined();
		expect(test.run.status).toBe('success');
		expect(analysisIds(test.items)).toEqual([analysisId]);
		expect(test.staticDataChanged).toBe(false);
		expect(JSON.stringify(active.savedStaticData)).toBe(saved);
		expect((await kit.emu.control.requests()).every((request) => request.method === 'GET')).toBe(true);

		// The test event did not use up the real one.
		expect(analysisIds(await active.tick())).toEqual([analysisId]);
	});
});
