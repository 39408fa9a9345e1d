import { normalizeEventName, sameEvents, subscriptionEvents } from '../../../../../nodes/Instaview/trigger/webhook/events';

describe('webhook event names', () => {
	test.each([
		['analysis.completed', 'analysis.completed'],
		['ANALYSIS_COMPLETED', 'analysis.completed'],
		[0, 'analysis.completed'],
		['1', 'analysis.failed'],
		[2, 'ping'],
		['PING', 'ping'],
		[3, 'interview.completed'],
		['INTERVIEW_FAILED', 'interview.failed'],
		[5, 'interview.started'],
		['interview.started', 'interview.started'],
	])('%p is %s in every documented encoding', (input, expected) => {
		expect(normalizeEventName(input)).toBe(expected);
	});

	test.each([['sourcing.completed'], ['SOURCING_FAILED'], [6], [1.5], [''], [null], [{}]])('%p is not an event this node knows', (input) => {
		expect(normalizeEventName(input)).toBeUndefined();
	});

	test('the subscription is the chosen events, dotted, sorted, once each, plus ping', () => {
		expect(subscriptionEvents(['interview.completed', 'ANALYSIS_COMPLETED', 'analysis.completed', 'bogus'])).toEqual([
			'analysis.completed',
			'interview.completed',
			'ping',
		]);
		expect(subscriptionEvents([])).toEqual(['ping']);
	});

	test('a config read back in any encoding matches the same set, and only the same set', () => {
		const wanted = ['analysis.completed', 'ping'];
		expect(sameEvents(['PING', 'ANALYSIS_COMPLETED'], wanted)).toBe(true);
		expect(sameEvents([0, 2], wanted)).toBe(true);
		expect(sameEvents(['analysis.completed'], wanted)).toBe(false);
		expect(sameEvents(['analysis.completed', 'ping', 'analysis.failed'], wanted)).toBe(false);
		expect(sameEvents(['analysis.completed', 'ping', 'sourcing.completed'], wanted)).toBe(false);
		expect(sameEvents(undefined, wanted)).toBe(false);
	});
});
