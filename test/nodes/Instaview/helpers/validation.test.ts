import { normalizePhone, readList, readMetadata, requireUuid } from '../../../../nodes/Instaview/helpers/validation';

const CANDIDATE = '22222222-2222-4222-8222-222222222222';

describe('validation helpers', () => {
	test('IDs are normalised: upper case and missing dashes are accepted', () => {
		expect(requireUuid(' 22222222222242228222222222222222 ', 'Candidate')).toBe(CANDIDATE);
		expect(requireUuid(CANDIDATE.toUpperCase(), 'Candidate')).toBe(CANDIDATE);
	});

	test('phone numbers people type are normalised to E.164', () => {
		expect(normalizePhone('+421 (905) 123-456', 'Phone Number')).toBe('+421905123456');
		expect(normalizePhone('+1.555.010.9999', 'Phone Number')).toBe('+15550109999');
	});

	test('lists split on commas and keep empty entries so they can be refused', () => {
		expect(readList('a, b ,c')).toEqual(['a', 'b', 'c']);
		expect(readList('a,,b')).toEqual(['a', '', 'b']);
		expect(readList('')).toEqual([]);
	});

	test('metadata within the documented limits is accepted, as text or object', () => {
		expect(readMetadata('{"externalInterviewId":"INT-789"}', 'Metadata')).toEqual({ externalInterviewId: 'INT-789' });
		expect(readMetadata({ a: { b: { c: { d: { e: 1 } } } } }, 'Metadata')).toBeDefined();
		expect(readMetadata('', 'Metadata')).toBeUndefined();
	});
});
