import type { IDataObject } from 'n8n-workflow';

import { isDataObject } from '../transport/envelope';
import { analysisStatusName } from './analysisStatus';

/**
 * What a recruiter reads from an interview: who, when, and the analysis flattened (rating,
 * company fit, strong and weak points, evaluation). Raw output keeps everything.
 */
export function simplifyInterview(interview: IDataObject): IDataObject {
	const analysis = isDataObject(interview.analysis) ? interview.analysis : undefined;
	const general = analysis && isDataObject(analysis.general) ? analysis.general : undefined;
	return {
		id: interview.id,
		candidateId: interview.candidateId,
		jobId: interview.jobId ?? null,
		agentId: interview.agentId,
		status: interview.status,
		scheduledAt: interview.scheduledAt ?? null,
		finishedDate: interview.finishedDate ?? null,
		durationMinutes: interview.durationMinutes ?? null,
		analysisId: analysis?.id ?? null,
		analysisStatus: analysisStatusName(general?.status) ?? null,
		overallRating: general?.overallRating ?? null,
		companyFitRating: general?.companyFitRating ?? null,
		strongPoints: general?.strongPoints ?? [],
		weakPoints: general?.weakPoints ?? [],
		evaluation: general?.evaluation ?? [],
		analysisCreatedAt: general?.createdAt ?? null,
		analysisUpdatedAt: general?.updatedAt ?? null,
		isTest: interview.isTest ?? false,
	};
}
