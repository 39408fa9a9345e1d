/**
 * An analysis's `general.status` as InstaView sends it: a number, documented only by these
 * four values. Every part of the package reads the codes and their names from here.
 */
export const ANALYSIS_STATUS = { PENDING: 1, PROCESSING: 2, COMPLETED: 3, FAILED: 4 } as const;

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(ANALYSIS_STATUS).map(([name, code]) => [code, name]));

/** "COMPLETED" for 3; an undocumented number as text (so it is still visible); undefined for no number. */
export function analysisStatusName(status: unknown): string | undefined {
	return typeof status === 'number' ? NAMES[status] ?? String(status) : undefined;
}

/** Finished, successfully or not: nothing about it changes any more. */
export function isTerminalStatus(status: number): boolean {
	return status === ANALYSIS_STATUS.COMPLETED || status === ANALYSIS_STATUS.FAILED;
}

/** Created but not finished yet: it will change, so whoever waits for it keeps watching. */
export function isInFlightStatus(status: number): boolean {
	return status === ANALYSIS_STATUS.PENDING || status === ANALYSIS_STATUS.PROCESSING;
}
