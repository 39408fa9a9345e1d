/** What the editor shows: only the fields of the chosen shape, with n8n's conventions. */
import type { INodeProperties } from 'n8n-workflow';

import { Instaview } from '../../../nodes/Instaview/Instaview.node';

const { description } = new Instaview();

/** The top-level fields n8n displays for these parameter values (displayOptions.show/hide). */
function visibleFields(values: Record<string, unknown>): string[] {
	const matches = (conditions: Record<string, unknown> | undefined, wanted: boolean) =>
		Object.entries(conditions ?? {}).every(([name, allowed]) => (allowed as unknown[]).includes(values[name.replace(/^\//, '')]) === wanted);
	return description.properties
		.filter((p: INodeProperties) => matches(p.displayOptions?.show, true) && (!p.displayOptions?.hide || !Object.entries(p.displayOptions.hide).some(([n, a]) => (a as unknown[]).includes(values[n]))))
		.map((p) => p.displayName)
		.filter((name, index, all) => all.indexOf(name) === index);
}

const create = { resource: 'interview', operation: 'create', start: 'immediately' };

describe('Create shows only the fields of the chosen candidate and job shapes', () => {
	test.each([
		['existing', 'none', ['Candidate'], ['First Name', 'Job Title', 'Job']],
		['existing', 'existing', ['Candidate', 'Job'], ['First Name', 'GDPR Expiry Date', 'Job Title']],
		['existing', 'new', ['Candidate', 'Job Title', 'Job Details', 'Location', 'Salary'], ['First Name', 'Job']],
		['new', 'none', ['First Name', 'Last Name', 'Email', 'Phone Number', 'GDPR Expiry Date', 'Candidate Options'], ['Candidate', 'Job Title']],
		['new', 'existing', ['First Name', 'Job'], ['Candidate', 'Job Title']],
		['new', 'new', ['First Name', 'GDPR Expiry Date', 'Job Title', 'Job Details'], ['Candidate', 'Job']],
	])('candidate %s, job %s', (candidateSource, jobSource, shown, hidden) => {
		const fields = visibleFields({ ...create, candidateSource, jobSource });
		for (const name of shown) expect(fields).toContain(name);
		for (const name of hidden) expect(fields).not.toContain(name);
		expect(fields).toEqual(expect.arrayContaining(['Agent', 'Candidate Source', 'Job Source', 'Start', 'Options']));
	});

	test('Scheduled Time appears only when Start is "At a Scheduled Time"', () => {
		const base = { ...create, candidateSource: 'existing', jobSource: 'none' };
		expect(visibleFields(base)).not.toContain('Scheduled Time');
		expect(visibleFields({ ...base, start: 'scheduled' })).toContain('Scheduled Time');
	});

	test('no create field leaks into the other operations', () => {
		expect(visibleFields({ resource: 'interview', operation: 'get', candidateSource: 'new', jobSource: 'new' })).toEqual([
			'Resource',
			'Operation',
			'Interview ID',
			'Simplify',
			'Add Candidate and Job Details',
		]);
	});
});

describe('node conventions', () => {
	test('type name, credential, tool use and subtitle are stable', () => {
		expect(description).toMatchObject({ name: 'instaview', displayName: 'InstaView', usableAsTool: true, credentials: [{ name: 'instaviewApi', required: true }] });
		expect(description.subtitle).toBeTruthy();
	});

	test('the canvas subtitle reads as words', () => {
		const subtitle = String(description.subtitle);
		const evaluate = (resource: string, operation: string) =>
			// eslint-disable-next-line @typescript-eslint/no-implied-eval
			new Function('$parameter', `return ${subtitle.replace(/^=\{\{/, '').replace(/\}\}$/, '')};`)({ resource, operation }) as string;
		expect(evaluate('interview', 'getAnalysisPdf')).toBe('Interview: Get Analysis PDF');
		expect(evaluate('interview', 'getAll')).toBe('Interview: Get Many');
		expect(evaluate('interview', 'create')).toBe('Interview: Create');
	});

	test('resource locators are labelled plainly, the same in every operation', () => {
		const locators = description.properties.filter((p) => p.type === 'resourceLocator').map((p) => p.displayName);
		expect(new Set(locators)).toEqual(new Set(['Agent', 'Candidate', 'Job']));
		const filters = description.properties.find((p) => p.name === 'filters');
		expect(filters?.options?.find((o) => 'name' in o && o.name === 'agentId')).toMatchObject({ displayName: 'Agent', type: 'resourceLocator' });
	});

	test('actions tell an AI agent what each operation does, needs and returns', () => {
		const operation = description.properties.find((p) => p.name === 'operation');
		const action = (value: string) => (operation?.options?.find((o) => 'value' in o && o.value === value) as { action: string }).action;
		expect(action('create')).toMatch(/agent ID.*candidate ID or new candidate details.*job ID.*return the interview ID and status/);
		expect(action('get')).toMatch(/by interview ID.*overall rating.*candidate name and job title/);
		expect(action('getAll')).toMatch(/one candidate by candidate ID/);
	});

	test('Get Analysis PDF (binary only) is hidden from AI tool use', () => {
		const operation = description.properties.find((p) => p.name === 'operation');
		const pdf = operation?.options?.find((o) => 'value' in o && o.value === 'getAnalysisPdf') as { displayOptions?: unknown };
		expect(pdf.displayOptions).toEqual({ hide: { '@tool': [true] } });
		const others = operation?.options?.filter((o) => 'value' in o && o.value !== 'getAnalysisPdf') as Array<{ displayOptions?: unknown }>;
		expect(others.every((o) => o.displayOptions === undefined)).toBe(true);
	});

	test('Get, Get Many and Create offer Simplify; Get and Get Many add candidate and job details by default', () => {
		for (const operation of ['get', 'getAll']) {
			const fields = visibleFields({ resource: 'interview', operation });
			expect(fields).toEqual(expect.arrayContaining(['Simplify', 'Add Candidate and Job Details']));
		}
		const details = description.properties.find((p) => p.name === 'addDetails');
		expect(details?.default).toBe(true);
		const createOptions = description.properties.find((p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('create'));
		expect(createOptions?.options?.map((o) => ('displayName' in o ? o.displayName : ''))).toContain('Simplify');
	});

	test('the GDPR expiry date shows a hint with an example', () => {
		const gdpr = description.properties.find((p) => p.name === 'gdprExpiryDate');
		expect(gdpr?.hint).toMatch(/e\.g\. \d{4}-\d{2}-\d{2}/);
		expect(gdpr?.description).toMatch(/UTC/);
	});

	test('every operation has an action text, and Get Many uses n8n\'s texts', () => {
		const operation = description.properties.find((p) => p.name === 'operation');
		for (const option of operation?.options ?? []) expect((option as { action?: string }).action).toBeTruthy();
		const returnAll = description.properties.find((p) => p.name === 'returnAll');
		expect(returnAll?.description).toBe('Whether to return all results or only up to a given limit');
	});

	test('the candidate filter of Get Many is required and says why', () => {
		const candidate = description.properties.find((p) => p.name === 'candidateId' && p.displayOptions?.show?.operation?.includes('getAll'));
		expect(candidate?.required).toBe(true);
		expect(candidate?.description).toMatch(/one candidate at a time/);
	});
});
