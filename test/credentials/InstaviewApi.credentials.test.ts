import { InstaviewApi } from '../../credentials/InstaviewApi.credentials';
import { ALL_SCOPES } from '../emulator';
import { testCredential } from '../helpers/context';
import { DEMO_API_KEY, useEmulator } from '../helpers/instaview';

const ctx = useEmulator();

describe('InstaView API credential', () => {
	test('declares a password field for the key and a Bearer header', () => {
		const credential = new InstaviewApi();
		expect(credential.name).toBe('instaviewApi');
		expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions?.password).toBe(true);
		expect(credential.authenticate.properties.headers).toEqual({ Authorization: '=Bearer {{$credentials.apiKey}}' });
	});

	test('the test passes with a good key, with one authenticated one-item candidates request', async () => {
		const result = await testCredential({ apiKey: DEMO_API_KEY, baseUrl: ctx.emulator.url });
		expect(result.status).toBe('OK');
		const [request] = await ctx.emulator.control.requests();
		expect(request).toMatchObject({ method: 'GET', path: '/candidates', query: { page: '1', limit: '1' }, authOk: true });
		expect(request.headers.authorization).toBe(`Bearer ${DEMO_API_KEY}`);
	});

	test('a trailing slash on the base URL is tolerated', async () => {
		const result = await testCredential({ apiKey: DEMO_API_KEY, baseUrl: `${ctx.emulator.url}/` });
		expect(result.status).toBe('OK');
		expect((await ctx.emulator.control.requests())[0].path).toBe('/candidates');
	});

	test('the test fails with a bad key, with a message that says so', async () => {
		const result = await testCredential({ apiKey: 'sk_not_a_real_key', baseUrl: ctx.emulator.url });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/did not accept the API key: it is mistyped, revoked, expired or suspended/);
	});

	test('a key without read:candidates fails the test, and the message names the missing scope', async () => {
		const key = 'sk_test_noreadcandidates000000000000000000000000';
		await ctx.emulator.control.addApiKey({ key, scopes: ALL_SCOPES.filter((scope) => scope !== 'read:candidates') });
		const result = await testCredential({ apiKey: key, baseUrl: ctx.emulator.url });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/valid but lacks the scope read:candidates/);
	});

	test('a read-only key passes: the test proves the key and read:candidates, not the write scopes', async () => {
		const key = 'sk_test_readonly000000000000000000000000000000000';
		await ctx.emulator.control.addApiKey({ key, scopes: ALL_SCOPES.filter((scope) => scope.startsWith('read:')) });
		expect((await testCredential({ apiKey: key, baseUrl: ctx.emulator.url })).status).toBe('OK');
	});

	test('a base URL that is not the API is named as such', async () => {
		const result = await testCredential({ apiKey: DEMO_API_KEY, baseUrl: `${ctx.emulator.url}/not-the-api` });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Base URL does not lead to the InstaView API/);
	});

	test('an ATS key sends its company ID', async () => {
		const companyId = '3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f';
		await testCredential({ apiKey: DEMO_API_KEY, baseUrl: ctx.emulator.url, companyId });
		expect((await ctx.emulator.control.requests())[0].query.companyId).toBe(companyId);
	});
});
