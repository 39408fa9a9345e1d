import { byId, DEMO_IDS, runInstaview, useEmulator } from '../../../../helpers/instaview';

const ctx = useEmulator();
const gdpr = new Date(Date.now() + 200 * 86400000).toISOString().slice(0, 10);

interface Row {
	firstName: string;
	lastName: string;
	email: string;
	jobIds?: string;
	metadata?: string;
}

/** One execution of Create or Update over these rows (expressions resolved per item, as n8n does). */
const sync = (rows: Row[], continueOnFail = false) =>
	runInstaview(ctx.emulator, {
		continueOnFail,
		items: rows.map((row) => ({ json: { ...row } })),
		parameters: rows.map((row) => ({
			resource: 'candidate',
			operation: 'upsert',
			firstName: row.firstName,
			lastName: row.lastName,
			email: row.email,
			phoneNumber: '',
			gdprExpiryDate: gdpr,
			additionalFields: { ...(row.jobIds ? { jobIds: row.jobIds } : {}), ...(row.metadata ? { metadata: row.metadata } : {}) },
		})),
	});

const sheet: Row[] = [
	{ firstName: 'Olivia', lastName: 'Brown', email: 'olivia.brown@example.com', jobIds: DEMO_IDS.jobs.backend },
	{ firstName: 'Liam', lastName: 'Wilson', email: 'liam.wilson@example.com' },
	{ firstName: 'Emma', lastName: 'Taylor', email: 'emma.taylor@example.com', metadata: '{"source":"sheet"}' },
];

const requests = () => ctx.emulator.control.requests({});
const candidateCount = () => [...ctx.emulator.state.candidates.values()].filter((c) => !c.deletedAt).length;

