/** Demo data (fixed ids) and fast bulk seeding. */
import { randomUUID } from 'node:crypto';
import { DEFAULT_COMPANY_ID, DEFAULT_PHONE_NUMBER_ID, type EmulatorState } from './store';
import { advanceInterview } from './lifecycle';
import type { SeedRequest, SeedResult } from './types';
import { isoDate } from './util';

const RAW_DEMO_IDS = {
	companyId: DEFAULT_COMPANY_ID,
	phoneNumberId: DEFAULT_PHONE_NUMBER_ID,
	agents: {
		screening: 'a9e00001-0000-4000-8000-000000000001',
		generic: 'a9e00001-0000-4000-8000-000000000002',
	},
	jobs: {
		backend: 'b0b00001-0000-4000-8000-000000000001',
		designer: 'b0b00001-0000-4000-8000-000000000002',
	},
	candidates: {
		/** backend job, COMPLETED interview with a COMPLETED analysis (rating 85) */
		jane: 'cafe0001-0000-4000-8000-000000000001',
		/** backend job, COMPLETED interview with a COMPLETED analysis (rating 72) */
		john: 'cafe0001-0000-4000-8000-000000000002',
		/** designer job, SCHEDULED interview */
		maria: 'cafe0001-0000-4000-8000-000000000003',
		/** both jobs (two job assignments), IN_PROGRESS interview with a PENDING analysis */
		peter: 'cafe0001-0000-4000-8000-000000000004',
		/** talent pool (no job), SCHEDULED GENERIC interview */
		anna: 'cafe0001-0000-4000-8000-000000000005',
	},
	analyses: {
		jane: 'a0a10001-0000-4000-8000-000000000001',
		john: 'a0a10001-0000-4000-8000-000000000002',
		peter: 'a0a10001-0000-4000-8000-000000000004',
	},
	interviews: {
		janeScreening: 'd1e00001-0000-4000-8000-000000000001',
		johnScreening: 'd1e00001-0000-4000-8000-000000000002',
		mariaScreening: 'd1e00001-0000-4000-8000-000000000003',
		peterScreening: 'd1e00001-0000-4000-8000-000000000004',
		annaGeneric: 'd1e00001-0000-4000-8000-000000000005',
	},
} as const;

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** Fixed ids of the demo data set (values typed as plain strings). */
export const DEMO_IDS: Widen<typeof RAW_DEMO_IDS> = RAW_DEMO_IDS;

export function seedDemo(state: EmulatorState): SeedResult {
	const ids: SeedResult = {
		agentIds: Object.values(DEMO_IDS.agents),
		jobIds: Object.values(DEMO_IDS.jobs),
		candidateIds: Object.values(DEMO_IDS.candidates),
		interviewIds: Object.values(DEMO_IDS.interviews),
	};
	if (state.agents.has(DEMO_IDS.agents.screening)) return ids; // already seeded
	const now = state.nowMs();
	const ago = (h: number) => new Date(now - h * 3600000).toISOString();
	const gdpr = isoDate(now + 365 * 86400000);
	const A = DEMO_IDS.agents;
	const J = DEMO_IDS.jobs;
	const C = DEMO_IDS.candidates;
	const I = DEMO_IDS.interviews;
	state.createAgent({ id: A.screening, name: 'Screening (EN)', type: 'ONLINE', focus: 'SCREENING', language: 'EN', duration: 20, questions: ['Tell us about a recent project you are proud of.', 'Why this role?'], createdAt: ago(240), updatedAt: ago(240) });
	state.createAgent({ id: A.generic, name: 'Talent pool conversation', type: 'ONLINE', focus: 'GENERIC', language: 'EN', duration: 15, createdAt: ago(239), updatedAt: ago(239) });
	state.createJob({
		id: J.backend, title: 'Senior Backend Engineer', description: 'We are looking for a senior engineer to build our TypeScript/NestJS services.',
		requiredSkills: ['TypeScript', 'NestJS', 'PostgreSQL'], niceToHaveSkills: ['Redis', 'AWS'], languageRequirements: [{ language: 'EN', proficiency: 'C1' }],
		education: ['BACHELOR_LEVEL'], experience: 'FIVE_TO_10_YEARS', contractType: 'FULL_TIME',
		location: { workMode: 'HYBRID', street: 'Hlavná 1', city: 'Bratislava', postalCode: '81101', countryCode: 'SK' },
		salary: { min: 60000, max: 90000, currency: 'EUR', period: 'YEARLY' }, createdAt: ago(200), updatedAt: ago(200),
	});
	state.createJob({
		id: J.designer, title: 'Product Designer', description: 'Design delightful hiring experiences for recruiters and candidates.',
		requiredSkills: ['Figma', 'User research'], contractType: 'FULL_TIME', location: { workMode: 'REMOTE', countryCode: 'US' }, createdAt: ago(199), updatedAt: ago(199),
	});
	const cand = (id: string, firstName: string, lastName: string, jobIds: string[], h: number, phone: string | null = null) =>
		state.createCandidate({ id, firstName, lastName, email: `${firstName}.${lastName}@example.com`.toLowerCase(), phoneNumber: phone, jobIds, gdprExpiryDate: gdpr, createdAt: ago(h), updatedAt: ago(h) });
	cand(C.jane, 'Jane', 'Doe', [J.backend], 100, '+421901234567');
	cand(C.john, 'John', 'Smith', [J.backend], 99);
	cand(C.maria, 'Maria', 'Garcia', [J.designer], 98);
	cand(C.peter, 'Peter', 'Novak', [J.backend, J.designer], 97, '+421907654321');
	cand(C.anna, 'Anna', 'Kowalska', [], 96);
	const iv = (id: string, candidateId: string, agentId: string, jobId: string | undefined, h: number) =>
		state.createInterview({ id, candidateId, agentId, jobId, scheduledAt: ago(h - 1), createdAt: ago(h), updatedAt: ago(h), metadata: { externalInterviewId: `INT-${id.slice(-3)}` } });
	iv(I.janeScreening, C.jane, A.screening, J.backend, 50);
	iv(I.johnScreening, C.john, A.screening, J.backend, 49);
	iv(I.mariaScreening, C.maria, A.screening, J.designer, 2);
	iv(I.peterScreening, C.peter, A.screening, J.backend, 3);
	iv(I.annaGeneric, C.anna, A.generic, undefined, 1).scheduledAt = new Date(now + 86400000).toISOString();
	advanceInterview(state, I.janeScreening, { status: 'COMPLETED', analysisStatus: 3, overallRating: 85, at: ago(48) });
	advanceInterview(state, I.johnScreening, { status: 'COMPLETED', analysisStatus: 3, overallRating: 72, at: ago(47) });
	advanceInterview(state, I.peterScreening, { status: 'IN_PROGRESS', analysisStatus: 1, at: ago(2) });
	state.interviews.get(I.janeScreening)!.analysis!.id = DEMO_IDS.analyses.jane;
	state.interviews.get(I.johnScreening)!.analysis!.id = DEMO_IDS.analyses.john;
	state.interviews.get(I.peterScreening)!.analysis!.id = DEMO_IDS.analyses.peter;
	return ids;
}

