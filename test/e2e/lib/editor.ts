/**
 * The editor as a user sees it (run inside the browser check's session): plain locator labels
 * in the node and the trigger, the Job picker narrowed to the chosen candidate's jobs, picker
 * entries in words, and the trigger's simplified test event. Screenshots go to .e2e-artifacts/;
 * with E2E_README_SCREENSHOTS=1 the README's two images are written to docs/images/ as well.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';

import { DEMO_IDS } from '../../emulator';
import { ARTIFACTS, openNode, SLOW_MS, visibleLabels } from './browser';
import { ACTION_TYPE, createWorkflow, log, REPO, TRIGGER_TYPE, type N8nInstance, type WorkflowJson } from './stack';
import { DEMO_CREDENTIAL } from './workflows';

export const README_IMAGES = path.join(REPO, 'docs', 'images');
const writeReadmeImages = process.env.E2E_README_SCREENSHOTS === '1';

const CREATE_NODE = 'Existing Candidate, Existing Job';
const TRIGGER_NODE = 'InstaView Trigger';
const CREATE_LABELS = ['Agent', 'Candidate Source', 'Candidate', 'Job Source', 'Job'];
const TRIGGER_LABELS = ['Event', 'Scope', 'Job'];

export interface EditorFindings {
	createLabels: string[];
	triggerLabels: string[];
	/** The Job picker's entries once Jane (one job) is the chosen candidate. */
	jobEntries: string[];
	agentEntries: string[];
	/** The first row of the trigger's test event, as the output panel shows it. */
	triggerOutput: string;
	files: string[];
}

const rl = (value: string, cachedResultName?: string) => ({ __rl: true, mode: 'list', value, ...(cachedResultName ? { cachedResultName } : {}) });
const credential = { instaviewApi: { id: DEMO_CREDENTIAL.id, name: DEMO_CREDENTIAL.name } };

