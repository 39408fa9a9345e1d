import type { IDataObject } from 'n8n-workflow';

/** A candidate as a recruiter reads it: who, how to reach them, where they stand. */
export function simplifyCandidate(candidate: IDataObject): IDataObject {
	return {
		id: candidate.id,
		firstName: candidate.firstName ?? null,
		lastName: candidate.lastName ?? null,
		email: candidate.email ?? null,
		phoneNumber: candidate.phoneNumber ?? null,
		status: candidate.status ?? null,
		jobIds: Array.isArray(candidate.jobIds) ? candidate.jobIds : [],
		overallRating: candidate.overallRating ?? null,
		interviewCount: candidate.interviewCount ?? 0,
		analysisCount: candidate.analysisCount ?? 0,
		gdprExpiryDate: candidate.gdprExpiryDate ?? null,
		createdAt: candidate.createdAt ?? null,
		updatedAt: candidate.updatedAt ?? null,
	};
}

/** A job without its long texts: title, status, skills, terms, where. */
export function simplifyJob(job: IDataObject): IDataObject {
	const location = (job.location ?? {}) as IDataObject;
	const salary = (job.salary ?? null) as IDataObject | null;
	return {
		id: job.id,
		title: job.title ?? null,
		status: job.status ?? null,
		requiredSkills: Array.isArray(job.requiredSkills) ? job.requiredSkills : [],
		niceToHaveSkills: Array.isArray(job.niceToHaveSkills) ? job.niceToHaveSkills : [],
		experience: job.experience ?? null,
		contractType: job.contractType ?? null,
		workMode: location.workMode ?? null,
		city: location.city ?? null,
		countryCode: location.countryCode ?? null,
		salary: salary && (salary.min !== undefined || salary.max !== undefined) ? salary : null,
		jobUrl: job.jobUrl ?? null,
		createdAt: job.createdAt ?? null,
	};
}

/** An agent (interview template) as a recruiter picks it: name, type, focus, language, length. */
export function simplifyAgent(agent: IDataObject): IDataObject {
	return {
		id: agent.id,
		name: agent.name ?? null,
		type: agent.type ?? null,
		focus: agent.focus ?? null,
		language: agent.language ?? null,
		durationMinutes: agent.duration ?? null,
		cefrLevel: agent.cefrLevel ?? null,
		questionCount: Array.isArray(agent.questions) ? agent.questions.length : 0,
	};
}
