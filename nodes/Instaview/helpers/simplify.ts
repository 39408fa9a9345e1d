import type { IDataObject } from 'n8n-workflow';

import { isDataObject } from '../transport/envelope';
import { analysisStatusName } from './analysisStatus';

/** Who was interviewed and for which job, read from the candidate and the job (see trigger/output/people.ts). */
export interface PeopleDetails {
	candidateName: string | null;
	candidateEmail: string | null;
	candidatePhone: string | null;
	candidateStatus: string | null;
	jobTitle: string | null;
	/** Why some of the above could not be read (the interview itself is still delivered). */
	detailsError?: string;
}

/**
 * What a recruiter reads from an interview, in the order n8n's table view shows columns: the
 * verdict first (status, rating, company fit, strong and weak points, evaluation), then who and
 * which job, then the dates, the type-specific analysis and the user's own metadata, IDs last.
 * Nothing of the analysis or the metadata is dropped; raw output keeps everything else.
 */
export function simplifyInterview(interview: IDataObject, details?: PeopleDetails): IDataObject {
	const analysis = isDataObject(interview.analysis) ? interview.analysis : undefined;
	const general = analysis && isDataObject(analysis.general) ? analysis.general : undefined;
	return {
		status: interview.status,
		analysisStatus: analysisStatusName(general?.status) ?? null,
		overallRating: general?.overallRating ?? null,
		companyFitRating: general?.companyFitRating ?? null,
		strongPoints: general?.strongPoints ?? [],
		weakPoints: general?.weakPoints ?? [],
		evaluation: general?.evaluation ?? [],
		...(details ?? {}),
		scheduledAt: interview.scheduledAt ?? null,
		finishedDate: interview.finishedDate ?? null,
		durationMinutes: interview.durationMinutes ?? null,
		analysisCreatedAt: general?.createdAt ?? null,
		analysisUpdatedAt: general?.updatedAt ?? null,
		isTest: interview.isTest ?? false,
		// Type-specific results (e.g. a language test's scores), passed on as InstaView sends them.
		specific: analysis?.specific ?? null,
		// The user's own references (e.g. an ATS's externalInterviewId), needed to write results back.
		metadata: interview.metadata ?? null,
		id: interview.id,
		candidateId: interview.candidateId,
		jobId: interview.jobId ?? null,
		agentId: interview.agentId,
		analysisId: analysis?.id ?? null,
	};
}