describe('Candidate → Create or Update', () => {
	test('a sheet synced twice: the first run creates, the second creates nothing and sends no update', async () => {
		const before = candidateCount();
		const first = await sync(sheet);
		expect(first.error).toBeUndefined();
		expect(first.output.map((item) => item.json.upsertResult)).toEqual(['created', 'created', 'created']);
		expect(candidateCount()).toBe(before + 3);
		const firstRequests = await requests();
		// one read of the (small) candidate list for the whole run, then one create per row
		expect(firstRequests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /candidates', 'POST /candidates', 'POST /candidates', 'POST /candidates']);
		expect(firstRequests[1].body).toEqual({ firstName: 'Olivia', lastName: 'Brown', email: 'olivia.brown@example.com', gdprExpiryDate: gdpr, jobIds: [DEMO_IDS.jobs.backend] });

		await ctx.emulator.control.clearRequests();
		const second = await sync(sheet);
		expect(second.output.map((item) => item.json.upsertResult)).toEqual(['unchanged', 'unchanged', 'unchanged']);
		expect(second.output.map((item) => item.json.id)).toEqual(first.output.map((item) => item.json.id));
		expect(candidateCount()).toBe(before + 3);
		expect((await requests()).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /candidates']);
	});

	test('matches on the email with case and spaces ignored, and sends only what changed', async () => {
		await sync(sheet);
		await ctx.emulator.control.clearRequests();
		const { output } = await sync([{ firstName: 'Olivia', lastName: 'Brown-Smith', email: '  OLIVIA.Brown@Example.com ', jobIds: DEMO_IDS.jobs.designer }]);
		expect(output[0].json.upsertResult).toBe('updated');
		const [, patch] = await requests();
		expect(patch.method).toBe('PATCH');
		// jobs are added to the ones the candidate has; the email is left as stored
		expect(patch.body).toEqual({ lastName: 'Brown-Smith', jobIds: [DEMO_IDS.jobs.backend, DEMO_IDS.jobs.designer] });
		expect(output[0].json).toMatchObject({ email: 'olivia.brown@example.com', lastName: 'Brown-Smith' });
	});

	test('metadata of an existing candidate is merged: given keys set, other keys kept', async () => {
		await sync(sheet);
		await ctx.emulator.control.clearRequests();
		const { output } = await sync([{ ...sheet[2], metadata: '{"round":2}' }]);
		const [, patch] = await requests();
		expect(patch.body).toEqual({ metadata: { source: 'sheet', round: 2 } });
		expect(output[0].json.metadata).toEqual({ source: 'sheet', round: 2 });
	});

	test('two rows with one email in a run create one candidate; the second row updates it', async () => {
		const before = candidateCount();
		const { output } = await sync([
			{ firstName: 'Noah', lastName: 'Davis', email: 'noah@example.com' },
			{ firstName: 'Noah', lastName: 'Davies', email: 'Noah@example.com' },
		]);
		expect(output.map((item) => item.json.upsertResult)).toEqual(['created', 'updated']);
		expect(output[0].json.id).toBe(output[1].json.id);
		expect(candidateCount()).toBe(before + 1);
		expect((await requests()).map((r) => r.method)).toEqual(['GET', 'POST', 'PATCH']);
	});

	test('one read of all candidates per run, shared by every row (250 candidates, 4 rows → 3 list requests)', async () => {
		await ctx.emulator.control.seed({ candidates: 245 });
		const existing = ctx.emulator.state.candidates.get(DEMO_IDS.candidates.john);
		if (existing) existing.gdprExpiryDate = gdpr;
		const rows: Row[] = [
			{ firstName: 'John', lastName: String(existing?.lastName), email: String(existing?.email) },
			{ firstName: 'A', lastName: 'One', email: 'a.one@example.com' },
			{ firstName: 'B', lastName: 'Two', email: 'b.two@example.com' },
			{ firstName: 'C', lastName: 'Three', email: 'c.three@example.com' },
		];
		const { output } = await sync(rows);
		expect(output.map((item) => item.json.upsertResult)).toEqual(['unchanged', 'created', 'created', 'created']);
		const lists = (await requests()).filter((r) => r.method === 'GET');
		expect(lists.map((r) => r.query.page)).toEqual(['1', '2', '3']);
		expect(lists.every((r) => r.query.search === undefined)).toBe(true);
	});

	test('two existing candidates share the email: the row fails naming both, nothing is written', async () => {
		const a = ctx.emulator.state.createCandidate({ firstName: 'Twin', lastName: 'One', email: 'twin@example.com' });
		const b = ctx.emulator.state.createCandidate({ firstName: 'Twin', lastName: 'Two', email: 'TWIN@example.com' });
		const { output } = await sync([{ firstName: 'Twin', lastName: 'One', email: 'twin@example.com' }, sheet[1]], true);
		expect(output[0].json.error).toMatch(/^2 candidates in InstaView have the email twin@example\.com: /);
		expect(String(output[0].json.error)).toContain(a.id);
		expect(String(output[0].json.error)).toContain(b.id);
		expect(output[0].json.description).toMatch(/does not guess/);
		expect(output[1].json.upsertResult).toBe('created');
		expect((await requests()).map((r) => r.method)).toEqual(['GET', 'POST']);
	});

	test('refuses a row without email, or with a bad field, before any request', async () => {
		const { output } = await sync(
			[
				{ firstName: 'No', lastName: 'Email', email: '' },
				{ firstName: '', lastName: 'Name', email: 'x@example.com' },
				{ firstName: 'Bad', lastName: 'Job', email: 'y@example.com', jobIds: 'backend' },
			],
			true,
		);
		expect(output.map((item) => String(item.json.error).split(':')[0])).toEqual(['Email', 'First Name', 'Job IDs']);
		expect(await requests()).toHaveLength(0);
	});

	test('existing candidates picked up from Get work too (locator ids in the output)', async () => {
		const { output } = await runInstaview(ctx.emulator, { parameters: { resource: 'candidate', operation: 'get', candidateId: byId(DEMO_IDS.candidates.jane), simplify: true } });
		const jane = output[0].json;
		await ctx.emulator.control.clearRequests();
		const synced = await sync([{ firstName: String(jane.firstName), lastName: String(jane.lastName), email: String(jane.email) }]);
		expect(synced.output[0].json).toMatchObject({ id: DEMO_IDS.candidates.jane, upsertResult: 'updated' });
		// the row's GDPR date differs from Jane's, so only that is sent
		const [, patch] = await requests();
		expect(patch.body).toEqual({ gdprExpiryDate: gdpr });
	});
});
