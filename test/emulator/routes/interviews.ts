/** /interviews: list, get, delete, analysis PDF, call attempts. Create lives in interviews-create.ts. */
import {
	allowQuery, bodyObject, companyFor, ok, paged, pathId, queryOne, queryUuid, requireScopes, sameCompany,
	type Ctx, type Reply, type Route,
} from '../http';
import { interviewAnalysisPdf } from '../pdf';
import { interviewJson } from '../serialize';
import type { Interview } from '../types';
import { ApiError, notFound, parseDateTime, validationError } from '../util';
import { INTERVIEW_STATUS, rejectUnknown } from '../validation';
import { createInterview } from './interviews-create';

const MAX_AHEAD_MS = 30 * 86400000;

function loadInterview(ctx: Ctx): Interview {
	const company = companyFor(ctx, 'single');
	const id = pathId(ctx);
	const iv = ctx.state.interviews.get(id);
	if (!iv || iv.deletedAt) throw notFound('Interview', id);
	sameCompany(company, iv, 'Interview', id);
	return iv;
}

function list(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:interviews', 'read:candidates', 'read:agents');
	allowQuery(ctx, ['page', 'limit', 'companyId', 'candidateId', 'agentId', 'status']);
	const company = companyFor(ctx, 'list');
	const candidateId = queryUuid(ctx, 'candidateId');
	if (!candidateId) throw validationError([{ field: 'candidateId', message: 'candidateId is required' }]);
	const agentId = queryUuid(ctx, 'agentId');
	const status = queryOne(ctx, 'status');
	if (status !== undefined && !INTERVIEW_STATUS.includes(status)) {
		throw validationError([{ field: 'status', message: `status must be one of: ${INTERVIEW_STATUS.join(', ')}` }]);
	}
	const candidate = ctx.state.candidates.get(candidateId);
	if (!candidate || candidate.deletedAt) throw notFound('Candidate', candidateId);
	sameCompany(company, candidate, 'Candidate', candidateId);
	const all = ctx.state
		.interviewsOf(candidateId)
		.filter((iv) => (!agentId || iv.agentId === agentId) && (!status || iv.status === status));
	return paged(ctx, all, interviewJson);
}

function get(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:interviews');
	allowQuery(ctx, ['companyId']);
	return ok(ctx, interviewJson(loadInterview(ctx)));
}

function remove(ctx: Ctx): Reply {
	requireScopes(ctx, 'delete:interviews');
	allowQuery(ctx, ['companyId']);
	ctx.state.deleteInterview(loadInterview(ctx));
	return ok(ctx, true);
}

function pdf(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:interviews');
	allowQuery(ctx, ['companyId']);
	const iv = loadInterview(ctx);
	const a = iv.analysis;
	if (!a || a.general.status !== 3) throw notFound('Analysis', iv.id);
	return ok(ctx, { analysisPdfBase64: interviewAnalysisPdf(ctx.state, iv).toString('base64') });
}

function futureTime(ctx: Ctx, value: unknown, field: string): string {
	const r = parseDateTime(value);
	if ('error' in r) throw validationError([{ field, message: r.error }]);
	const now = ctx.state.nowMs();
	if (r.ms < now) throw validationError([{ field, message: `${field} must be in the future` }]);
	if (r.ms > now + MAX_AHEAD_MS) throw validationError([{ field, message: `${field} cannot be more than 30 days in the future` }]);
	return new Date(r.ms).toISOString();
}

function phoneInterview(ctx: Ctx): Interview {
	requireScopes(ctx, 'write:interviews');
	allowQuery(ctx, ['companyId']);
	const iv = loadInterview(ctx);
	const agent = ctx.state.agents.get(iv.agentId);
	if (!agent || agent.type !== 'PHONE') {
		throw new ApiError(400, 'VALIDATION_ERROR', 'Call attempts can only be managed for PHONE interviews; this interview is not a phone interview', {
			fields: [{ field: 'id', message: 'interview agent type is not PHONE' }],
		});
	}
	return iv;
}

