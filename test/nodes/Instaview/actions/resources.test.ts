import { Instaview } from '../../../../nodes/Instaview/Instaview.node';
import { findOperation, resources } from '../../../../nodes/Instaview/actions/resources';
import { runInstaview, useEmulator } from '../../../helpers/instaview';

describe('the resource table drives the node', () => {
	test('the Resource field offers exactly the resources of the table', () => {
		const resource = new Instaview().description.properties.find((property) => property.name === 'resource');
		expect(resource?.options).toEqual(Object.entries(resources).map(([value, definition]) => ({ name: definition.displayName, value })));
		expect(resource?.default).toBe('interview');
	});

	test('every operation of every resource is found, and nothing else is', () => {
		for (const [name, definition] of Object.entries(resources)) {
			for (const [operation, expected] of Object.entries(definition.operations)) expect(findOperation(name, operation)).toBe(expected);
		}
		expect(findOperation('interview', 'toString')).toBeUndefined();
		expect(findOperation('constructor', 'get')).toBeUndefined();
		expect(findOperation('nothing', 'get')).toBeUndefined();
	});
});

describe('the router', () => {
	const ctx = useEmulator();

	test('an unknown resource or operation is a clear error; with Continue On Fail it is an error item', async () => {
		const parameters = [
			{ resource: 'nothing', operation: 'get' },
			{ resource: 'interview', operation: 'fly' },
		];
		const failed = await runInstaview(ctx.emulator, { parameters: parameters[0] });
		expect(failed.error?.message).toBe('The operation "get" is not supported for "nothing"');
		const result = await runInstaview(ctx.emulator, { continueOnFail: true, items: [{ json: {} }, { json: {} }], parameters });
		expect(result.output.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['The operation "get" is not supported for "nothing"', { item: 0 }],
			['The operation "fly" is not supported for "interview"', { item: 1 }],
		]);
		expect(await ctx.emulator.control.requests({})).toHaveLength(0);
	});
});
