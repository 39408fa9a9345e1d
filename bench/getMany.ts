/**
 * Get Many over N interviews of one candidate: requests made (floor ceil(N/100)), wall time
 * against a raw axios loop making the same requests in the same process, CPU per item.
 * Runs alternate node/raw several times and compare medians, so machine noise hits both.
 * The timed runs turn Add Candidate and Job Details off, so both sides make the same requests;
 * what the details (on by default) add is counted separately.
 */
import axios from 'axios';

import { DEMO_API_KEY, freshEmulator, measure, median, runNode } from './common';

export interface GetManyFigures {
	n: number;
	requests: number;
	floor: number;
	/** Requests at the node's defaults (details on: the candidate read once, no job here). */
	requestsWithDetails: number;
	nodeMs: number;
	rawMs: number;
	ratio: number;
	nodeCpuUsPerItem: number;
	rawCpuUsPerItem: number;
}

async function rawLoop(baseUrl: string, candidateId: string): Promise<number> {
	let count = 0;
	for (let page = 1; ; page++) {
		const { data } = await axios.get(`${baseUrl}/interviews`, {
			params: { candidateId, page, limit: 100 },
			headers: { Authorization: `Bearer ${DEMO_API_KEY}`, Accept: 'application/json' },
		});
		const body = data.data;
		count += body.data.length;
		if (page >= body.totalPages) return count;
	}
}

export async function benchGetMany(n: number, rounds = 5): Promise<GetManyFigures> {
	const emulator = await freshEmulator();
	try {
		const candidate = emulator.state.createCandidate({ firstName: 'Bench', lastName: 'Many' });
		const agentId = [...emulator.state.agents.keys()][0];
		for (let i = 0; i < n; i++) emulator.state.createInterview({ candidateId: candidate.id, agentId });
		const parameters = { resource: 'interview', operation: 'getAll', candidateId: candidate.id, returnAll: true, filters: {}, simplify: false, addDetails: false };

		await runNode(emulator, parameters);
		await rawLoop(emulator.url, candidate.id);
		const node: number[] = [];
		const raw: number[] = [];
		const nodeCpu: number[] = [];
		const rawCpu: number[] = [];
		let requests = 0;
		for (let round = 0; round < rounds; round++) {
			await emulator.control.clearRequests();
			const viaNode = await measure(() => runNode(emulator, parameters));
			if (viaNode.result.length !== n) throw new Error(`node returned ${viaNode.result.length} of ${n}`);
			requests = (await emulator.control.requests()).length;
			const viaRaw = await measure(() => rawLoop(emulator.url, candidate.id));
			if (viaRaw.result !== n) throw new Error(`raw loop read ${viaRaw.result} of ${n}`);
			node.push(viaNode.wallMs);
			raw.push(viaRaw.wallMs);
			nodeCpu.push(viaNode.cpuMs);
			rawCpu.push(viaRaw.cpuMs);
		}
		await emulator.control.clearRequests();
		const defaults: Record<string, unknown> = { ...parameters };
		delete defaults.addDetails;
		await runNode(emulator, defaults);
		const requestsWithDetails = (await emulator.control.requests()).length;
		const nodeMs = median(node);
		const rawMs = median(raw);
		return {
			n,
			requests,
			floor: Math.ceil(n / 100),
			requestsWithDetails,
			nodeMs,
			rawMs,
			ratio: nodeMs / rawMs,
			nodeCpuUsPerItem: (median(nodeCpu) * 1000) / n,
			rawCpuUsPerItem: (median(rawCpu) * 1000) / n,
		};
	} finally {
		await emulator.close();
	}
}
