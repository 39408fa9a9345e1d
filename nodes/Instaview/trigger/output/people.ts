import type { IDataObject } from 'n8n-workflow';

import type { PeopleDetails } from '../../helpers/simplify';
import { UUID_REGEX } from '../../helpers/validation';
import { isDataObject } from '../../transport/envelope';

/**
 * One GET to InstaView, as the caller's context sends it: the action node with its item index,
 * a polling trigger within its request budget, a webhook trigger with its own context. Taking
 * a function rather than a context keeps this usable from any of them.
 */
export type ReadResource = (path: string, subject: string) => Promise<unknown>;

const NO_DETAILS: PeopleDetails = {
	candidateName: null,
	candidateEmail: null,
	candidatePhone: null,
	candidateStatus: null,
	jobTitle: null,
};

type Lookup = { record?: IDataObject; error?: string };

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** The candidate and job fields a notification needs, from the records InstaView returned. */
export function detailsFrom(candidate: IDataObject | undefined, job: IDataObject | undefined): PeopleDetails {
	const name = candidate ? [text(candidate.firstName), text(candidate.lastName)].filter(Boolean).join(' ') : '';
	return {
		candidateName: name || null,
		candidateEmail: text(candidate?.email),
		candidatePhone: text(candidate?.phoneNumber),
		candidateStatus: text(candidate?.status),
		jobTitle: text(job?.title),
	};
}

/**
 * Reads the candidate and the job of interviews, each distinct one at most once. Create one per
 * execution or per poll (never share one between executions: in queue mode they run anywhere,
 * and a recruiter renaming a job must see the new title in the next run).
 *
 * A read that fails does not cost the interview: the item is delivered with null fields and a
 * `detailsError` saying what could not be read.
 */
export class PeopleDirectory {
	private readonly candidates = new Map<string, Promise<Lookup>>();
	private readonly jobs = new Map<string, Promise<Lookup>>();

	constructor(private readonly read: ReadResource) {}

	private readonly planned = new Set<string>();

	/**
	 * Counts the reads details of these interviews will need beyond those already planned, and
	 * plans them: a polling trigger reserves that many requests of its budget per candidate it
	 * emits for, so the details never push a poll past its budget.
	 */
	plan(interviews: IDataObject[]): number {
		let added = 0;
		for (const interview of interviews) {
			const { candidateId, jobId } = idsOf(interview);
			for (const key of [candidateId && `candidate:${candidateId}`, jobId && `job:${jobId}`]) {
				if (!key || this.planned.has(key)) continue;
				this.planned.add(key);
				added++;
			}
		}
		return added;
	}

	async detailsFor(interview: IDataObject): Promise<PeopleDetails> {
		const { candidateId, jobId } = idsOf(interview);
		const [candidate, job] = await Promise.all([
			candidateId ? this.lookup(this.candidates, `/candidates/${candidateId}`, `candidate ${candidateId}`, candidateId) : undefined,
			jobId ? this.lookup(this.jobs, `/jobs/${jobId}`, `job ${jobId}`, jobId) : undefined,
		]);
		const details = { ...NO_DETAILS, ...detailsFrom(candidate?.record, job?.record) };
		const errors = [candidate?.error, job?.error].filter((error): error is string => !!error);
		return errors.length ? { ...details, detailsError: errors.join('; ') } : details;
	}

	private lookup(cache: Map<string, Promise<Lookup>>, path: string, subject: string, id: string): Promise<Lookup> {
		let pending = cache.get(id);
		if (!pending) {
			// The promise is cached, so interviews of the same candidate read it once even in parallel.
			pending = this.read(path, subject).then(
				(body): Lookup => (isDataObject(body) ? { record: body } : { error: `${subject}: InstaView returned no record` }),
				(error: unknown): Lookup => ({ error: `${subject}: ${(error as Error).message}` }),
			);
			cache.set(id, pending);
		}
		return pending;
	}
}

const UUID = new RegExp(UUID_REGEX);

/** Only well-formed IDs go into a request path. */
function idsOf(interview: IDataObject): { candidateId?: string; jobId?: string } {
	const valid = (value: unknown) => (typeof value === 'string' && UUID.test(value) ? value : undefined);
	return { candidateId: valid(interview.candidateId), jobId: valid(interview.jobId) };
}
