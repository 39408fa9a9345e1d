import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { enumLabel } from '../helpers/enums';
import { UUID_REGEX } from '../helpers/validation';
import { instaviewApiRequest, isDataObject, MAX_PAGE_SIZE, readListPage } from '../transport';
import { jobIdsOf } from '../actions/interview/candidateJobs';

async function searchPage(
	context: ILoadOptionsFunctions,
	path: string,
	label: (item: IDataObject) => string,
	filter: string | undefined,
	paginationToken: string | undefined,
	serverSearch: boolean,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const qs: IDataObject = { page, limit: MAX_PAGE_SIZE };
	if (serverSearch && filter) qs.search = filter;
	const body = await instaviewApiRequest.call(context, { method: 'GET', path, qs });
	const { items, hasNextPage } = readListPage(body, page, MAX_PAGE_SIZE);
	const needle = filter?.toLowerCase();
	const results = items
		.map((item) => ({ name: label(item), value: String(item.id) }))
		// Agents and jobs have no documented search parameter, so filter the page here.
		.filter((result) => serverSearch || !needle || result.name.toLowerCase().includes(needle));
	return { results, paginationToken: hasNextPage ? String(page + 1) : undefined };
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** "SK" → "Slovak"; a code Intl does not know stays as it is. */
export function languageName(code: unknown): string | undefined {
	if (typeof code !== 'string' || !code || code === 'UNDEFINED') return undefined;
	try {
		const name = languageNames.of(code.toLowerCase());
		return name && name.toLowerCase() !== code.toLowerCase() ? name : code;
	} catch {
		return code;
	}
}

const word = (value: unknown) => (typeof value === 'string' && value && value !== 'UNDEFINED' ? enumLabel(value) : undefined);
const joinLabel = (parts: Array<string | undefined>) => parts.filter(Boolean).join(' · ');

/** "Senior Screening · Screening · English · Online": what a recruiter recognises an agent by. */
export function agentLabel(agent: IDataObject): string {
	return joinLabel([typeof agent.name === 'string' ? agent.name : undefined, word(agent.focus), languageName(agent.language), word(agent.type)]);
}

/** "Backend Engineer · Open". */
export function jobLabel(job: IDataObject): string {
	return joinLabel([typeof job.title === 'string' ? job.title : String(job.id), word(job.status)]);
}

/** "Jane Doe (jane@example.com) · Applied". */
export function candidateLabel(candidate: IDataObject): string {
	const name = [candidate.firstName, candidate.lastName].filter(Boolean).join(' ');
	const contact = candidate.email ?? candidate.phoneNumber;
	return joinLabel([contact ? `${name} (${String(contact)})` : name, word(candidate.status)]);
}

export async function searchAgents(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return searchPage(this, '/agents', agentLabel, filter, paginationToken, false);
}

export async function searchCandidates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return searchPage(this, '/candidates', candidateLabel, filter, paginationToken, true);
}

const UUID = new RegExp(UUID_REGEX);

/**
 * The existing candidate chosen in the same node, if any: InstaView refuses an interview for
 * a job that is not one of the candidate's, so the job list offers only those.
 */
function chosenCandidateId(context: ILoadOptionsFunctions): string | undefined {
	if (context.getCurrentNodeParameter('candidateSource') !== 'existing') return undefined;
	const value = context.getCurrentNodeParameter('candidateId', { extractValue: true });
	return typeof value === 'string' && UUID.test(value.trim()) ? value.trim() : undefined;
}

export async function searchJobs(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	const candidateId = chosenCandidateId(this);
	if (!candidateId) return searchPage(this, '/jobs', jobLabel, filter, paginationToken, false);
	const candidate = await instaviewApiRequest.call(this, { method: 'GET', path: `/candidates/${candidateId}`, subject: `candidate ${candidateId}` });
	const ids = new Set(isDataObject(candidate) ? jobIdsOf(candidate) : []);
	if (ids.size === 0) return { results: [] };
	// There is no documented filter for a set of job IDs: page through the jobs list until all
	// of the candidate's are found (one request for most companies), so no page comes back empty.
	const needle = filter?.toLowerCase();
	const results = [];
	const found = new Set<string>();
	for (let page = 1; found.size < ids.size; page++) {
		const body = await instaviewApiRequest.call(this, { method: 'GET', path: '/jobs', qs: { page, limit: MAX_PAGE_SIZE } });
		const { items, hasNextPage } = readListPage(body, page, MAX_PAGE_SIZE);
		for (const job of items.filter((item) => ids.has(String(item.id)))) {
			if (found.has(String(job.id))) continue;
			found.add(String(job.id));
			const name = jobLabel(job);
			if (!needle || name.toLowerCase().includes(needle)) results.push({ name, value: String(job.id) });
		}
		if (!hasNextPage) break;
	}
	return { results };
}
