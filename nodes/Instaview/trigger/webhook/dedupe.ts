import type { IDataObject } from 'n8n-workflow';

/**
 * InstaView retries a delivery (same `deliveryId`) when it did not get a 2xx in time, and a
 * receiver must not start a workflow twice for it, so the node remembers the ids it accepted.
 *
 * Where the memory lives, and why in two places (read from n8n 2.41's webhook handling):
 * - n8n reads a production webhook's static data from the database for each request and saves
 *   it after answering, but only when it is marked changed, and starting an execution rebuilds
 *   the workflow over the same static data, which clears that mark. So an id written in
 *   `webhook()` is persisted only when no execution starts; for the deliveries that matter it
 *   is not.
 * - The ids are therefore also kept in this process's memory (bounded per node and in total),
 *   which catches InstaView's retries and redeliveries reaching the same n8n process, also while
 *   the first attempt is still being handled.
 * The limit: a redelivery that reaches another process (queue mode with several webhook
 * processes) or arrives after n8n restarted starts the workflow again. Items carry `deliveryId`
 * so a workflow that must be exactly-once can check it downstream.
 */
export const MAX_REMEMBERED_DELIVERIES = 200;

const MAX_NODES = 500;
const inFlight = new Set<string>();
/** Per node (workflow id and node id), the recently accepted ids, oldest first; Map order = least recently used first. */
const accepted = new Map<string, string[]>();

function memoryOf(staticData: IDataObject): string[] {
	return Array.isArray(staticData.deliveries) ? (staticData.deliveries as unknown[]).filter((id): id is string => typeof id === 'string') : [];
}

export function wasAccepted(staticData: IDataObject, deliveryId: string, nodeKey?: string): boolean {
	if (memoryOf(staticData).includes(deliveryId)) return true;
	return nodeKey !== undefined && (accepted.get(nodeKey)?.includes(deliveryId) ?? false);
}

/** Records an accepted delivery, keeping only the most recent ones (a new array, so n8n sees the change). */
export function rememberDelivery(staticData: IDataObject, deliveryId: string, nodeKey?: string): void {
	const kept = memoryOf(staticData).filter((id) => id !== deliveryId);
	kept.push(deliveryId);
	staticData.deliveries = kept.slice(-MAX_REMEMBERED_DELIVERIES);
	if (nodeKey === undefined) return;
	const recent = (accepted.get(nodeKey) ?? []).filter((id) => id !== deliveryId);
	recent.push(deliveryId);
	accepted.delete(nodeKey);
	accepted.set(nodeKey, recent.slice(-MAX_REMEMBERED_DELIVERIES));
	if (accepted.size > MAX_NODES) accepted.delete(accepted.keys().next().value as string);
}

/** Claims a delivery for this process while it is handled; false when it is already being handled. */
export function claimDelivery(key: string): boolean {
	if (inFlight.has(key)) return false;
	inFlight.add(key);
	return true;
}

export function releaseDelivery(key: string): void {
	inFlight.delete(key);
}
