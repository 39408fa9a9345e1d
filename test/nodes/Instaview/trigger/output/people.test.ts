import { detailsFrom, PeopleDirectory } from '../../../../../nodes/Instaview/trigger/output/people';

const C1 = 'cafe0001-0000-4000-8000-000000000001';
const C2 = 'cafe0002-0000-4000-8000-000000000002';
const J1 = 'b0b00001-0000-4000-8000-000000000001';

function directory(records: Record<string, unknown>) {
	const reads: string[] = [];
	const people = new PeopleDirectory(async (path) => {
		reads.push(path);
		await new Promise((resolve) => setTimeout(resolve, 1));
		if (!(path in records)) throw new Error('InstaView could not find the resource');
		return records[path];
	});
	return { people, reads };
}

const records = {
	[`/candidates/${C1}`]: { id: C1, firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', phoneNumber: '+421900000001', status: 'APPLIED' },
	[`/candidates/${C2}`]: { id: C2, firstName: 'John', lastName: 'Roe', email: null, status: 'IN_PROCESS' },
	[`/jobs/${J1}`]: { id: J1, title: 'Senior Backend Engineer' },
};

describe('PeopleDirectory', () => {
	test('adds name, email, phone, status and job title', async () => {
		const { people } = directory(records);
		expect(await people.detailsFor({ candidateId: C1, jobId: J1 })).toEqual({
			candidateName: 'Jane Doe',
			candidateEmail: 'jane@example.com',
			candidatePhone: '+421900000001',
			candidateStatus: 'APPLIED',
			jobTitle: 'Senior Backend Engineer',
		});
	});

	test('reads each distinct candidate and job once, even when asked in parallel', async () => {
		const { people, reads } = directory(records);
		await Promise.all([
			people.detailsFor({ candidateId: C1, jobId: J1 }),
			people.detailsFor({ candidateId: C1, jobId: J1 }),
			people.detailsFor({ candidateId: C2, jobId: J1 }),
		]);
		await people.detailsFor({ candidateId: C2, jobId: J1 });
		expect(reads.sort()).toEqual([`/candidates/${C1}`, `/candidates/${C2}`, `/jobs/${J1}`].sort());
	});

	test('a read that fails costs only the details, once, and says why', async () => {
		const { people, reads } = directory({ [`/candidates/${C1}`]: records[`/candidates/${C1}`] });
		const details = await people.detailsFor({ candidateId: C1, jobId: J1 });
		expect(details).toMatchObject({ candidateName: 'Jane Doe', jobTitle: null, detailsError: `job ${J1}: InstaView could not find the resource` });
		await people.detailsFor({ candidateId: C1, jobId: J1 });
		expect(reads.filter((path) => path.startsWith('/jobs/'))).toHaveLength(1);
	});

	test('an interview without a job (a generic agent) reads only the candidate; malformed IDs are not requested', async () => {
		const { people, reads } = directory(records);
		expect((await people.detailsFor({ candidateId: C2 })).jobTitle).toBeNull();
		await people.detailsFor({ candidateId: '../agents', jobId: 'x' });
		expect(reads).toEqual([`/candidates/${C2}`]);
	});

	test('plan() counts the reads still to come, each distinct one once', () => {
		const { people } = directory(records);
		expect(people.plan([{ candidateId: C1, jobId: J1 }, { candidateId: C1, jobId: J1 }])).toBe(2);
		expect(people.plan([{ candidateId: C2, jobId: J1 }])).toBe(1);
		expect(people.plan([{ candidateId: C2, jobId: J1 }])).toBe(0);
	});

	test('detailsFrom tolerates missing fields', () => {
		expect(detailsFrom({ firstName: 'Solo' }, undefined)).toEqual({
			candidateName: 'Solo',
			candidateEmail: null,
			candidatePhone: null,
			candidateStatus: null,
			jobTitle: null,
		});
	});
});
