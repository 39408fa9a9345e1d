/** The Candidate, Job, Agent and Billing fields: shown only for their resource, with texts a model can use. */
import { resources } from '../../../../nodes/Instaview/actions/resources';

const added = ['candidate', 'job', 'agent', 'billing'];

describe.each(added)('the %s resource', (name) => {
	const definition = resources[name];
	const [operationField, ...fields] = definition.description;

	test('every operation has a description and an action text, and the Operation field lists exactly the table', () => {
		const options = (operationField.options ?? []) as Array<{ value: string; description?: string; action?: string }>;
		expect(options.map((o) => o.value).sort()).toEqual(Object.keys(definition.operations).sort());
		for (const option of options) {
			expect(option.description).toBeTruthy();
			expect(option.action).toBeTruthy();
		}
		expect(operationField.displayOptions?.show).toEqual({ resource: [name] });
	});

	test('every field is shown only for this resource and names its operation', () => {
		for (const field of fields) {
			expect(field.displayOptions?.show?.resource).toEqual([name]);
			expect(field.displayOptions?.show?.operation?.length).toBeGreaterThan(0);
		}
	});

	test('ID fields are locators (pick from a list or paste an ID)', () => {
		for (const field of fields.filter((f) => /^(candidate|job|agent)Id$/.test(f.name))) {
			expect(field.type).toBe('resourceLocator');
			expect(field.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
		}
	});
});

test('Create or Update says how it matches and what happens to jobs and metadata', () => {
	const upsertFields = resources.candidate.description.filter((f) => f.displayOptions?.show?.operation?.includes('upsert'));
	const email = upsertFields.find((f) => f.name === 'email');
	expect(email?.required).toBe(true);
	expect(email?.description).toMatch(/matched on this email/);
	const options = upsertFields.find((f) => f.name === 'additionalFields')?.options as Array<{ name: string; description: string }>;
	expect(options.find((o) => o.name === 'jobIds')?.description).toMatch(/added/);
	expect(options.find((o) => o.name === 'metadata')?.description).toMatch(/merged/);
	const update = resources.candidate.description.find((f) => f.name === 'updateFields');
	const updateOptions = update?.options as Array<{ name: string; description: string }>;
	expect(updateOptions.find((o) => o.name === 'metadata')?.description).toMatch(/Replaces/);
	expect(updateOptions.find((o) => o.name === 'jobIds')?.description).toMatch(/Replaces/);
});
