import { isDataObject } from './envelope';

export type Failure =
	| { kind: 'http'; status: number; body: unknown; nonJson?: boolean }
	| { kind: 'network'; code?: string; detail: string };

export interface FailureContext {
	method: string;
	/** What the request was about, e.g. "interview 5b0c…", used in 404 texts. */
	subject?: string;
	/** How long the node waited on 429s before giving up. */
	waitedMs?: number;
	attempts: number;
	/** A POST that may have reached InstaView and was deliberately not repeated. */
	mayHaveBeenCreated?: boolean;
	/** How long InstaView asked to wait (Retry-After, or until the window resets), on a 429. */
	requestedWaitMs?: number;
	/** The longest wait the node allows itself for this request. */
	maxWaitMs?: number;
}

export interface DescribedFailure {
	message: string;
	description: string;
	httpCode?: string;
	/** Plain data for the error's context: API code, field details. */
	details: Record<string, unknown>;
}

interface ApiErrorParts {
	code?: string;
	message?: string;
	details?: unknown;
}

/** Finds code/message/details in the envelope error, the 429 body or a plain message body. */
export function readApiError(body: unknown): ApiErrorParts {
	if (!isDataObject(body)) return typeof body === 'string' && body ? { message: body.slice(0, 300) } : {};
	if (isDataObject(body.error)) {
		const error = body.error;
		return {
			code: typeof error.code === 'string' ? error.code : undefined,
			message: typeof error.message === 'string' ? error.message : undefined,
			details: error.details,
		};
	}
	return {
		code: typeof body.code === 'string' ? body.code : undefined,
		message:
			typeof body.message === 'string'
				? body.message
				: Array.isArray(body.message)
					? body.message.join('; ')
					: typeof body.error === 'string'
						? body.error
						: undefined,
		details: body.details,
	};
}

/** Turns field details in any reasonable form into "field: message" lines. */
export function fieldProblems(details: unknown): string[] {
	if (!details) return [];
	const list = Array.isArray(details)
		? details
		: isDataObject(details) && Array.isArray(details.fields)
			? details.fields
			: isDataObject(details) && Array.isArray(details.errors)
				? details.errors
				: undefined;
	if (list) {
		return list
			.map((entry) => {
				if (typeof entry === 'string') return entry;
				if (!isDataObject(entry)) return '';
				const field = entry.field ?? entry.property ?? entry.path;
				const text = entry.message ?? (Array.isArray(entry.constraints) ? entry.constraints.join(', ') : entry.constraints);
				return [field, typeof text === 'object' ? JSON.stringify(text) : text].filter(Boolean).join(': ');
			})
			.filter(Boolean);
	}
	if (isDataObject(details)) {
		return Object.entries(details)
			.filter(([key]) => key !== 'resourceType' && key !== 'resourceId')
			.map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
	}
	return [];
}

/**
 * What to fix, without repeating what the message already says: InstaView's message often
 * lists the same field problems as its details, and the error would then say it twice.
 */
