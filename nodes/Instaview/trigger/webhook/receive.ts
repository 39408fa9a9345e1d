import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { confirmEvent, deliveryDeadline } from './confirm';
import { claimDelivery, rememberDelivery, releaseDelivery, wasAccepted } from './dedupe';
import {
	factsOfDelivery,
	factsOfInterview,
	interviewFromDelivery,
	interviewIdOf,
	isPing,
	parseDelivery,
	passesFilter,
	type Delivery,
} from './delivery';
import { peopleNotRead, peopleOfDelivery } from './details';
import { isInterviewEvent } from './events';
import { readWebhookOptions, type WebhookTriggerOptions } from './fields';
import { buildEventItem, buildReceivedItem } from './items';
import { readRegistration } from './registration';
import { isAuthentic, secretHeaderOf } from './verify';

/** An answer that starts no execution. */
function answer(body: IDataObject): IWebhookResponseData {
	return { webhookResponse: { received: true, ...body } };
}

/** An answer with another status, sent directly (n8n would otherwise answer 200). */
function reply(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/**
 * The items for one authentic, new delivery of a chosen event; none when InstaView refutes it
 * or a filter excludes it.
 *
 * When InstaView cannot be asked (outage, timeout, rate limit), the event is emitted marked
 * `confirmed: false` rather than answered with an error for InstaView to deliver again: its
 * retries are few and undocumented, and each failed answer counts towards the circuit breaker
 * that silently disables the webhook, so an API outage would turn into lost events.
 *
 * Requests per event: the confirmation (with it on), then the candidate and the job (with
 * details on, read in parallel), all within one deadline; none for an event a filter excludes.
 */
async function itemsFor(context: IWebhookFunctions, delivery: Delivery, options: WebhookTriggerOptions): Promise<INodeExecutionData[]> {
	const event = delivery.event;
	if (!isInterviewEvent(event)) return [];
	const deadlineAt = deliveryDeadline();
	if (!options.confirm) {
		if (!passesFilter(options.filter, event, factsOfDelivery(delivery))) return [];
		return [await buildReceivedItem(context, delivery, options.output, peopleOfDelivery(context, deadlineAt))];
	}
	const interviewId = interviewIdOf(delivery);
	const confirmation = interviewId
		? await confirmEvent(context, event, interviewId, deadlineAt)
		: ({ kind: 'unavailable', reason: 'the delivery names no interview' } as const);
	if (confirmation.kind === 'refuted') {
		context.logger.debug(`InstaView webhook trigger: ${event} not emitted, ${confirmation.reason}`);
		return [];
	}
	if (confirmation.kind === 'confirmed') {
		if (!passesFilter(options.filter, event, factsOfInterview(confirmation.interview))) return [];
		const people = peopleOfDelivery(context, deadlineAt);
		return [await buildEventItem(context, delivery, confirmation.interview, { confirmed: true }, options.output, people)];
	}
	context.logger.warn(`InstaView webhook trigger: ${event} emitted unconfirmed, ${confirmation.reason}`);
	if (!passesFilter(options.filter, event, factsOfDelivery(delivery))) return [];
	const provenance = { confirmed: false as const, confirmationError: confirmation.reason };
	const people = peopleNotRead(confirmation.reason);
	return [await buildEventItem(context, delivery, interviewFromDelivery(delivery), provenance, options.output, people)];
}

/** Handles one request to the node's webhook URL. */
export async function receiveDelivery(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const staticData = context.getWorkflowStaticData('node');
	const registration = readRegistration(staticData);
	if (!isAuthentic(secretHeaderOf(context.getHeaderData() as Record<string, unknown>), registration?.secret)) {
		context.logger.debug('InstaView webhook trigger: refused a request without the registration\'s secret header');
		return reply(context, 401, 'Unauthorized');
	}
	const delivery = parseDelivery(context.getBodyData());
	if (!delivery) return reply(context, 400, 'Not an InstaView webhook delivery');
	if (isPing(delivery)) return answer({ event: 'ping' });
	const nodeKey = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	if (wasAccepted(staticData, delivery.deliveryId, nodeKey)) return answer({ duplicate: true });

	const claim = `${nodeKey}:${delivery.deliveryId}`;
	if (!claimDelivery(claim)) {
		// The same delivery is being handled right now; InstaView will try again later.
		return reply(context, 409, 'This delivery is being handled');
	}
	try {
		const options = readWebhookOptions(context.getNodeParameter('events', []), context.getNodeParameter('options', {}) as IDataObject);
		const wanted = delivery.event !== undefined && (options.filter.events as string[]).includes(delivery.event);
		const items = wanted ? await itemsFor(context, delivery, options) : [];
		rememberDelivery(staticData, delivery.deliveryId, nodeKey);
		if (items.length === 0) return answer({ started: false });
		return { workflowData: [items] };
	} finally {
		releaseDelivery(claim);
	}
}
