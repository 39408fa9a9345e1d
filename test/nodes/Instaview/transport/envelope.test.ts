import { readListPage, unwrapEnvelope } from '../../../../nodes/Instaview/transport/envelope';

const items = [{ id: 'a' }, { id: 'b' }];

describe('unwrapEnvelope', () => {
	test('unwraps the documented envelope and leaves other bodies alone', () => {
		expect(unwrapEnvelope({ success: true, data: { id: 'x' }, error: null, timestamp: 't' })).toEqual({ id: 'x' });
		expect(unwrapEnvelope({ success: true, data: true })).toBe(true);
		expect(unwrapEnvelope(true)).toBe(true);
		expect(unwrapEnvelope({ id: 'x', status: 'COMPLETED' })).toEqual({ id: 'x', status: 'COMPLETED' });
		expect(unwrapEnvelope({ analysisPdfBase64: 'JVBE' })).toEqual({ analysisPdfBase64: 'JVBE' });
	});
});

describe('readListPage reads all three documented shapes', () => {
	test('1: data.items with pagination.hasNextPage', () => {
		const body = { success: true, data: { items, pagination: { total: 250, page: 1, limit: 2, totalPages: 125, hasNextPage: true, hasPreviousPage: false } } };
		expect(readListPage(body, 1, 2)).toEqual({ items, hasNextPage: true, total: 250 });
		const last = { success: true, data: { items, pagination: { total: 4, page: 2, limit: 2, totalPages: 2, hasNextPage: false } } };
		expect(readListPage(last, 2, 2).hasNextPage).toBe(false);
	});

	test('2: a bare { data, total, page, limit, totalPages }', () => {
		expect(readListPage({ data: items, total: 3, page: 1, limit: 2, totalPages: 2 }, 1, 2).hasNextPage).toBe(true);
		expect(readListPage({ data: items, total: 4, page: 2, limit: 2, totalPages: 2 }, 2, 2).hasNextPage).toBe(false);
	});

	test('3: the envelope around { data, total, page, limit, totalPages }', () => {
		expect(readListPage({ success: true, data: { data: items, total: 3, page: 1, limit: 2, totalPages: 2 } }, 1, 2).hasNextPage).toBe(true);
		expect(readListPage({ success: true, data: { data: items, total: 2 } }, 1, 2).hasNextPage).toBe(false);
	});

	test('without metadata a short page ends the list, and an empty page always does', () => {
		expect(readListPage({ success: true, data: items }, 1, 2).hasNextPage).toBe(true);
		expect(readListPage({ success: true, data: [items[0]] }, 1, 2).hasNextPage).toBe(false);
		expect(readListPage({ success: true, data: { data: [], totalPages: 9 } }, 1, 2).hasNextPage).toBe(false);
	});

	test('an unknown shape is reported, not read as empty', () => {
		expect(() => readListPage({ success: true, data: { results: items } }, 1, 2)).toThrow(/neither "items" nor a "data" array/);
	});
});
