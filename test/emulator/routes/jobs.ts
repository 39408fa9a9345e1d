/** /jobs: list, get, create, update, delete. Create from a posting URL: jobs-posting.ts. */
import {
	allowQuery, bodyObject, companyFor, ok, paged, pathId, requireScopes, sameCompany,
	type Ctx, type Reply, type Route,
} from '../http';
import { jobJson } from '../serialize';
import { notFound, validationError, type FieldError } from '../util';
import type { Job } from '../types';
import { validateJob } from '../validation-job';
import { validateJobPatch } from '../validation-patch';
import { createJobFromUrl } from './jobs-posting';

function list(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:jobs');
	allowQuery(ctx, ['page', 'limit', 'companyId']);
	const company = companyFor(ctx, 'list');
	const all = ctx.state.sortedJobs().filter((j) => !j.deletedAt && j.companyId === company);
	return paged(ctx, all, jobJson);
}

function load(ctx: Ctx, company: string, id: string): Job {
	const j = ctx.state.jobs.get(id);
	if (!j || j.deletedAt) throw notFound('Job', id);
	sameCompany(company, j, 'Job', id);
	return j;
}

function get(ctx: Ctx): Reply {
	requireScopes(ctx, 'read:jobs');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	return ok(ctx, jobJson(load(ctx, company, pathId(ctx))));
}

function update(ctx: Ctx): Reply {
	requireScopes(ctx, 'write:jobs');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	const id = pathId(ctx);
	const body = bodyObject(ctx);
	const errs: FieldError[] = [];
	const patch = validateJobPatch(errs, body);
	if (errs.length) throw validationError(errs);
	const j = load(ctx, company, id);
	// whole values replace the stored ones (metadata, location and salary are not merged)
	for (const [k, v] of Object.entries(patch)) if (v !== undefined) (j as unknown as Record<string, unknown>)[k] = v;
	j.updatedAt = ctx.state.nowIso();
	return ok(ctx, jobJson(j));
}

function remove(ctx: Ctx): Reply {
	requireScopes(ctx, 'delete:jobs');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	const j = load(ctx, company, pathId(ctx));
	// candidates keep the id in their jobIds (it now answers 404); interviews keep their jobId
	j.deletedAt = ctx.state.nowIso();
	return ok(ctx, true);
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
	{ method: 'POST', path: '/jobs/url', handler: createJobFromUrl },
	{ method: 'GET', path: '/jobs/:id', handler: get },
	{ method: 'PATCH', path: '/jobs/:id', handler: update },
	{ method: 'DELETE', path: '/jobs/:id', handler: remove },
];
