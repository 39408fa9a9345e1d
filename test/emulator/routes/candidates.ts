/** /candidates: list, get, create. */
import {
	allowQuery, bodyObject, companyFor, ok, paged, pathId, queryOne, queryUuid, requireScopes, sameCompany,
	type Ctx, type Reply, type Route,
} from '../http';
import { candidateJson } from '../serialize';
import type { Candidate } from '../types';
import { isoDate, notFound, validationError, type FieldError } from '../util';
import { CANDIDATE_STATUS, validateCandidate } from '../validation';

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
		(!search ||
			c.firstName.toLowerCase().includes(search) ||
			c.lastName.toLowerCase().includes(search) ||
			(c.email ?? '').toLowerCase().includes(search));
	const all = ctx.state.sortedCandidates().filter(match);
	return paged(ctx, all, (c) => candidateJson(ctx.state, c));
}

function get(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:candidates');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	const id = pathId(ctx);
	const c = ctx.state.candidates.get(id);
	if (!c || c.deletedAt) throw notFound('Candidate', id);
	sameCompany(company, c, 'Candidate', id);
	return ok(ctx, candidateJson(ctx.state, c));
}

function create(ctx: Ctx): Reply {
	requireScopes(ctx, 'write:candidates', 'read:jobs');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	const body = bodyObject(ctx);
	const errs: FieldError[] = [];
	const input = validateCandidate(errs, body, '', isoDate(ctx.state.nowMs()), false);
	if (errs.length) throw validationError(errs);
	for (const jobId of input.jobIds ?? []) {
		const j = ctx.state.jobs.get(jobId);
		if (!j || j.deletedAt || j.companyId !== company) throw notFound('Job', jobId);
	}
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
];
