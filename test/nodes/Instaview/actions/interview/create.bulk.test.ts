/**
 * A 1,000-row sheet scheduled against a tight rate limit: the node must pace on the
 * X-RateLimit headers and wait out 429s so that no row fails and none is created twice.
 */
import { byId, DEMO_IDS, interviewParameters, runInstaview, useEmulator } from '../../../../helpers/instaview';

const ctx = useEmulator({ rateLimit: { perMinute: 150, perHour: 100000, windowMs: 1000 } });
const ROWS = 1000;

test(`${ROWS} inline-candidate creates under a 150-per-window limit: 0 failed, 0 duplicates`, async () => {
	const gdprExpiryDate = new Date(Date.now() + 400 * 86400000).toISOString().slice(0, 10);
	const parameters = Array.from({ length: ROWS }, (_, i) =>
		interviewParameters('create', {
			agentId: byId(DEMO_IDS.agents.generic),
			candidateSource: 'new',
			firstName: 'Row',
			lastName: String(i),
			email: `row${i}@example.com`,
			phoneNumber: '',
			gdprExpiryDate,
			jobSource: 'none',
			start: 'immediately',
			options: {},
		}),
	);
	const before = ctx.emulator.state.interviews.size;
	const { output, error } = await runInstaview(ctx.emulator, {
		continueOnFail: true,
		items: parameters.map(() => ({ json: {} })),
		parameters,
	});
	expect(error).toBeUndefined();
	const failed = output.filter((item) => item.json.error);
	expect(failed).toEqual([]);
	expect(output).toHaveLength(ROWS);
	expect(ctx.emulator.state.interviews.size - before).toBe(ROWS);
	const posts = await ctx.emulator.control.requests({ method: 'POST', path: '/interviews' });
	const refused = posts.filter((request) => request.status === 429).length;
	// Pacing on the headers keeps refusals rare (the window boundary is only known to the second).
	expect(refused).toBeLessThan(ROWS / 10);
	expect(posts.filter((request) => request.status === 201)).toHaveLength(ROWS);
}, 120000);
