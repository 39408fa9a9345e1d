/**
 * Canned job postings for POST /jobs/url. The emulator never fetches anything: a URL is "readable" only
 * when it is `<emulator url>/postings/<slug>` (127.0.0.1 or localhost, the emulator's own port) and the
 * slug is in the table. The same pages are served as HTML at GET /postings/<slug> (no auth).
 */
import type { EmulatorState } from './store';
import type { Job, Posting } from './types';

export const DEFAULT_POSTINGS: Posting[] = [
	{
		slug: 'backend-engineer',
		job: {
			title: 'Senior Backend Engineer (Node.js)',
			description: 'Design, build and run the TypeScript services behind our hiring platform. You own APIs end to end.',
			status: 'OPEN',
			benefits: 'Remote-friendly, 25 days of paid leave, learning budget',
			requiredSkills: ['TypeScript', 'Node.js', 'PostgreSQL'],
			niceToHaveSkills: ['Redis', 'Kubernetes'],
			languageRequirements: [{ language: 'EN', proficiency: 'C1' }],
			education: ['BACHELOR_LEVEL'],
			experience: 'FIVE_TO_10_YEARS',
			contractType: 'FULL_TIME',
			location: { workMode: 'HYBRID', city: 'Bratislava', countryCode: 'SK' },
			salary: { min: 60000, max: 85000, currency: 'EUR', period: 'YEARLY' },
		},
	},
	{
		slug: 'barista',
		job: {
			title: 'Barista (part-time)',
			description: 'Prepare coffee and greet guests in our city-centre cafe. No experience needed; we train you.',
			status: 'OPEN',
			experience: 'NO_EXPERIENCE',
			contractType: 'PART_TIME',
			location: { workMode: 'ON_SITE', city: 'Vienna', countryCode: 'AT' },
		},
	},
	/** a reachable page without a job posting: extraction fails */
	{ slug: 'not-a-job', job: null },
];

export function resetPostings(state: EmulatorState): void {
	state.postings.clear();
	for (const p of DEFAULT_POSTINGS) state.postings.set(p.slug, { slug: p.slug, job: p.job ? JSON.parse(JSON.stringify(p.job)) as Partial<Job> : null });
}

const LOOPBACK = ['127.0.0.1', 'localhost'];

/** The posting a URL points at, or undefined when the emulator cannot "read" that URL. */
export function postingFor(state: EmulatorState, url: URL): Posting | undefined {
	if (!state.publicUrl) return undefined;
	const own = new URL(state.publicUrl);
	if (!LOOPBACK.includes(url.hostname) || url.port !== own.port || (url.protocol !== 'http:')) return undefined;
	const m = /^\/postings\/([A-Za-z0-9._-]+)\/?$/.exec(url.pathname);
	return m ? state.postings.get(m[1]) : undefined;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** HTML page of a posting (what a browser would see at the URL). */
export function postingHtml(p: Posting): string {
	if (!p.job) return '<!doctype html><html><head><title>Our company</title></head><body><h1>About us</h1><p>We are a friendly company.</p></body></html>';
	const j = p.job;
	const skills = (j.requiredSkills ?? []).map((s) => `<li>${esc(s)}</li>`).join('');
	return `<!doctype html><html><head><title>${esc(j.title ?? '')}</title></head><body><h1>${esc(j.title ?? '')}</h1><p>${esc(j.description ?? '')}</p><ul>${skills}</ul></body></html>`;
}
