import type { IDataObject } from 'n8n-workflow';

import { CandidateDirectory } from '../../../../nodes/Instaview/helpers/candidateDirectory';
import { readListPage } from '../../../../nodes/Instaview/transport';

/** A stand-in for GET /candidates under either reading of `search` (names only, or names and email). */
function fakeServer(count: number, searchMatchesEmail: boolean, extra: IDataObject[] = []) {
	const candidates: IDataObject[] = [
		...extra,
		...Array.from({ length: count }, (_, n) => ({ id: `c${n}`, firstName: `First${n}`, lastName: `Last${n}`, email: `person${n}@example.com`, createdAt: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}Z` })),
	];
	const calls: IDataObject[] = [];
	const readPage = async (qs: IDataObject) => {
		calls.push(qs);
		const needle = typeof qs.search === 'string' ? qs.search.toLowerCase() : undefined;
		const matches = needle
			? candidates.filter((c) => [c.firstName, c.lastName, ...(searchMatchesEmail ? [c.email] : [])].some((v) => String(v).toLowerCase().includes(needle)))
			: candidates;
		const page = Number(qs.page);
		const limit = Number(qs.limit);
		const body = { data: matches.slice((page - 1) * limit, page * limit), total: matches.length, page, limit, totalPages: Math.ceil(matches.length / limit) };
		return readListPage(body, page, limit);
	};
	return { readPage, calls, candidates };
}

describe('CandidateDirectory', () => {
	test.each([true, false])('a small company (one page) costs 1 request whatever search does (search matches email: %s)', async (reading) => {
		const server = fakeServer(40, reading);
		const directory = new CandidateDirectory(server.readPage);
		expect((await directory.find(' Person7@Example.com', 1)).map((c) => c.id)).toEqual(['c7']);
		expect(await directory.find('nobody@example.com', 1)).toEqual([]);
		expect(server.calls).toEqual([{ page: 1, limit: 100 }]);
	});

	test.each([true, false])('many rows against 10,000 candidates: one full read (100 requests), no search (search matches email: %s)', async (reading) => {
		const server = fakeServer(10000, reading);
		const directory = new CandidateDirectory(server.readPage);
		for (let row = 0; row < 1000; row++) {
			const found = await directory.find(`person${row * 7}@example.com`, 1000 - row);
			expect(found).toHaveLength(1);
		}
		expect(server.calls).toHaveLength(100);
		expect(server.calls.every((qs) => qs.search === undefined)).toBe(true);
	});

	test('one row against 10,000 candidates, search matches emails: a probe, then one search per email (3 requests)', async () => {
		const server = fakeServer(10000, true);
		const directory = new CandidateDirectory(server.readPage);
		expect((await directory.find('person9000@example.com', 1)).map((c) => c.id)).toEqual(['c9000']);
		expect(server.calls.map((qs) => qs.search ?? '-')).toEqual(['-', 'person0@example.com', 'person9000@example.com']);
		// the same email again costs nothing; a search that also hits other emails keeps only the exact one
		expect(await directory.find('PERSON9000@example.com', 1)).toHaveLength(1);
		expect((await directory.find('person900@example.com', 1)).map((c) => c.id)).toEqual(['c900']);
		expect(server.calls).toHaveLength(4);
	});

	test('one row against 10,000 candidates, search ignores emails: the probe finds nothing, so everything is read once', async () => {
		const server = fakeServer(10000, false);
		const directory = new CandidateDirectory(server.readPage);
		expect((await directory.find('person9000@example.com', 1)).map((c) => c.id)).toEqual(['c9000']);
		expect(server.calls).toHaveLength(1 + 1 + 99);
		expect(await directory.find('person5@example.com', 1)).toHaveLength(1);
		expect(server.calls).toHaveLength(101);
	});

	test('candidates remembered during the run are found without a request, also in search mode', async () => {
		const server = fakeServer(500, true);
		const directory = new CandidateDirectory(server.readPage);
		expect(await directory.find('new@example.com', 1)).toEqual([]);
		const calls = server.calls.length;
		directory.remember({ id: 'n1', email: 'New@Example.com', createdAt: '2026-02-01T00:00:00Z' });
		expect((await directory.find('new@example.com', 1)).map((c) => c.id)).toEqual(['n1']);
		expect(server.calls).toHaveLength(calls);
	});

	test('several candidates with one email come back oldest first', async () => {
		const twins = [
			{ id: 't2', firstName: 'T', lastName: 'Two', email: 'twin@example.com', createdAt: '2026-03-01T00:00:00Z' },
			{ id: 't1', firstName: 'T', lastName: 'One', email: 'TWIN@example.com', createdAt: '2026-02-01T00:00:00Z' },
		];
		const directory = new CandidateDirectory(fakeServer(10, false, twins).readPage);
		expect((await directory.find('twin@example.com', 1)).map((c) => c.id)).toEqual(['t1', 't2']);
	});

	test('a failed first read is tried again by the next row', async () => {
		const server = fakeServer(10, false);
		let fail = true;
		const directory = new CandidateDirectory(async (qs) => {
			if (fail) {
				fail = false;
				throw new Error('network');
			}
			return server.readPage(qs);
		});
		await expect(directory.find('person1@example.com', 2)).rejects.toThrow('network');
		expect(await directory.find('person1@example.com', 1)).toHaveLength(1);
	});
});
