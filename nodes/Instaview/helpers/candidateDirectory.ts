import type { IDataObject } from 'n8n-workflow';

import type { ListPage } from '../transport/envelope';
import { normalizeEmail } from './candidateWrite';

/** Reads one page of GET /candidates with these query parameters (page and limit included). */
export type CandidatePageReader = (qs: IDataObject) => Promise<ListPage>;

const PAGE = 100;

/**
 * Finds candidates by email for Create or Update, at the fewest requests that stay correct
 * whichever way InstaView's `search` works. The docs disagree on whether `search` matches
 * emails (the schema says first or last name only), so a search by email is trusted only
 * after a probe has shown that it finds a known candidate by email; otherwise every candidate
 * is read once. One directory serves every item of an execution, and candidates created or
 * updated meanwhile are added to it, so two rows with one email create one candidate.
 *
 * Cost with C candidates and N items: ceil(C/100) requests once when that is no more than N
 * (or `search` ignores emails), else 2 plus one search per distinct email.
 */
export class CandidateDirectory {
	private readonly byEmail = new Map<string, Map<string, IDataObject>>();
	private readonly searched = new Set<string>();
	private started = false;
	private complete = false;
	private total: number | undefined;
	private searchFindsEmails: boolean | undefined;

	constructor(private readonly readPage: CandidatePageReader) {}

	/** Every candidate whose email equals `email` (case and surrounding spaces ignored), oldest first. */
	async find(email: string, itemsLeft: number): Promise<IDataObject[]> {
		const key = normalizeEmail(email);
		if (!this.started) await this.readFirstPage();
		if (!this.complete && !this.searched.has(key)) {
			if (this.searchFindsEmails === undefined) await this.chooseStrategy(itemsLeft);
			if (this.searchFindsEmails) await this.search(key);
			else if (!this.complete) await this.scanRest();
		}
		return [...(this.byEmail.get(key)?.values() ?? [])].sort((a, b) => String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? '')));
	}

	/** Adds or refreshes a candidate this execution created or changed. */
	remember(candidate: IDataObject): void {
		const key = normalizeEmail(candidate.email);
		if (!key || candidate.id === undefined) return;
		let entries = this.byEmail.get(key);
		if (!entries) this.byEmail.set(key, (entries = new Map()));
		entries.set(String(candidate.id), candidate);
	}

	private async readFirstPage(): Promise<void> {
		const { items, hasNextPage, total } = await this.readPage({ page: 1, limit: PAGE });
		this.started = true;
		items.forEach((item) => this.remember(item));
		this.total = total;
		this.complete = !hasNextPage;
	}

	private async chooseStrategy(itemsLeft: number): Promise<void> {
		const pagesLeft = this.total === undefined ? Number.POSITIVE_INFINITY : Math.ceil(this.total / PAGE) - 1;
		const sample = [...this.byEmail.entries()].find(([email, entries]) =>
			[...entries.values()].every((c) => !`${String(c.firstName ?? '')} ${String(c.lastName ?? '')}`.toLowerCase().includes(email)),
		);
		if (pagesLeft <= itemsLeft || !sample) {
			this.searchFindsEmails = false;
			return;
		}
		// The sample's name does not contain its email, so only an email match can return it.
		const [email, entries] = sample;
		const { items } = await this.readPage({ page: 1, limit: PAGE, search: email });
		this.searchFindsEmails = items.some((item) => entries.has(String(item.id)));
		if (this.searchFindsEmails) {
			items.forEach((item) => this.remember(item));
			this.searched.add(email);
		}
	}

	private async search(email: string): Promise<void> {
		for (let page = 1; ; page++) {
			const { items, hasNextPage } = await this.readPage({ page, limit: PAGE, search: email });
			// `search` may match parts of names or emails; only exact emails count (remember keys on them).
			items.forEach((item) => this.remember(item));
			if (!hasNextPage) break;
		}
		this.searched.add(email);
	}

	private async scanRest(): Promise<void> {
		for (let page = 2; ; page++) {
			const { items, hasNextPage } = await this.readPage({ page, limit: PAGE });
			items.forEach((item) => this.remember(item));
			if (!hasNextPage) break;
		}
		this.complete = true;
	}
}
