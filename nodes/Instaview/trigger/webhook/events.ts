/**
 * InstaView's webhook event names. The docs show three encodings (dotted labels, upper-case
 * labels, the older numeric index); the node sends the dotted ones, which most pages use, and
 * reads all three back, from a webhook's config and from a delivery.
 */
export const INTERVIEW_EVENTS = [
	'analysis.completed',
	'analysis.failed',
	'interview.started',
	'interview.completed',
	'interview.failed',
] as const;

export type InterviewEvent = (typeof INTERVIEW_EVENTS)[number];

/** Connectivity test; subscribed too, so InstaView's "test webhook" call can reach n8n. */
export const PING_EVENT = 'ping';

/** The documented index of each event in the older guide (0–5). */
const BY_INDEX = ['analysis.completed', 'analysis.failed', 'ping', 'interview.completed', 'interview.failed', 'interview.started'];

/** The dotted name of an event in any documented encoding; undefined for anything else. */
export function normalizeEventName(value: unknown): string | undefined {
	if (typeof value === 'number') return Number.isInteger(value) ? BY_INDEX[value] : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^\d+$/.test(text)) return BY_INDEX[Number(text)];
	const dotted = /^[A-Z]+_[A-Z_]+$/.test(text) ? text.toLowerCase().replace('_', '.') : text.toLowerCase();
	if (dotted === 'ping') return PING_EVENT;
	return (INTERVIEW_EVENTS as readonly string[]).includes(dotted) ? dotted : undefined;
}

export function isInterviewEvent(name: string | undefined): name is InterviewEvent {
	return name !== undefined && (INTERVIEW_EVENTS as readonly string[]).includes(name);
}

/** The events to subscribe for the chosen ones: dotted, sorted, without repeats, plus `ping`. */
export function subscriptionEvents(chosen: unknown): string[] {
	const list = (Array.isArray(chosen) ? chosen : [chosen]).map(normalizeEventName).filter(isInterviewEvent);
	return [...new Set<string>([...list, PING_EVENT])].sort();
}

/** Whether a config's events (any encoding) are exactly the given dotted set. */
export function sameEvents(configured: unknown, wanted: string[]): boolean {
	if (!Array.isArray(configured)) return false;
	const names = configured.map(normalizeEventName);
	if (names.some((name) => name === undefined)) return false;
	const have = new Set(names as string[]);
	return have.size === wanted.length && wanted.every((name) => have.has(name));
}
