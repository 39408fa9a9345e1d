/** The API key must not surface anywhere a user, a log or an AI agent could read it. */
import { inspect } from 'util';

import { transportSettings } from '../../../nodes/Instaview/transport';
import { ALL_SCOPES, type Emulator } from '../../emulator';
import { byId, DEMO_IDS, interviewParameters, minimalCreateParameters, runInstaview, useEmulator } from '../../helpers/instaview';

const ctx = useEmulator();
const KEY = 'sk_live_SECRETsecretSECRETsecret0123456789abcdef';

const get = interviewParameters('get', { interviewId: DEMO_IDS.interviews.janeScreening, simplify: true });
const create = minimalCreateParameters();

type Setup = (emulator: Emulator) => Promise<unknown>;
const paths: Array<[string, Record<string, unknown>, Setup, string?]> = [
	['400', create, (e) => e.control.addFault({ path: '/interviews', status: 400, body: { success: false, error: { code: 'VALIDATION_ERROR', message: 'bad', details: { fields: [{ field: 'x', message: 'y' }] } } } })],
	['401 (unknown key)', get, async () => undefined, 'sk_live_UNKNOWNunknownUNKNOWN0123456789abcdef'],
	['403', create, (e) => e.control.addApiKey({ key: KEY, scopes: ['read:interviews'] })],
	['404', interviewParameters('get', { interviewId: '00000000-0000-4000-8000-00000000dead', simplify: true }), async () => undefined],
	['409', create, (e) => e.control.addFault({ path: '/interviews', status: 409 })],
	['429', get, (e) => e.control.addFault({ path: '/interviews', status: 429, headers: { 'Retry-After': '60' }, body: { statusCode: 429, retryAfter: 60 } })],
	['500 on POST', create, (e) => e.control.addFault({ path: '/interviews', status: 500 })],
	['503 on GET', get, (e) => e.control.addFault({ path: '/interviews', status: 503, times: 9 })],
	['dropped connection', create, (e) => e.control.addFault({ path: '/interviews', drop: true })],
	['timeout', get, (e) => e.control.addFault({ path: '/interviews', delayMs: 1000, times: 9 })],
	['non-JSON body', get, (e) => e.control.addFault({ path: '/interviews', status: 502, rawBody: `<html>${'x'}</html>`, times: 9 })],
	['bad input', { ...create, candidateId: byId('nope') }, async () => undefined],
	['PDF not ready', interviewParameters('getAnalysisPdf', { interviewId: DEMO_IDS.interviews.peterScreening, binaryPropertyName: 'data' }), async () => undefined],
];

describe('the API key never appears in errors or output', () => {
	beforeEach(async () => {
		transportSettings.timeoutMs = 200;
		transportSettings.maxRateLimitWaitMs = 100;
		await ctx.emulator.control.addApiKey({ key: KEY, scopes: ALL_SCOPES });
	});

	test.each(paths)('%s', async (_name, parameters, setup, key = KEY) => {
		for (const continueOnFail of [false, true]) {
			await ctx.emulator.control.clearFaults();
			await setup(ctx.emulator);
			const result = await runInstaview(ctx.emulator, { parameters, continueOnFail, credentials: { apiKey: key, baseUrl: ctx.emulator.url } });
			const visible = [
				JSON.stringify(result.output),
				inspect(result.error, { depth: 20, showHidden: true }),
				JSON.stringify(result.error ?? {}),
				String(result.error?.stack ?? ''),
			].join('\n');
			expect(result.error ?? result.output[0]?.json.error).toBeDefined();
			expect(visible).not.toContain(key);
			expect(visible).not.toContain(key.slice(8, 30));
		}
		// The emulator really received the key: the check above is not vacuous.
		const sent = await ctx.emulator.control.requests();
		if (sent.length) expect(sent.some((request) => JSON.stringify(request.headers).includes(key))).toBe(true);
	});
});