const FIRST = ['Jane', 'John', 'Maria', 'Peter', 'Anna', 'Lukas', 'Eva', 'Tomas', 'Sofia', 'Martin', 'Lucia', 'Adam'];
const LAST = ['Doe', 'Smith', 'Garcia', 'Novak', 'Kowalska', 'Horvath', 'Varga', 'Toth', 'Kovac', 'Baranova'];

function count(v: unknown, name: string): number {
	if (v === undefined) return 0;
	if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1000000) throw new Error(`seed.${name} must be a non-negative integer`);
	return v;
}

/** Fast bulk seeding; created entities get distinct createdAt values one second apart (oldest first). */
export function seedBulk(state: EmulatorState, req: SeedRequest): SeedResult {
	const result: SeedResult = { agentIds: [], jobIds: [], candidateIds: [], interviewIds: [] };
	if (req.demo) {
		const d = seedDemo(state);
		for (const k of Object.keys(result) as Array<keyof SeedResult>) result[k].push(...d[k]);
	}
	const nAgents = count(req.agents, 'agents');
	const nJobs = count(req.jobs, 'jobs');
	const nCand = count(req.candidates, 'candidates');
	const perCand = count(req.interviewsPerCandidate, 'interviewsPerCandidate');
	const totalCandidates = req.candidatesPerJob ? nCand * nJobs : nCand;
	const total = nAgents + nJobs + totalCandidates + totalCandidates * perCand;
	let t = state.nowMs() - total * 1000;
	const stamp = () => {
		t += 1000;
		return new Date(t).toISOString();
	};
	for (let i = 0; i < nAgents; i++) {
		const s = stamp();
		result.agentIds.push(state.createAgent({ name: `Screening agent ${i + 1}`, createdAt: s, updatedAt: s }).id);
	}
	for (let i = 0; i < nJobs; i++) {
		const s = stamp();
		result.jobIds.push(state.createJob({ title: `Seeded job ${i + 1}`, description: `Seeded job number ${i + 1} for load tests.`, createdAt: s, updatedAt: s }).id);
	}
	const gdpr = isoDate(state.nowMs() + 365 * 86400000);
	for (let i = 0; i < totalCandidates; i++) {
		const s = stamp();
		const jobIds = result.jobIds.length ? [result.jobIds[req.candidatesPerJob ? Math.floor(i / nCand) : i % result.jobIds.length]] : [];
		const id = randomUUID();
		const fn = FIRST[i % FIRST.length];
		const ln = LAST[Math.floor(i / FIRST.length) % LAST.length];
		state.createCandidate({ id, firstName: fn, lastName: ln, email: `${fn}.${ln}.${i}@example.com`.toLowerCase(), jobIds, gdprExpiryDate: gdpr, createdAt: s, updatedAt: s });
		result.candidateIds.push(id);
	}
	if (perCand > 0) {
		let agentPool = result.agentIds;
		if (!agentPool.length) agentPool = state.sortedAgents().filter((a) => !a.deletedAt && a.focus !== 'GENERIC').map((a) => a.id);
		if (!agentPool.length) agentPool = [state.createAgent({ name: 'Seed screening agent' }).id];
		let k = 0;
		for (const cid of result.candidateIds) {
			const c = state.candidates.get(cid)!;
			for (let j = 0; j < perCand; j++) {
				const s = stamp();
				const iv = state.createInterview({ candidateId: cid, agentId: agentPool[k++ % agentPool.length], jobId: c.jobIds[0], scheduledAt: s, createdAt: s, updatedAt: s });
				result.interviewIds.push(iv.id);
			}
		}
	}
	return result;
}
