/** /jobs: list, get, create. */
import {
	allowQuery, bodyObject, companyFor, ok, paged, pathId, requireScopes, sameCompany,
	type Ctx, type Reply, type Route,
} from '../http';
import { jobJson } from '../serialize';
import { notFound, validationError, type FieldError } from '../util';
import { validateJob } from '../validation-job';

function list(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:jobs');
	allowQuery(ctx, ['page', 'limit', 'companyId']);
	const company = companyFor(ctx, 'list');
	const all = ctx.state.sortedJobs().filter((j) => !j.deletedAt && j.companyId === company);
	return paged(ctx, all, jobJson);
}

function get(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:jobs');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	const id = pathId(ctx);
	const j = ctx.state.jobs.get(id);
	if (!j || j.deletedAt) throw notFound('Job', id);
	sameCompany(company, j, 'Job', id);
	return ok(ctx, jobJson(j));
}

function create(ctx: Ctx): Reply {
	requireScopes(ctx, 'write:jobs');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	const body = bodyObject(ctx);
	const errs: FieldError[] = [];
	const input = validateJob(errs, body);
	if (errs.length) throw validationError(errs);
	const j = ctx.state.createJob({
		companyId: company,
		title: input.title!,
		description: input.description!,
		status: input.status!,
		jobUrl: input.jobUrl ?? null,
		benefits: input.benefits ?? null,
		requiredSkills: input.requiredSkills ?? [],
		niceToHaveSkills: input.niceToHaveSkills ?? [],
		languageRequirements: input.languageRequirements ?? [],
		education: input.education ?? [],
		experience: input.experience ?? null,
		contractType: input.contractType ?? null,
		location: input.location ?? null,
		salary: input.salary ?? null,
		metadata: input.metadata ?? null,
	});
	return ok(ctx, jobJson(j), 201);
}

export const jobRoutes: Route[] = [
	{ method: 'GET', path: '/jobs', handler: list },
	{ method: 'POST', path: '/jobs', handler: create },
	{ method: 'GET', path: '/jobs/:id', handler: get },
];
