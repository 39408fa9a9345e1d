import type { IDataObject } from 'n8n-workflow';

export function isDataObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The docs show responses both wrapped in `{ success, data, error, timestamp }` (guides) and
 * bare (API-reference examples, delete's literal `true`, the 429 body), so unwrap only when
 * the body really is the envelope.
 */
export function unwrapEnvelope(body: unknown): unknown {
	if (isDataObject(body) && typeof body.success === 'boolean' && 'data' in body) {
		return body.data;
	}
	return body;
}

export interface ListPage {
	items: IDataObject[];
	/** Whether another page should be requested after this one. */
	hasNextPage: boolean;
	total?: number;
}

/**
 * Reads one page of a list in any of the three documented shapes:
 * 1. `{ items, pagination: { hasNextPage, totalPages, ... } }` (pagination guide)
 * 2. `{ data: [...], total, page, limit, totalPages }` with no envelope (API reference)
 * 3. the envelope around `{ data: [...], total, page, limit, totalPages }` (phone numbers, webhooks)
 * Stop rule, most trusted first: hasNextPage, then totalPages, then a short page.
 */
export function readListPage(body: unknown, page: number, limit: number): ListPage {
	const payload = unwrapEnvelope(body);
	let items: unknown;
	let meta: IDataObject = {};
	if (Array.isArray(payload)) {
		items = payload;
	} else if (isDataObject(payload)) {
		if (Array.isArray(payload.items)) {
			items = payload.items;
			meta = isDataObject(payload.pagination) ? payload.pagination : payload;
		} else if (Array.isArray(payload.data)) {
			items = payload.data;
			meta = payload;
		}
	}
	if (!Array.isArray(items)) {
		throw new TypeError('the list response has neither "items" nor a "data" array');
	}
	const list = items.filter(isDataObject);
	const total = typeof meta.total === 'number' ? meta.total : undefined;
	let hasNextPage: boolean;
	if (typeof meta.hasNextPage === 'boolean') {
		hasNextPage = meta.hasNextPage;
	} else if (typeof meta.totalPages === 'number') {
		hasNextPage = page < meta.totalPages;
	} else if (total !== undefined) {
		hasNextPage = page * limit < total;
	} else {
		hasNextPage = list.length >= limit;
	}
	// An empty page never leads anywhere, whatever the metadata claims.
	if (list.length === 0) hasNextPage = false;
	return { items: list, hasNextPage, total };
}
