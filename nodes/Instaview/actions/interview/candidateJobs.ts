import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { instaviewApiRequest, isDataObject } from '../../transport';

/** The job IDs a candidate record lists (`jobIds`, or the deprecated single `jobId`). */
export function jobIdsOf(candidate: IDataObject): string[] {
	if (Array.isArray(candidate.jobIds)) return candidate.jobIds.filter((id): id is string => typeof id === 'string');
	return typeof candidate.jobId === 'string' && candidate.jobId ? [candidate.jobId] : [];
}

/** "Backend Engineer (3f2b…), Designer (9a1c…)" for the error text. */
export function describeJobs(jobs: Array<{ id: string; title?: string }>): string {
	return jobs.map((job) => (job.title ? `${job.title} (${job.id})` : job.id)).join(', ');
}

/**
 * When InstaView refuses an interview for an existing candidate and an existing job, and the
 * job is not one of the candidate's, the error says which jobs the candidate has, so the user
 * can pick one. Reading after a refused POST is safe: a 4xx created nothing. Any failure of
 * these reads leaves the original error as it was. Returns the error to throw.
 */
export async function explainJobRefusal(
	context: IExecuteFunctions,
	i: number,
	error: NodeApiError,
	candidateId: unknown,
	jobId: unknown,
): Promise<NodeApiError> {
	if (!(error instanceof NodeApiError) || !error.httpCode?.startsWith('4') || typeof candidateId !== 'string' || !jobId) return error;
	try {
		const candidate = await instaviewApiRequest.call(context, { method: 'GET', path: `/candidates/${candidateId}`, itemIndex: i });
		if (!isDataObject(candidate)) return error;
		const ids = jobIdsOf(candidate);
		if (ids.includes(String(jobId))) return error;
		const jobs = [];
		for (const id of ids.slice(0, 10)) {
			const job = await instaviewApiRequest.call(context, { method: 'GET', path: `/jobs/${id}`, itemIndex: i }).catch(() => undefined);
			jobs.push({ id, title: isDataObject(job) && typeof job.title === 'string' ? job.title : undefined });
		}
		const name = [candidate.firstName, candidate.lastName].filter(Boolean).join(' ') || candidateId;
		const more = ids.length > jobs.length ? ` and ${ids.length - jobs.length} more` : '';
		error.description = ids.length
			? `The job is not one of ${name}'s jobs. ${name}'s jobs: ${describeJobs(jobs)}${more}. Pick one of these under Job (the list shows only them once the candidate is chosen), or set Job to "No Job" if there is only one.`
			: `${name} has no job in InstaView. Set Job to "Define New Job" to create one with the interview, or assign the candidate to the job in InstaView first.`;
	} catch {
		// The refusal itself is what matters; keep it as InstaView worded it.
	}
	return error;
}
