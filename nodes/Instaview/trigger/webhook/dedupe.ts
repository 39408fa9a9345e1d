import type { IDataObject } from 'n8n-workflow';

/**
 * InstaView retries a delivery (same `deliveryId`) when it did not get a 2xx in time, so the
 * node remembers the ids it accepted recently.
 *
 * Where the memory lives: the node's static data, which n8n reads from the database for each
 * production webhook request and saves after the request is answered (main or webhook
 * process alike, so it works in queue mode). Two limits follow, both documented:
 * - the save is of the whole static data, so two deliveries handled at the same moment by
 *   different processes can each overwrite the other's record (last writer wins);
 * - a crash after the execution was started but before the save forgets that delivery.
 * A per-process set of ids being handled right now closes the first gap within one process
 * (a retry that arrives while the first attempt is still confirming).
 * Test webhooks ("listen for test event") get a copy of static data that n8n never saves,
 * which is harmless: a test listener takes one event.
 */
export const MAX_REMEMBERED_DELIVERIES = 200;

const inFlight = new Set<string>();

function memoryOf(staticData: IDataObject): string[] {
	return Array.isArray(staticData.deliveries) ? (staticData.deliveries as unknown[]).filter((id): id is string => typeof id === 'string') : [];
}

export function wasAccepted(staticData: IDataObject, deliveryId: string): boolean {
	return memoryOf(staticData).includes(deliveryId);
}

/** Records an accepted delivery, keeping only the most recent ones (a new array, so n8n sees the change). */
export function rememberDelivery(staticData: IDataObject, deliveryId: string): void {
	const kept = memoryOf(staticData).filter((id) => id !== deliveryId);
	kept.push(deliveryId);
	staticData.deliveries = kept.slice(-MAX_REMEMBERED_DELIVERIES);
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