/** Never executed: only opened in the editor. */
function editorWorkflow(): WorkflowJson {
	return {
		name: 'E2E: editor check',
		active: false,
		nodes: [
			{
				id: 'editor-trigger',
				name: TRIGGER_NODE,
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'analysisCompleted',
					scope: 'job',
					jobId: rl(DEMO_IDS.jobs.backend, 'Senior Backend Engineer · Open'),
					options: {},
				},
				credentials: credential,
			},
			{
				id: 'editor-create',
				name: CREATE_NODE,
				type: ACTION_TYPE,
				typeVersion: 1,
				position: [300, 0],
				parameters: {
					resource: 'interview',
					operation: 'create',
					agentId: rl(DEMO_IDS.agents.screening, 'Screening (EN) · Screening · English · Online'),
					candidateSource: 'existing',
					candidateId: rl(DEMO_IDS.candidates.jane, 'Jane Doe (jane.doe@example.com) · Applied'),
					jobSource: 'existing',
					jobId: rl(''),
					start: 'immediately',
					options: {},
				},
				credentials: credential,
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

async function shoot(page: Page, name: string, files: string[], clipSelector?: string): Promise<void> {
	const target = clipSelector ? await page.$(clipSelector) : null;
	const file = path.join(ARTIFACTS, name);
	await (target ?? page).screenshot({ path: file });
	files.push(path.relative(REPO, file));
	if (writeReadmeImages && name.startsWith('readme-')) {
		fs.mkdirSync(README_IMAGES, { recursive: true });
		const readmeFile = path.join(README_IMAGES, name.replace(/^readme-/, ''));
		fs.copyFileSync(file, readmeFile);
		files.push(path.relative(REPO, readmeFile));
	}
}

const VISIBLE_ITEMS = `(() => Array.from(document.querySelectorAll('[data-test-id="rlc-item"]')).filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; }))()`;

/** Opens the resource locator of `parameter` and returns the visible entries of its list. */
async function pickerEntries(page: Page, parameter: string): Promise<string[]> {
	await page.click(`[data-test-id="resource-locator-${parameter}"] [data-test-id="rlc-input"]`);
	await page.waitForFunction(`${VISIBLE_ITEMS}.length > 0`, { timeout: SLOW_MS });
	await new Promise((r) => setTimeout(r, 800));
	return page.evaluate(`${VISIBLE_ITEMS}.map((el) => el.innerText.trim())`) as Promise<string[]>;
}

/** Drags the parameter panel to the left, so the output panel gets the room of the (empty) input panel. */
async function widenOutput(page: Page): Promise<void> {
	const handle = await page.$('[data-test-id="panel-drag-button"]');
	const box = await handle?.boundingBox();
	if (box) {
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x - 500, box.y + box.height / 2, { steps: 10 });
		await page.mouse.up();
	}
	// The JSON view shows the fields in their order, top to bottom (the table cuts them off at the right).
	const modes = await page.$$('[data-test-id="ndv-run-data-display-mode"] label, [data-test-id="ndv-run-data-display-mode"] button');
	for (const mode of modes) {
		if ((await mode.evaluate((el) => (el as HTMLElement).innerText.trim())) === 'JSON') await mode.click();
	}
	// Away from the "pin this output" tip, and let the toast go.
	await page.mouse.move(5, 880);
	await new Promise((r) => setTimeout(r, 4000));
}

export async function editorCheck(page: Page, n8n: N8nInstance): Promise<EditorFindings> {
	const files: string[] = [];
	const wf = await createWorkflow(n8n, editorWorkflow());
	// README images at a size that reads well on GitHub and stays small.
	await page.setViewport({ width: 1280, height: 860 });

	await openNode(page, n8n, wf.id, CREATE_NODE, CREATE_LABELS);
	const createLabels = await visibleLabels(page, CREATE_LABELS);
	assert.deepEqual(createLabels, CREATE_LABELS, `Create panel labels: ${createLabels.join(', ')}`);
	await shoot(page, 'readme-create-panel.png', files);
	const agentEntries = await pickerEntries(page, 'agentId');
	await page.keyboard.press('Escape');
	assert.ok(agentEntries.includes('Screening (EN) · Screening · English · Online'), `agent entries: ${agentEntries.join(' | ')}`);
	assert.ok(agentEntries.every((entry) => !/\b[A-Z]{3,}(_[A-Z]+)*\b/.test(entry.replace(/\(EN\)/, ''))), `raw enum values in ${agentEntries.join(' | ')}`);
	const jobEntries = await pickerEntries(page, 'jobId');
	await shoot(page, 'job-picker-narrowed.png', files);
	await page.keyboard.press('Escape');
	assert.deepEqual(jobEntries, ['Senior Backend Engineer · Open'], `Job picker for Jane offers: ${jobEntries.join(' | ')}`);
	log(`   editor: Job picker for Jane offers only [${jobEntries.join(', ')}]`);

	// Wide and tall enough for the item's first fields: the verdict, then who and which job.
	await page.setViewport({ width: 1600, height: 900 });
	await openNode(page, n8n, wf.id, TRIGGER_NODE, TRIGGER_LABELS);
	const triggerLabels = await visibleLabels(page, TRIGGER_LABELS);
	assert.deepEqual(triggerLabels, TRIGGER_LABELS, `Trigger panel labels: ${triggerLabels.join(', ')}`);
	await page.click('[data-test-id="trigger-execute-button"], [data-test-id="node-execute-button"]');
	await page.waitForFunction(
		() => {
			const panel = document.querySelector('[data-test-id="ndv-output-panel"], [data-test-id="output-panel"]') as HTMLElement | null;
			return !!panel && /candidateName|overallRating/.test(panel.innerText);
		},
		{ timeout: SLOW_MS },
	);
	await widenOutput(page);
	const triggerOutput = await page.$eval('[data-test-id="ndv-output-panel"], [data-test-id="output-panel"]', (el) => (el as HTMLElement).innerText);
	assert.match(triggerOutput, /Senior Backend Engineer/, 'the test event shows no job title');
	assert.match(triggerOutput, /Jane Doe|John Smith/, 'the test event shows no candidate name');
	await shoot(page, 'readme-trigger-output.png', files, '[data-test-id="ndv-output-panel"], [data-test-id="output-panel"]');
	return { createLabels, triggerLabels, jobEntries, agentEntries, triggerOutput: triggerOutput.slice(0, 400), files };
}
