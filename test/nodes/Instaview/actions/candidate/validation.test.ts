import { byId, DEMO_IDS, runInstaview, useEmulator } from '../../../../helpers/instaview';

const ctx = useEmulator();
const dateIn = (days: number) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
const uuids = (n: number) => Array.from({ length: n }, (_, k) => `cafe0002-0000-4000-8000-${String(k).padStart(12, '0')}`).join(',');

const newCandidate = { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', phoneNumber: '', gdprExpiryDate: dateIn(100), additionalFields: {} };
const create = (p: Record<string, unknown>) => ({ resource: 'candidate', operation: 'create', ...newCandidate, ...p });
const upsert = (p: Record<string, unknown>) => ({ ...create(p), operation: 'upsert' });
const update = (updateFields: Record<string, unknown>, p: Record<string, unknown> = {}) => ({
	resource: 'candidate',
	operation: 'update',
	candidateId: byId(DEMO_IDS.candidates.jane),
	updateFields,
	...p,
});

// [what is wrong, parameters, the field the error must name]
const badInputs: Array<[string, Record<string, unknown>, string]> = [
	['create: first name empty', create({ firstName: ' ' }), 'First Name'],
	['create: last name over 100', create({ lastName: 'x'.repeat(101) }), 'Last Name'],
	['create: neither email nor phone', create({ email: '', phoneNumber: '' }), 'Email'],
	['create: email without @', create({ email: 'jane.example.com' }), 'Email'],
	['create: phone not E.164', create({ email: '', phoneNumber: '0905 123 456' }), 'Phone Number'],
	['create: GDPR date missing', create({ gdprExpiryDate: '' }), 'GDPR Expiry Date'],
	['create: GDPR date today', create({ gdprExpiryDate: dateIn(0) }), 'GDPR Expiry Date'],
	['create: a job ID that is not a UUID', create({ additionalFields: { jobIds: `${DEMO_IDS.jobs.backend}, backend` } }), 'Job IDs'],
	['create: 51 job IDs', create({ additionalFields: { jobIds: uuids(51) } }), 'Job IDs'],
	['create: metadata not JSON', create({ additionalFields: { metadata: '{atsId: 1' } }), 'Metadata'],
	['create: metadata an array', create({ additionalFields: { metadata: '["a"]' } }), 'Metadata'],
	['upsert: email empty', upsert({ email: '', phoneNumber: '+421905123456' }), 'Email'],
	['upsert: email invalid', upsert({ email: 'jane@' }), 'Email'],
	['upsert: GDPR date in the past', upsert({ gdprExpiryDate: '2020-01-01' }), 'GDPR Expiry Date'],
	['update: nothing to change', update({}), 'Update Fields'],
	['update: only empty fields', update({ firstName: '', metadata: '{}' }), 'Update Fields'],
	['update: candidate not a UUID', update({ status: 'APPLIED' }, { candidateId: byId('jane') }), 'Candidate'],
	['update: status outside the enum', update({ status: 'INTERVIEWING' }), 'Status'],
	['update: email invalid', update({ email: 'no-at-sign' }), 'Email'],
	['update: phone invalid', update({ phoneNumber: '+0123' }), 'Phone Number'],
	['update: GDPR date not a date', update({ gdprExpiryDate: 'soon' }), 'GDPR Expiry Date'],
	['update: first name over 100', update({ firstName: 'x'.repeat(101) }), 'First Name'],
	['update: metadata deeper than 5 levels', update({ metadata: '{"a":{"b":{"c":{"d":{"e":{"f":1}}}}}}' }), 'Metadata'],
	['get: candidate empty', { resource: 'candidate', operation: 'get', candidateId: byId(''), simplify: true }, 'Candidate'],
	['delete: candidate not a UUID', { resource: 'candidate', operation: 'delete', candidateId: byId('123') }, 'Candidate'],
	['get many: job filter not a UUID', { resource: 'candidate', operation: 'getAll', returnAll: true, filters: { jobId: 'backend' }, simplify: true }, 'Job ID'],
	['get many: email filter invalid', { resource: 'candidate', operation: 'getAll', returnAll: true, filters: { email: 'jane' }, simplify: true }, 'Email'],
	['get many: status outside the enum', { resource: 'candidate', operation: 'getAll', returnAll: true, filters: { status: 'HIRED' }, simplify: true }, 'Status'],
];

describe('Candidate operations refuse bad input before any request', () => {
	test.each(badInputs)('%s', async (_, parameters, field) => {
		const { error } = await runInstaview(ctx.emulator, { parameters });
		expect(error?.message.startsWith(`${field}: `)).toBe(true);
		expect(error?.description).toBeTruthy();
		expect(await ctx.emulator.control.requests({})).toHaveLength(0);
	});
});
