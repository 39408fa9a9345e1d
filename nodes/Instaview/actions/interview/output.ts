import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyInterview } from '../../helpers/simplify';
import type { ExecutionRun } from '../types';

/**
 * An interview as the node outputs it for item `i`: simplified or raw, with the candidate's and
 * job's details when asked (read through the execution's directory, so once per execution each).
 */
export async function interviewOutput(
	context: IExecuteFunctions,
	i: number,
	run: ExecutionRun,
	interview: IDataObject,
	defaults: { simplify: boolean; addDetails: boolean } = { simplify: true, addDetails: true },
): Promise<IDataObject> {
	const simplify = context.getNodeParameter('simplify', i, defaults.simplify) as boolean;
	const addDetails = context.getNodeParameter('addDetails', i, defaults.addDetails) as boolean;
	const details = addDetails ? await run.people.detailsFor(interview) : undefined;
	if (simplify) return simplifyInterview(interview, details);
	return details ? { ...interview, ...details } : interview;
}
