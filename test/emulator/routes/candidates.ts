/** /candidates: list, get, create, update, delete. */
import {
	allowQuery, bodyObject, companyFor, ok, paged, pathId, queryOne, queryUuid, requireScopes, sameCompany,
	type Ctx, type Reply, type Route,
} from '../http';
import { candidateJson } from '../serialize';
import type { Candidate } from '../types';
import { isoDate, notFound, validationError, type FieldError } from '../util';
import { CANDIDATE_STATUS, validateCandidate } from '../validation';
import { applyCandidatePatch, validateCandidatePatch } from '../validation-patch';

function list(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:candidates');
	allowQuery(ctx, ['page', 'limit', 'companyId', 'jobId', 'status', 'search']);
	const filtering = ['jobId', 'status', 'search'].some((k) => ctx.query[k] !== undefined);
	if (filtering) requireScopes(ctx, 'read:jobs');
	const company = companyFor(ctx, 'list');
	const jobId = queryUuid(ctx, 'jobId');
	const status = queryOne(ctx, 'status');
	if (status !== undefined && !CANDIDATE_STATUS.includes(status)) {
		throw validationError([{ field: 'status', message: `status must be one of: ${CANDIDATE_STATUS.join(', ')}` }]);
	}
	// names only: the schema says first or last name; the overview's "or email" is not honoured
	const search = queryOne(ctx, 'search')?.trim().toLowerCase();
	if (jobId) {
		const job = ctx.state.jobs.get(jobId);
		if (!job || job.deletedAt) throw notFound('Job', jobId);
		sameCompany(company, job, 'Job', jobId);
	}
	const match = (c: Candidate) =>
		!c.deletedAt &&
		c.companyId === company &&
		(!jobId || c.jobIds.includes(jobId)) &&
		(!status || c.status === status) &&
		(!search || c.firstName.toLowerCase().includes(search) || c.lastName.toLowerCase().includes(search));
	const all = ctx.state.sortedCandidates().filter(match);
	return paged(ctx, all, (c) => candidateJson(ctx.state, c));
}

function load(ctx: Ctx, company: string, id: string): Candidate {
	const c = ctx.state.candidates.get(id);
	if (!c || c.deletedAt) throw notFound('Candidate', id);
	sameCompany(company, c, 'Candidate', id);
	return c;
}

/** Every job must exist, undeleted, in the company (404 Job otherwise). */
function checkJobs(ctx: Ctx, company: string, jobIds: string[]): void {
	for (const jobId of jobIds) {
		const j = ctx.state.jobs.get(jobId);
		if (!j || j.deletedAt || j.companyId !== company) throw notFound('Job', jobId);
	}
}

function get(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:candidates');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	return ok(ctx, candidateJson(ctx.state, load(ctx, company, pathId(ctx))));
}

function update(ctx: Ctx): Reply {
	requireScopes(ctx, 'write:candidates', 'read:jobs');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	const id = pathId(ctx);
	const body = bodyObject(ctx);
	const errs: FieldError[] = [];
	const patch = validateCandidatePatch(errs, body, isoDate(ctx.state.nowMs()));
	if (errs.length) throw validationError(errs);
	const c = load(ctx, company, id);
	checkJobs(ctx, company, patch.jobIds ?? []);
	applyCandidatePatch(c, patch, ctx.state.nowIso());
	return ok(ctx, candidateJson(ctx.state, c));
}

function remove(ctx: Ctx): Reply {
	requireScopes(ctx, 'delete:candidates');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	const c = load(ctx, company, pathId(ctx));
	c.deletedAt = ctx.state.nowIso();
	return ok(ctx, true);
}

function create(ctx: Ctx): Reply {
	requireScopes(ctx, 'write:candidates', 'read:jobs');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	const body = bodyObject(ctx);
	const errs: FieldError[] = [];
	const input = validateCandidate(errs, body, '', isoDate(ctx.state.nowMs()), false);
	if (errs.length) throw validationError(errs);
	checkJobs(ctx, company, input.jobIds ?? []);
	const c = ctx.state.createCandidate({
		companyId: company,
		firstName: input.firstName!,
		lastName: input.lastName!,
		email: input.email ?? null,
		phoneNumber: input.phoneNumber ?? null,
		gdprExpiryDate: input.gdprExpiryDate!,
		jobIds: input.jobIds ?? [],
		metadata: input.metadata ?? null,
		status: 'APPLIED',
	});
	return ok(ctx, candidateJson(ctx.state, c), 201);
}

export const candidateRoutes: Route[] = [
	{ method: 'GET', path: '/candidates', handler: list },
	{ method: 'POST', path: '/candidates', handler: create },
	{ method: 'GET', path: '/candidates/:id', handler: get },
	{ method: 'PATCH', path: '/candidates/:id', handler: update },
	{ method: 'DELETE', path: '/candidates/:id', handler: remove },
];
