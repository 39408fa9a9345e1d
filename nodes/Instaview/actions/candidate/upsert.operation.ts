import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { newCandidateFields, readNewCandidate } from '../../descriptions/candidate';
import { CandidateDirectory } from '../../helpers/candidateDirectory';
import { buildCandidateCreateBody, MAX_JOB_IDS, normalizeEmail } from '../../helpers/candidateWrite';
import { showOnlyFor } from '../../helpers/displayOptions';
import { InvalidFieldError } from '../../helpers/InvalidFieldError';
import { instaviewApiRequest, readListPage } from '../../transport';
import { jobIdsOption, metadataOption, readOptions } from './candidate.descriptions';

const properties: INodeProperties[] = newCandidateFields.map((field) =>
	field.name === 'email'
		? {
				...field,
				required: true,
				description:
					'Candidates are matched on this email (case and surrounding spaces ignored): a match is updated, otherwise a candidate is created',
			}
		: field,
);

const upsertOptions: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			...jobIdsOption,
			description: `${jobIdsOption.description}. A new candidate gets these jobs; an existing one keeps its jobs and gets these added.`,
		},
		{
			...metadataOption,
			description: `${metadataOption.description}. An existing candidate's metadata is merged: these keys are set, other keys are kept.`,
		},
	],
};

export const description = showOnlyFor({ resource: ['candidate'], operation: ['upsert'] }, [...properties, upsertOptions]);

// One directory per execution (n8n gives each run of the node its own context object), shared
// by all its items: the candidates are read once per run, not once per row.
const directories = new WeakMap<object, CandidateDirectory>();

function directoryFor(context: IExecuteFunctions, i: number): CandidateDirectory {
	let directory = directories.get(context);
	if (!directory) {
		directory = new CandidateDirectory(async (qs) => {
			const body = await instaviewApiRequest.call(context, { method: 'GET', path: '/candidates', qs, itemIndex: i });
			return readListPage(body, Number(qs.page), Number(qs.limit));
		});
		directories.set(context, directory);
	}
	return directory;
}

const sameSet = (a: unknown, b: string[]) => Array.isArray(a) && a.length === b.length && b.every((entry) => a.includes(entry));
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The PATCH body that brings `existing` to what the row says; empty when nothing differs. */
function changesFor(existing: IDataObject, wanted: IDataObject): IDataObject {
	const changes: IDataObject = {};
	for (const key of ['firstName', 'lastName', 'phoneNumber', 'gdprExpiryDate'] as const) {
		if (wanted[key] !== undefined && wanted[key] !== existing[key]) changes[key] = wanted[key];
	}
	if (Array.isArray(wanted.jobIds)) {
		const current = Array.isArray(existing.jobIds) ? (existing.jobIds as string[]) : [];
		const union = [...new Set([...current, ...(wanted.jobIds as string[])])];
		if (union.length > MAX_JOB_IDS) {
			throw new InvalidFieldError('Job IDs', `would give the candidate ${union.length} jobs`, `InstaView assigns a candidate to at most ${MAX_JOB_IDS} jobs.`);
		}
		if (!sameSet(current, union)) changes.jobIds = union;
	}
	if (wanted.metadata !== undefined) {
		const current = existing.metadata && typeof existing.metadata === 'object' ? (existing.metadata as IDataObject) : {};
		const merged = { ...current, ...(wanted.metadata as IDataObject) };
		if (!sameJson(current, merged)) changes.metadata = merged;
	}
	return changes;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const extra = readOptions(this, i);
	const row = readNewCandidate(this, i);
	if (!normalizeEmail(row.email)) {
		throw new InvalidFieldError('Email', 'is empty', 'Create or Update matches candidates on their email: map the email column of the row.');
	}
	// Everything is checked before the first request, as for a create.
	const wanted = buildCandidateCreateBody({ ...row, jobIds: extra.jobIds, metadata: extra.metadata }, Date.now(), this.getTimezone());
	const directory = directoryFor(this, i);
	const matches = await directory.find(String(wanted.email), this.getInputData().length - i);

	if (matches.length > 1) {
		throw new NodeOperationError(this.getNode(), `${matches.length} candidates in InstaView have the email ${String(wanted.email)}: ${matches.map((c) => String(c.id)).join(', ')}`, {
			itemIndex: i,
			description:
				'The node does not guess which one to update. Delete or merge the duplicates in InstaView (Candidate → Delete), or change one of them by ID with Candidate → Update, then run this item again.',
		});
	}
	if (matches.length === 0) {
		const created = (await instaviewApiRequest.call(this, { method: 'POST', path: '/candidates', body: wanted, itemIndex: i, subject: 'candidate' })) as IDataObject;
		directory.remember(created);
		return [{ json: { ...created, upsertResult: 'created' } }];
	}
	const [existing] = matches;
	const changes = changesFor(existing, wanted);
	if (!Object.keys(changes).length) return [{ json: { ...existing, upsertResult: 'unchanged' } }];
	const updated = (await instaviewApiRequest.call(this, {
		method: 'PATCH',
		path: `/candidates/${String(existing.id)}`,
		body: changes,
		itemIndex: i,
		subject: `candidate ${String(existing.id)}`,
	})) as IDataObject;
	directory.remember(updated);
	return [{ json: { ...updated, upsertResult: 'updated' } }];
}