function describeProblems(problems: string[], apiMessage: string | undefined): string {
	const unsaid = problems.filter((problem) => !apiMessage?.includes(problem.replace(/^[^:]+:\s*/, '')));
	if (unsaid.length) return `Fix these fields and run again: ${unsaid.join('; ')}`;
	if (problems.length) return 'Fix the fields named above and run again.';
	return 'Check the values sent against the InstaView API documentation and run again.';
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** "90 s", "12 min", "1.5 h": a wait as a person would say it (rounded up to the unit). */
export function duration(ms: number): string {
	if (ms < 120 * 1000) return `${Math.ceil(ms / 1000)} s`;
	if (ms < 120 * 60 * 1000) return `${Math.ceil(ms / 60000)} min`;
	return `${Math.ceil(ms / 360000) / 10} h`;
}

function rateLimitFailure(context: FailureContext): Pick<DescribedFailure, 'message' | 'description'> {
	const quota = 'The API key has used its requests for now (by default 60 a minute and 2,000 an hour, shared by every workflow using the key).';
	const advice = 'Run this again after that time, process fewer items per run, poll less often, or ask InstaView for a higher limit.';
	const asked = context.requestedWaitMs;
	const cap = context.maxWaitMs;
	const waited = context.waitedMs ?? 0;
	if (asked !== undefined && cap !== undefined && waited + asked > cap) {
		const message =
			waited > 0
				? `InstaView's rate limit is still exceeded after waiting ${seconds(waited)}: it asks to wait ${duration(asked)} more, past the ${duration(cap)} the node waits at most`
				: `InstaView's rate limit is used up: it asks to wait ${duration(asked)}, longer than the node waits (${duration(cap)} at most)`;
		return { message, description: `${quota} ${advice}` };
	}
	return {
		message: `InstaView's rate limit is still exceeded after waiting ${seconds(context.waitedMs ?? 0)}`,
		description: `${quota} ${advice}`,
	};
}

const NOT_REPEATED =
	'The request may have reached InstaView, so the node did not send it again (InstaView has no idempotency key and a repeat could schedule the interview twice). The interview may already exist: check the candidate\'s interviews with Get Many before running this item again.';

export function describeFailure(failure: Failure, context: FailureContext): DescribedFailure {
	if (failure.kind === 'network') {
		const timedOut = /timeout|timed out|ETIMEDOUT|ECONNABORTED/i.test(`${failure.code} ${failure.detail}`);
		const what = timedOut ? 'InstaView did not answer in time' : `The connection to InstaView failed (${failure.code ?? failure.detail})`;
		return {
			message: what,
			description: context.mayHaveBeenCreated
				? NOT_REPEATED
				: `The node tried ${context.attempts} time(s). Check the Base URL in the InstaView API credential and that InstaView is reachable, then run again.`,
			details: { code: failure.code },
		};
	}

	const { status } = failure;
	const api = readApiError(failure.body);
	const problems = fieldProblems(api.details);
	const apiText = api.message ? `: ${api.message}` : '';
	const details: Record<string, unknown> = { status, code: api.code };
	if (problems.length) details.fields = problems;
	const httpCode = String(status);

	if (failure.nonJson) {
		return {
			message: `InstaView answered with a response that is not JSON (HTTP ${status})`,
			description: context.mayHaveBeenCreated
				? NOT_REPEATED
				: 'This usually means a proxy or an outage page answered instead of the API. Check the Base URL in the credential; if it is right, try again later.',
			httpCode,
			details,
		};
	}

	switch (true) {
		case status === 400 || status === 422:
			return {
				message: `InstaView rejected the request${apiText}`,
				description: describeProblems(problems, api.message),
				httpCode,
				details,
			};
		case status === 401:
			return {
				message:
					api.code === 'API_KEY_SUSPENDED' ? 'The InstaView API key is suspended' : 'InstaView did not accept the API key',
				description:
					'Open the InstaView API credential and check the API key: it may be mistyped, revoked, expired or suspended. Create a new key in InstaView under Settings → API Keys if needed.',
				httpCode,
				details,
			};
		case status === 403: {
			const scope = /([a-z]+:[a-z]+)/.exec(api.message ?? '')?.[1];
			if (api.code === 'INSUFFICIENT_PERMISSIONS' || scope) {
				return {
					message: scope ? `The InstaView API key lacks the scope ${scope}` : `The InstaView API key lacks a required scope${apiText}`,
					description: `Give the key the scope ${scope ?? 'named above'} in InstaView under Settings → API Keys (or create a key with it) and update the credential.`,
					httpCode,
					details,
				};
			}
			return {
				message: `InstaView refused access${context.subject ? ` to ${context.subject}` : ''}${apiText}`,
				description:
					'The resource belongs to another company than the key. For an ATS integration key, set the Company ID in the credential to the company that owns it.',
				httpCode,
				details,
			};
		}
		case status === 404: {
			const type = isDataObject(api.details) && typeof api.details.resourceType === 'string' ? api.details.resourceType : undefined;
			const id = isDataObject(api.details) && typeof api.details.resourceId === 'string' ? api.details.resourceId : undefined;
			const subject = type ? `${type.toLowerCase()}${id ? ` ${id}` : ''}` : context.subject ?? 'resource';
			return {
				message: `InstaView could not find the ${subject}`,
				description: `Check the ID: the ${subject} may have been deleted or may belong to another company.`,
				httpCode,
				details,
			};
		}
		case status === 409:
			return {
				message: `InstaView reports a conflict${apiText}`,
				description: 'The resource already exists or is in a state that does not allow this change. Check its current state and run again.',
				httpCode,
				details,
			};
		case status === 429:
			return { ...rateLimitFailure(context), httpCode, details: { ...details, requestedWaitMs: context.requestedWaitMs } };
		case status >= 500:
			return {
				message: `InstaView had a server problem (HTTP ${status})${apiText}`,
				description: context.mayHaveBeenCreated
					? NOT_REPEATED
					: `The node tried ${context.attempts} time(s) with back-off. Try again later.`,
				httpCode,
				details,
			};
		default:
			return {
				message: `InstaView answered with HTTP ${status}${apiText}`,
				description: problems.length ? problems.join('; ') : 'Check the request and run again.',
				httpCode,
				details,
			};
	}
}
