import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { instaviewApiRequest, MAX_PAGE_SIZE, readListPage } from '../transport';

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

export async function searchAgents(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return searchPage(this, '/agents', (agent) => [agent.name, agent.focus, agent.type].filter(Boolean).join(' · '), filter, paginationToken, false);
}

export async function searchCandidates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return searchPage(
		this,
		'/candidates',
		(candidate) => {
			const name = [candidate.firstName, candidate.lastName].filter(Boolean).join(' ');
			const contact = candidate.email ?? candidate.phoneNumber;
			return contact ? `${name} (${contact})` : name;
		},
		filter,
		paginationToken,
		true,
	);
}

export async function searchJobs(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return searchPage(this, '/jobs', (job) => [job.title, job.status].filter(Boolean).join(' · '), filter, paginationToken, false);
}
