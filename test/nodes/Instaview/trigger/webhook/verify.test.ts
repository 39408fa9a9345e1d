import { generateSecret, isAuthentic, REGISTRATION_HEADER, secretHeaderOf } from '../../../../../nodes/Instaview/trigger/webhook/verify';

describe('delivery verification', () => {
	const secret = generateSecret();

	test('a secret is 64 hex characters and different every time', () => {
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(generateSecret()).not.toBe(secret);
	});

	test('the header is found whatever its case, and the first of repeated headers counts', () => {
		expect(secretHeaderOf({ [REGISTRATION_HEADER.toLowerCase()]: 'a' })).toBe('a');
		expect(secretHeaderOf({ [REGISTRATION_HEADER]: ['b', 'c'] })).toBe('b');
		expect(secretHeaderOf({ other: 'x' })).toBeUndefined();
	});

	test('only the exact secret is authentic', () => {
		expect(isAuthentic(secret, secret)).toBe(true);
		expect(isAuthentic(undefined, secret)).toBe(false);
		expect(isAuthentic('', secret)).toBe(false);
		expect(isAuthentic(secret.slice(0, 63), secret)).toBe(false);
		expect(isAuthentic(`${secret}0`, secret)).toBe(false);
		expect(isAuthentic(`${secret.slice(0, 63)}${secret[63] === 'a' ? 'b' : 'a'}`, secret)).toBe(false);
		// no registration (static data lost): nothing is authentic
		expect(isAuthentic(secret, undefined)).toBe(false);
	});
});