function invokeAttempt(ctx: Ctx): Reply {
	const iv = phoneInterview(ctx);
	const body = ctx.body === undefined ? {} : bodyObject(ctx);
	const errs: Array<{ field: string; message: string }> = [];
	rejectUnknown(errs, body, ['scheduledAt'], '');
	if (errs.length) throw validationError(errs);
	const at = body.scheduledAt === undefined || body.scheduledAt === null ? ctx.state.nowIso() : futureTime(ctx, body.scheduledAt, 'scheduledAt');
	if (iv.status === 'IN_PROGRESS' || iv.callAttempts.some((a) => a.status === 'IN_PROGRESS')) {
		throw new ApiError(400, 'INVALID_STATE', 'A call is in progress for this interview', {});
	}
	if (iv.status === 'COMPLETED' || iv.status === 'CANCELLED') {
		throw new ApiError(400, 'INVALID_STATE', `Interview is ${iv.status}; no new call attempts can be created`, {});
	}
	for (const a of iv.callAttempts) if (a.status === 'SCHEDULED') a.status = 'CANCELLED';
	iv.callAttempts.push(ctx.state.newAttempt(at, iv.callAttempts.length));
	iv.status = 'SCHEDULED';
	iv.updatedAt = ctx.state.nowIso();
	return { status: 201, body: { success: true, message: `Call attempt scheduled for ${at}` } };
}

function findAttempt(ctx: Ctx, iv: Interview) {
	const attemptId = pathId(ctx, 'attemptId');
	const a = iv.callAttempts.find((x) => x.id === attemptId);
	if (!a) throw notFound('CallAttempt', attemptId);
	return a;
}

function rescheduleAttempt(ctx: Ctx): Reply {
	const iv = phoneInterview(ctx);
	const a = findAttempt(ctx, iv);
	const body = bodyObject(ctx);
	const errs: Array<{ field: string; message: string }> = [];
	rejectUnknown(errs, body, ['scheduledAt'], '');
	if (body.scheduledAt === undefined || body.scheduledAt === null) errs.push({ field: 'scheduledAt', message: 'scheduledAt is required' });
	if (errs.length) throw validationError(errs);
	const at = futureTime(ctx, body.scheduledAt, 'scheduledAt');
	if (a.status !== 'SCHEDULED') throw new ApiError(400, 'INVALID_STATE', `Only SCHEDULED call attempts can be rescheduled (attempt is ${a.status})`, {});
	a.scheduledAt = at;
	iv.updatedAt = ctx.state.nowIso();
	return { status: 204 };
}

function deleteAttempt(ctx: Ctx): Reply {
	const iv = phoneInterview(ctx);
	const a = findAttempt(ctx, iv);
	if (a.status === 'IN_PROGRESS') throw new ApiError(400, 'INVALID_STATE', 'Call attempt is IN_PROGRESS and cannot be deleted', {});
	iv.callAttempts = iv.callAttempts.filter((x) => x !== a);
	iv.updatedAt = ctx.state.nowIso();
	return { status: 204 };
}

export const interviewRoutes: Route[] = [
	{ method: 'GET', path: '/interviews', handler: list },
	{ method: 'POST', path: '/interviews', handler: createInterview },
	{ method: 'GET', path: '/interviews/:id', handler: get },
	{ method: 'DELETE', path: '/interviews/:id', handler: remove },
	{ method: 'GET', path: '/interviews/:id/analysis-pdf', handler: pdf },
	{ method: 'POST', path: '/interviews/:id/call-attempts', handler: invokeAttempt },
	{ method: 'PATCH', path: '/interviews/:id/call-attempts/:attemptId', handler: rescheduleAttempt },
	{ method: 'DELETE', path: '/interviews/:id/call-attempts/:attemptId', handler: deleteAttempt },
];
