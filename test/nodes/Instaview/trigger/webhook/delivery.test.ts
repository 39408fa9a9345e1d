import { bearsOut } from '../../../../../nodes/Instaview/trigger/webhook/confirm';
import {
	factsOfDelivery,
	factsOfInterview,
	interviewFromDelivery,
	parseDelivery,
	passesFilter,
} from '../../../../../nodes/Instaview/trigger/webhook/delivery';
import type { WebhookFilter } from '../../../../../nodes/Instaview/trigger/webhook/fields';

const JOB = '11111111-1111-4111-8111-111111111111';
const AGENT = '22222222-2222-4222-8222-222222222222';

function delivery(event: unknown, data: Record<string, unknown> = {}) {
	return parseDelivery({ event, timestamp: '2026-01-01T00:00:00.000Z', deliveryId: 'd-1', data: { interviewId: 'i-1', candidateId: 'c-1', status: 'COMPLETED', ...data } })!;
}

const filter = (f: Partial<WebhookFilter> = {}): WebhookFilter => ({ events: ['analysis.completed'], minRating: 0, ...f });

describe('parsing a delivery', () => {
	test('the documented wrapper, with the event in any encoding', () => {
		expect(delivery('ANALYSIS_COMPLETED').event).toBe('analysis.completed');
		expect(delivery(3).event).toBe('interview.completed');
		expect(delivery('sourcing.completed').event).toBeUndefined();
	});

	test('a body without deliveryId or event is not a delivery', () => {
		expect(parseDelivery({ event: 'ping', data: {} })).toBeUndefined();
		expect(parseDelivery({ deliveryId: 'x' })).toBeUndefined();
		expect(parseDelivery('text')).toBeUndefined();
	});

	test('the interview as the delivery tells it keeps the API\'s keys; no job means no jobId key', () => {
		expect(interviewFromDelivery(delivery('interview.completed'))).toEqual({ id: 'i-1', candidateId: 'c-1', status: 'COMPLETED', analysis: null });
		expect(interviewFromDelivery(delivery('interview.completed', { jobId: JOB })).jobId).toBe(JOB);
	});
});

describe('filters', () => {
	const confirmed = (jobId: string | undefined, agentId: string, rating: number | null) =>
		factsOfInterview({ jobId, agentId, analysis: { id: 'a', general: { status: 3, overallRating: rating } } });

	test('job, agent and rating of a confirmed interview', () => {
		expect(passesFilter(filter({ jobId: JOB }), 'analysis.completed', confirmed(JOB, AGENT, 80))).toBe(true);
		expect(passesFilter(filter({ jobId: JOB }), 'analysis.completed', confirmed(undefined, AGENT, 80))).toBe(false);
		expect(passesFilter(filter({ agentId: AGENT }), 'analysis.completed', confirmed(JOB, 'other', 80))).toBe(false);
		expect(passesFilter(filter({ minRating: 80 }), 'analysis.completed', confirmed(JOB, AGENT, 80))).toBe(true);
		expect(passesFilter(filter({ minRating: 81 }), 'analysis.completed', confirmed(JOB, AGENT, 80))).toBe(false);
		expect(passesFilter(filter({ minRating: 50 }), 'analysis.completed', confirmed(JOB, AGENT, null))).toBe(false);
	});

	test('the rating filter concerns completed analyses only', () => {
		expect(passesFilter(filter({ minRating: 90 }), 'interview.completed', confirmed(JOB, AGENT, null))).toBe(true);
		expect(passesFilter(filter({ minRating: 90 }), 'analysis.failed', confirmed(JOB, AGENT, null))).toBe(true);
	});

	test('from a delivery: job and rating are judged, the agent (not in a delivery) is not', () => {
		const d = delivery('analysis.completed', { jobId: JOB, analysis: { id: 'a', general: { status: 3, overallRating: 70 } } });
		expect(factsOfDelivery(d)).toEqual({ jobId: JOB, rating: 70 });
		expect(passesFilter(filter({ agentId: AGENT }), 'analysis.completed', factsOfDelivery(d))).toBe(true);
		expect(passesFilter(filter({ minRating: 71 }), 'analysis.completed', factsOfDelivery(d))).toBe(false);
		expect(passesFilter(filter({ jobId: 'other' }), 'analysis.completed', factsOfDelivery(d))).toBe(false);
	});
});

describe('what confirms an event', () => {
	const interview = (status: string, analysisStatus?: number) => ({
		id: 'i',
		status,
		analysis: analysisStatus ? { id: 'a', general: { status: analysisStatus } } : null,
	});

	test.each([
		['analysis.completed', interview('COMPLETED', 3), true],
		['analysis.completed', interview('COMPLETED', 2), false],
		['analysis.completed', interview('COMPLETED'), false],
		['analysis.failed', interview('COMPLETED', 4), true],
		['analysis.failed', interview('COMPLETED', 3), false],
		['interview.completed', interview('COMPLETED'), true],
		['interview.completed', interview('IN_PROGRESS'), false],
		['interview.failed', interview('FAILED'), true],
		['interview.started', interview('IN_PROGRESS'), true],
		['interview.started', interview('COMPLETED', 3), true],
		['interview.started', interview('SCHEDULED'), false],
	] as const)('%s against %j: %p', (event, iv, expected) => {
		expect(bearsOut(event, iv)).toBe(expected);
	});
});
