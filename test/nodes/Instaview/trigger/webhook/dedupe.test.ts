import type { IDataObject } from 'n8n-workflow';

import {
	claimDelivery,
	MAX_REMEMBERED_DELIVERIES,
	releaseDelivery,
	rememberDelivery,
	wasAccepted,
} from '../../../../../nodes/Instaview/trigger/webhook/dedupe';

describe('redelivery memory', () => {
	test('an accepted delivery is remembered, others are not', () => {
		const staticData: IDataObject = {};
		rememberDelivery(staticData, 'd1');
		expect(wasAccepted(staticData, 'd1')).toBe(true);
		expect(wasAccepted(staticData, 'd2')).toBe(false);
	});

	test('the memory is bounded and forgets the oldest first', () => {
		const staticData: IDataObject = {};
		for (let i = 0; i < MAX_REMEMBERED_DELIVERIES + 50; i++) rememberDelivery(staticData, `d${i}`);
		expect((staticData.deliveries as string[]).length).toBe(MAX_REMEMBERED_DELIVERIES);
		expect(wasAccepted(staticData, 'd0')).toBe(false);
		expect(wasAccepted(staticData, `d${MAX_REMEMBERED_DELIVERIES + 49}`)).toBe(true);
	});

	test('remembering again moves an id to the newest end instead of repeating it', () => {
		const staticData: IDataObject = { deliveries: ['a', 'b'] };
		rememberDelivery(staticData, 'a');
		expect(staticData.deliveries).toEqual(['b', 'a']);
	});

	test('each change is a new array, so n8n sees the static data changed', () => {
		const staticData: IDataObject = { deliveries: ['a'] };
		const before = staticData.deliveries;
		rememberDelivery(staticData, 'b');
		expect(staticData.deliveries).not.toBe(before);
	});

	test('a delivery being handled cannot be claimed twice until released', () => {
		expect(claimDelivery('wf:node:d1')).toBe(true);
		expect(claimDelivery('wf:node:d1')).toBe(false);
		releaseDelivery('wf:node:d1');
		expect(claimDelivery('wf:node:d1')).toBe(true);
		releaseDelivery('wf:node:d1');
	});
});

describe('redelivery memory of this process', () => {
	test('an id is remembered per node even when the static data is not saved', () => {
		rememberDelivery({}, 'p1', 'wf:nodeA');
		expect(wasAccepted({}, 'p1', 'wf:nodeA')).toBe(true);
		expect(wasAccepted({}, 'p1', 'wf:nodeB')).toBe(false);
		expect(wasAccepted({}, 'p1')).toBe(false);
	});

	test('it is bounded per node', () => {
		for (let i = 0; i < MAX_REMEMBERED_DELIVERIES + 10; i++) rememberDelivery({}, `q${i}`, 'wf:nodeC');
		expect(wasAccepted({}, 'q0', 'wf:nodeC')).toBe(false);
		expect(wasAccepted({}, `q${MAX_REMEMBERED_DELIVERIES + 9}`, 'wf:nodeC')).toBe(true);
	});
});
