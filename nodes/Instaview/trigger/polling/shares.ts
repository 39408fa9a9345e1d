import { MAX_RECHECK_GAP, MIN_WALK_CYCLE_POLLS } from './state';

export type WorkClass = 'changed' | 'scan' | 'pending' | 'walk';
/**
 * How one poll's `maxRequests` are shared, so no kind of work can starve another: candidates
 * whose signature changed, the signature scan (at least one page), due re-checks of in-flight
 * analyses, and the walk (the activation check while seeding, then the slow re-verification).
 * What a share leaves unused goes to the others afterwards (see `work`).
 */
export function sharesOf(maxRequests: number, seeding: boolean): Record<WorkClass, number> {
	const pending = Math.max(1, Math.floor(maxRequests / 5));
	const walk = seeding ? Math.max(1, Math.ceil(maxRequests / 4)) : Math.max(1, Math.floor(maxRequests / 10));
	const scan = 1;
	return { changed: Math.max(1, maxRequests - pending - walk - scan), scan, pending, walk };
}

/**
 * Worst case, in polls, from the completion of an analysis that stays long in flight to its
 * emission: its next re-check is at most MAX_RECHECK_GAP polls away, and due re-checks are
 * served oldest first, at least `pending share` a poll, behind at most `inFlight - 1` others.
 */
export function inFlightBound(inFlight: number, maxRequests: number): number {
	return MAX_RECHECK_GAP + Math.ceil(Math.max(1, inFlight) / sharesOf(maxRequests, false).pending);
}

/**
 * Worst case, in polls, before the walk re-reads a candidate after a change no signal showed:
 * the next re-verification cycle starts at most max(MIN_WALK_CYCLE_POLLS, L) polls after the
 * last one did, and reaches any candidate within L polls, where L is one cycle (a list page per
 * 100 candidates plus one read per candidate with analyses) at the walk's share of the budget.
 */
export function reverificationBound(candidatesWithAnalyses: number, pages: number, maxRequests: number): number {
	const cycle = Math.ceil((pages + candidatesWithAnalyses) / sharesOf(maxRequests, false).walk);
	return Math.max(MIN_WALK_CYCLE_POLLS, cycle) + cycle;
}
