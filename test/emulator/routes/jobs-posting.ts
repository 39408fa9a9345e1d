/** POST /jobs/url: "read" a public job posting and extract a job (optionally without creating it). */
import { allowQuery, bodyObject, companyFor, ok, requireScopes, type Ctx, type Reply } from '../http';
import { postingFor } from '../postings';
import { jobJson } from '../serialize';
import type { Job } from '../types';
import { ApiError, validationError, type FieldError } from '../util';
import { rejectUnknown, str } from '../validation';

/** The job-shaped extraction result: every job field except id, companyId and timestamps. */
function extraction(p: Partial<Job>, jobUrl: string): Omit<Job, 'id' | 'companyId' | 'createdAt' | 'updatedAt' | 'deletedAt'> {
	const copy = JSON.parse(JSON.stringify(p)) as Partial<Job>;
	return {
		title: copy.title ?? '',
		description: copy.description ?? null,
		status: copy.status ?? 'OPEN',
		jobUrl,
		benefits: copy.benefits ?? null,
		requiredSkills: copy.requiredSkills ?? [],
		niceToHaveSkills: copy.niceToHaveSkills ?? [],
		languageRequirements: copy.languageRequirements ?? [],
		education: copy.education ?? [],
		experience: copy.experience ?? null,
		contractType: copy.contractType ?? null,
		location: copy.location ?? null,
		salary: copy.salary ?? null,
		metadata: copy.metadata ?? null,
	};
}

function unreadable(jobUrl: string, reason: string): ApiError {
	return new ApiError(422, 'JOB_EXTRACTION_FAILED', `Could not extract a job posting from ${jobUrl}: ${reason}`, { jobUrl, reason });
}

export function createJobFromUrl(ctx: Ctx): Reply {
	requireScopes(ctx, 'write:jobs');
	allowQuery(ctx, ['companyId']);
	const company = companyFor(ctx, 'single');
	const body = bodyObject(ctx);
	const errs: FieldError[] = [];
	rejectUnknown(errs, body, ['jobUrl', 'createJob'], '');
	const jobUrl = str(errs, body, 'jobUrl', '', { required: true, min: 1, max: 2048 });
	let url: URL | undefined;
	if (jobUrl !== undefined) {
		try {
			url = new URL(jobUrl);
			if (!['http:', 'https:'].includes(url.protocol)) throw new Error('not http(s)');
		} catch {
			errs.push({ field: 'jobUrl', message: 'jobUrl must be an http(s) URL' });
		}
	}
	if (body.createJob !== undefined && body.createJob !== null && typeof body.createJob !== 'boolean') {
		errs.push({ field: 'createJob', message: 'createJob must be a boolean' });
	}
	if (errs.length) throw validationError(errs);
	const posting = postingFor(ctx.state, url!);
	if (!posting) throw unreadable(jobUrl!, 'the page could not be fetched');
	if (!posting.job) throw unreadable(jobUrl!, 'no job posting was found on the page');
	const extracted = extraction(posting.job, jobUrl!);
	if (body.createJob === false) return ok(ctx, { data: extracted, sourceUrl: jobUrl });
	const j = ctx.state.createJob({ ...extracted, companyId: company });
	return ok(ctx, { data: jobJson(j), sourceUrl: jobUrl }, 201);
}
