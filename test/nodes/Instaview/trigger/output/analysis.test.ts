import { analysisOf, compareAnalyses, matchesFilter } from '../../../../../nodes/Instaview/trigger/output/analysis';

const interview = (status: number, overallRating: number | null = 80, agentId = 'agent-1') => ({
	id: 'interview-1',
	agentId,
	updatedAt: '2026-05-01T09:00:00.000Z',
	analysis: { id: 'analysis-1', general: { status, overallRating, updatedAt: '2026-05-01T10:00:00.000Z' } },
});

describe('trigger output: analyses', () => {
	test('an analysis is read from its interview; none without an analysis id', () => {
		expect(analysisOf(interview(3))).toEqual({ id: 'analysis-1', status: 3, updatedAt: '2026-05-01T10:00:00.000Z' });
		expect(analysisOf({ id: 'x', updatedAt: 't', analysis: { id: 'a', general: {} } })).toEqual({ id: 'a', status: Number.NaN, updatedAt: 't' });
		expect(analysisOf({ id: 'x', analysis: { general: { status: 3 } } })).toBeUndefined();
		expect(analysisOf({ id: 'x', analysis: null })).toBeUndefined();
	});

	test('the event, agent and minimum rating filter finished analyses', () => {
		const completed = { event: 'analysisCompleted' as const, minRating: 0 };
		const match = (filter: Parameters<typeof matchesFilter>[0], item: ReturnType<typeof interview>) =>
			matchesFilter(filter, item, analysisOf(item)!);
		expect(match(completed, interview(3))).toBe(true);
		expect(match(completed, interview(4))).toBe(false);
		expect(match({ ...completed, event: 'analysisCompletedOrFailed' }, interview(4))).toBe(true);
		expect(match({ ...completed, event: 'analysisCompletedOrFailed' }, interview(2))).toBe(false);
		expect(match({ ...completed, agentId: 'agent-2' }, interview(3))).toBe(false);
		expect(match({ ...completed, minRating: 80 }, interview(3, 80))).toBe(true);
		expect(match({ ...completed, minRating: 81 }, interview(3, 80))).toBe(false);
		expect(match({ ...completed, minRating: 50 }, interview(3, null))).toBe(false);
		expect(match({ event: 'analysisCompletedOrFailed', minRating: 50 }, interview(4, null))).toBe(true);
	});

	test('analyses sort by completion time, then id (several may share a timestamp)', () => {
		const t = '2026-05-01T10:00:00.000Z';
		const list = [
			{ id: 'c', status: 3, updatedAt: t },
			{ id: 'a', status: 3, updatedAt: '2026-05-01T10:00:01.000Z' },
			{ id: 'b', status: 3, updatedAt: t },
		];
		expect([...list].sort(compareAnalyses).map((x) => x.id)).toEqual(['b', 'c', 'a']);
	});
});
