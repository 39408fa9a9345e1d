/**
 * The InstaView node as an AI agent's tool, in a real n8n: Manual Trigger → AI Agent, with an
 * OpenAI Chat Model pointed at a local OpenAI-compatible stand-in (no network) and the
 * InstaView tool (Create) attached. The stand-in scripts one tool call with fixed arguments,
 * then a final answer; the emulator must have received exactly the expected POST /interviews.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { DEMO_IDS } from '../../emulator';
import { ACTION_TYPE, emulatorControl, emulatorRequests, executeWorkflow, importWorkflows, log, n8nCli, nodeItems, type N8nInstance, type WorkflowJson } from '../lib/stack';
import { DEMO_CREDENTIAL } from '../lib/workflows';

const AGENT_WORKFLOW_ID = 'instaviewAgent01';
const OPENAI_CREDENTIAL = { id: 'openAiStandIn001', name: 'OpenAI stand-in' };
const TOOL_NODE = 'Schedule Interview';

/** What the stand-in model "decides": the arguments of its one tool call. */
export const SCRIPTED_ARGUMENTS = { candidateId: DEMO_IDS.candidates.jane, jobId: DEMO_IDS.jobs.backend };

interface ChatRequest {
	messages: Array<{ role: string; content?: unknown; tool_call_id?: string }>;
	tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: { properties?: Record<string, unknown> } } }>;
	stream?: boolean;
	model?: string;
}

export interface StandIn {
	url: string;
	requests: ChatRequest[];
	close(): Promise<void>;
}

/**
 * A tiny OpenAI-compatible server on loopback: /v1/chat/completions answers with a call of
 * the first offered tool until a tool result is in the conversation, then with a final text.
 * Streams (SSE) when asked to, as the OpenAI SDK may.
 */
