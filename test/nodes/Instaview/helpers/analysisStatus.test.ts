import {
	ANALYSIS_STATUS,
	analysisStatusName,
	isInFlightStatus,
	isTerminalStatus,
} from '../../../../nodes/Instaview/helpers/analysisStatus';

describe('analysis statuses', () => {
	test('codes have their documented names; unknown codes stay visible as numbers', () => {
		expect([1, 2, 3, 4].map(analysisStatusName)).toEqual(['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED']);
		expect(analysisStatusName(7)).toBe('7');
		expect(analysisStatusName(undefined)).toBeUndefined();
		expect(analysisStatusName('3')).toBeUndefined();
	});

	test('completed and failed are terminal; pending and processing are in flight; unknown is neither', () => {
		expect([1, 2, 3, 4, 7].map(isTerminalStatus)).toEqual([false, false, true, true, false]);
		expect([1, 2, 3, 4, 7].map(isInFlightStatus)).toEqual([true, true, false, false, false]);
		expect(ANALYSIS_STATUS.COMPLETED).toBe(3);
	});
});
