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
		['existing', 'none', ['Candidate Name or ID'], ['First Name', 'Job Title', 'Job Name or ID']],
		['existing', 'existing', ['Candidate Name or ID', 'Job Name or ID'], ['First Name', 'GDPR Expiry Date', 'Job Title']],
		['existing', 'new', ['Candidate Name or ID', 'Job Title', 'Job Details', 'Location', 'Salary'], ['First Name', 'Job Name or ID']],
		['new', 'none', ['First Name', 'Last Name', 'Email', 'Phone Number', 'GDPR Expiry Date', 'Candidate Options'], ['Candidate Name or ID', 'Job Title']],
		['new', 'existing', ['First Name', 'Job Name or ID'], ['Candidate Name or ID', 'Job Title']],
		['new', 'new', ['First Name', 'GDPR Expiry Date', 'Job Title', 'Job Details'], ['Candidate Name or ID', 'Job Name or ID']],
	])('candidate %s, job %s', (candidateSource, jobSource, shown, hidden) => {
		const fields = visibleFields({ ...create, candidateSource, jobSource });
		for (const name of shown) expect(fields).toContain(name);
		for (const name of hidden) expect(fields).not.toContain(name);
		expect(fields).toEqual(expect.arrayContaining(['Agent Name or ID', 'Candidate', 'Job', 'Start', 'Options']));
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
		]);
	});
});

describe('node conventions', () => {
	test('type name, credential, tool use and subtitle are stable', () => {
		expect(description).toMatchObject({ name: 'instaview', displayName: 'InstaView', usableAsTool: true, credentials: [{ name: 'instaviewApi', required: true }] });
		expect(description.subtitle).toBeTruthy();
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