export async function startOpenAiStandIn(): Promise<StandIn> {
	const requests: ChatRequest[] = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
		req.on('end', () => {
			if (req.method === 'GET' && req.url?.endsWith('/models')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ object: 'list', data: [{ id: 'stand-in', object: 'model', owned_by: 'e2e' }] }));
				return;
			}
			if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `not served: ${req.method} ${req.url}` } }));
				return;
			}
			const body = JSON.parse(raw || '{}') as ChatRequest;
			requests.push(body);
			const toolResult = body.messages.find((m) => m.role === 'tool');
			const tool = body.tools?.[0]?.function.name;
			const message = toolResult || !tool
				? { role: 'assistant', content: `Done: ${String(typeof toolResult?.content === 'string' ? toolResult.content : JSON.stringify(toolResult?.content)).slice(0, 200)}` }
				: {
						role: 'assistant',
						content: null,
						tool_calls: [{ id: 'call_instaview_1', type: 'function', function: { name: tool, arguments: JSON.stringify(SCRIPTED_ARGUMENTS) } }],
					};
			const finish = 'tool_calls' in message ? 'tool_calls' : 'stop';
			const base = { id: `chatcmpl-${requests.length}`, created: Math.floor(Date.now() / 1000), model: body.model ?? 'stand-in' };
			if (body.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream' });
				const delta =
					'tool_calls' in message
						? { role: 'assistant', tool_calls: message.tool_calls!.map((call, index) => ({ index, ...call })) }
						: { role: 'assistant', content: message.content };
				res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
				res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: finish }] })}\n\n`);
				res.end('data: [DONE]\n\n');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					...base,
					object: 'chat.completion',
					choices: [{ index: 0, message, finish_reason: finish }],
					usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
				}),
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function agentWorkflow(): WorkflowJson {
	const fromAi = (key: string, description: string) => `={{ $fromAI('${key}', '${description}', 'string') }}`;
	return {
		id: AGENT_WORKFLOW_ID,
		name: 'E2E: AI agent schedules an interview with the InstaView tool',
		active: false,
		nodes: [
			{ id: 'agent-0', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'agent-1',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 2.2,
				position: [220, 0],
				parameters: { promptType: 'define', text: 'Schedule an AI interview for Jane Doe for the Senior Backend Engineer job.', options: {} },
			},
			{
				id: 'agent-2',
				name: 'Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: [200, 220],
				parameters: { model: { __rl: true, mode: 'id', value: 'stand-in' }, options: {} },
				credentials: { openAiApi: OPENAI_CREDENTIAL },
			},
			{
				id: 'agent-3',
				name: TOOL_NODE,
				type: `${ACTION_TYPE}Tool`,
				typeVersion: 1,
				position: [400, 220],
				parameters: {
					descriptionType: 'auto',
					resource: 'interview',
					operation: 'create',
					agentId: { __rl: true, mode: 'id', value: DEMO_IDS.agents.screening },
					candidateSource: 'existing',
					candidateId: { __rl: true, mode: 'id', value: fromAi('candidateId', 'ID of the candidate to interview') },
					jobSource: 'existing',
					jobId: { __rl: true, mode: 'id', value: fromAi('jobId', 'ID of the job the interview is for') },
					start: 'immediately',
					options: {},
				},
				credentials: { instaviewApi: DEMO_CREDENTIAL },
			},
		],
		connections: {
			Manual: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			[TOOL_NODE]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

export interface AgentFindings {
	toolName: string;
	toolDescription: string;
	body: Record<string, unknown>;
	answer: string;
	modelCalls: number;
}

/** Runs with `n8n execute` (before the server starts), like the other manual workflows. */
export async function checkAgentUsesTool(n8n: N8nInstance, emuUrl: string): Promise<AgentFindings> {
	const standIn = await startOpenAiStandIn();
	try {
		const file = path.join(n8n.runDir, 'openai-credential.json');
		fs.writeFileSync(file, JSON.stringify([{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-stand-in', url: standIn.url } }]));
		const imported = await n8nCli(n8n, ['import:credentials', `--input=${file}`]);
		fs.rmSync(file);
		assert.equal(imported.code, 0, `import of the OpenAI stand-in credential failed: ${imported.stderr.slice(-500)}`);
		await importWorkflows(n8n, [agentWorkflow()]);
		await emulatorControl(emuUrl, 'DELETE', '/requests');

		const exec = await executeWorkflow(n8n, AGENT_WORKFLOW_ID);
		const error = exec.data.resultData.error?.message;
		assert.equal(exec.status, 'success', `agent workflow: ${exec.status} ${error ?? ''} (model calls: ${standIn.requests.length})`);

		const first = standIn.requests[0];
		const tool = first?.tools?.[0]?.function;
		assert.ok(tool, 'the chat model was not offered the InstaView tool');
		assert.deepEqual(Object.keys(tool.parameters?.properties ?? {}).sort(), ['candidateId', 'jobId']);
		assert.match(String(tool.description), /^Create an interview that an AI agent holds with a candidate .* in InstaView$/);
		assert.ok(standIn.requests.some((r) => r.messages.some((m) => m.role === 'tool')), 'the tool result never reached the model');

		const posts = (await emulatorRequests(emuUrl, '?method=POST&path=/interviews')).filter((r) => r.path === '/interviews');
		assert.equal(posts.length, 1, `emulator saw ${posts.length} POST /interviews`);
		assert.equal(posts[0].status, 201);
		const body = posts[0].body as Record<string, unknown>;
		assert.deepEqual(body, { agentId: DEMO_IDS.agents.screening, candidateId: SCRIPTED_ARGUMENTS.candidateId, jobId: SCRIPTED_ARGUMENTS.jobId });
		const answer = String(nodeItems(exec, 'AI Agent')[0]?.output ?? '');
		assert.match(answer, /^Done: /, `agent answer: ${answer}`);
		log(`   agent: tool "${tool.name}" called once; answer "${answer.slice(0, 100)}"`);
		return { toolName: tool.name, toolDescription: String(tool.description), body, answer, modelCalls: standIn.requests.length };
	} finally {
		await standIn.close();
	}
}
