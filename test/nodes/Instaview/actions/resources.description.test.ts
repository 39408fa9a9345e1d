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

type OperationOption = { value: string; action?: string; displayOptions?: { hide?: Record<string, unknown> } };

/** "callAttemptId" → "call attempt ID", as the action texts name an ID. */
const idName = (field: string) => `${field.replace(/Id$/, '').replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`)} ID`;

describe.each(Object.keys(resources))('the %s resource, as an AI tool', (name) => {
	const [operationField, ...fields] = resources[name].description;
	// Operations hidden from tool use (binary only) are never offered to a model.
	const forTools = ((operationField.options ?? []) as OperationOption[]).filter((o) => !o.displayOptions?.hide?.['@tool']);

	test.each(forTools.map((o) => [o.value, o.action ?? ''] as const))('%s: the action names every ID it needs, one plain sentence', (operation, action) => {
		const needed = fields.filter((f) => f.required && /Id$/.test(f.name) && f.displayOptions?.show?.operation?.includes(operation));
		for (const field of needed) expect(action).toContain(idName(field.name));
		// n8n appends " in <service>" to the action to make the tool's description
		expect(action).not.toMatch(/[.,;:!?]$/);
		expect(action.split(' ').length).toBeGreaterThan(8);
	});
});

test.each(added)('every %s operation says what it returns', (name) => {
	for (const option of resources[name].description[0].options as OperationOption[]) {
		expect(option.action).toMatch(/ and return (the|a|its|their|each) /);
	}
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
