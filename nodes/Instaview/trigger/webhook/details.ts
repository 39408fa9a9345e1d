import type { IWebhookFunctions } from 'n8n-workflow';

import { PeopleDirectory } from '../output/people';
import { readBeforeDeadline } from './confirm';

/**
 * The candidate and job details of one delivery, read like its confirmation: the same request
 * path and the same deadline, so the details never keep InstaView waiting past its timeout.
 * One directory per delivery: a delivery concerns one interview, and a renamed job must show
 * its new title in the next event.
 */
export function peopleOfDelivery(context: IWebhookFunctions, deadlineAt: number): PeopleDirectory {
	return new PeopleDirectory(async (path, subject) => await readBeforeDeadline(context, { path, subject }, deadlineAt));
}

/**
 * Details not read, because InstaView just failed to answer the confirmation: asking it again
 * would only delay the answer to InstaView. The item keeps its shape (null fields) and says why
 * in `detailsError`.
 */
export function peopleNotRead(reason: string): PeopleDirectory {
	return new PeopleDirectory(async () => {
		throw new Error(`not read, InstaView could not confirm the event (${reason})`);
	});
}
