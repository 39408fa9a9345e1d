/**
 * Browser check: log in to the real n8n editor with Debian's chromium (puppeteer-core), open the
 * parameter panel (NDV) of each InstaView Create node of the shapes workflow, save a screenshot
 * to .e2e-artifacts/ and assert which candidate/job fields are visible. Then the editor check
 * (editor.ts): plain labels, the job picker narrowed to the chosen candidate's jobs, list entries
 * in words, and the trigger's simplified test event.
 *
 * E2E_README_SCREENSHOTS=1 also writes the README's images (docs/images/); a normal run writes
 * only to .e2e-artifacts/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';

import { editorCheck, type EditorFindings } from './editor';
import { log, OWNER, REPO, type N8nInstance } from './stack';
import { SHAPES } from './workflows';

export const ARTIFACTS = path.join(REPO, '.e2e-artifacts');

export function findChromium(): string | undefined {
	const candidates = [process.env.E2E_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
	return candidates.find((c): c is string => !!c && fs.existsSync(c));
}

/**
 * Generous on purpose: CI machines are shared, and n8n's editor can take a minute to load under load.
 * (Not `networkidle2`: the editor keeps its push connection open, which a busy machine turns into a timeout.)
 */
export const SLOW_MS = 120_000;

const CANDIDATE_ID = 'Candidate';
const FIRST_NAME = 'First Name';
const JOB_ID = 'Job';
const JOB_TITLE = 'Job Title';
const ALL = [CANDIDATE_ID, FIRST_NAME, JOB_ID, JOB_TITLE];

/** The labels that must be visible for each shape; the other three of ALL must not be. */
const EXPECTED: Record<string, string[]> = {
	[SHAPES.existingNone]: [CANDIDATE_ID],
	[SHAPES.existingNew]: [CANDIDATE_ID, JOB_TITLE],
	[SHAPES.newExisting]: [FIRST_NAME, JOB_ID],
	[SHAPES.newNew]: [FIRST_NAME, JOB_TITLE],
};

export interface Shot {
	node: string;
	file: string;
	shown: string[];
	hidden: string[];
}

export async function login(page: Page, n8n: N8nInstance): Promise<void> {
	await page.goto(`${n8n.url}/signin`, { waitUntil: 'domcontentloaded', timeout: SLOW_MS });
	await page.waitForSelector('input[type=email]', { timeout: SLOW_MS });
	await page.type('input[type=email]', OWNER.email);
	await page.type('input[type=password]', OWNER.password);
	await page.keyboard.press('Enter');
	await page.waitForFunction(() => !location.pathname.startsWith('/signin'), { timeout: SLOW_MS });
}

/** Labels of the parameter panel that are rendered and visible (innerText skips hidden elements). */
export async function visibleLabels(page: Page, all: string[] = ALL): Promise<string[]> {
	const text = await page.$eval('[data-test-id="ndv-parameters"], [data-test-id="ndv"]', (el) => (el as HTMLElement).innerText);
	const lines = new Set(text.split('\n').map((l) => l.replace(/\*$/, '').trim()));
	return all.filter((label) => lines.has(label));
}

export async function openNode(page: Page, n8n: N8nInstance, workflowId: string, node: string, waitForLabels: string[] = ALL): Promise<void> {
	await page.goto(`${n8n.url}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded', timeout: SLOW_MS });
	const selector = `[data-test-id="canvas-node"][data-node-name="${node}"]`;
	const el = await page.waitForSelector(selector, { timeout: SLOW_MS });
	const box = await el!.boundingBox();
	if (!box) throw new Error(`canvas node "${node}" has no box`);
	// a real double click (clickCount alone does not open the panel)
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { count: 2 });
	await page.waitForSelector('[data-test-id="ndv"]', { visible: true, timeout: SLOW_MS });
	// wait until the create fields are laid out
	await page.waitForFunction(
		(labels: string[]) => {
			const ndv = document.querySelector('[data-test-id="ndv"]') as HTMLElement | null;
			return !!ndv && labels.some((l) => ndv.innerText.includes(l));
		},
		{ timeout: SLOW_MS },
		waitForLabels,
	);
	await new Promise((r) => setTimeout(r, 500));
}

export async function browserCheck(
	n8n: N8nInstance,
	executablePath: string,
	workflowId: string,
	nodes: string[],
): Promise<{ shots: Shot[]; editor: EditorFindings }> {
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'instaview-e2e-chromium-'));
	const browser = await puppeteer.launch({
		executablePath,
		headless: true,
		userDataDir,
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
	});
	const consoleLog = path.join(n8n.runDir, 'browser-console.log');
	const shots: Shot[] = [];
	let editor: EditorFindings;
	try {
		const page = await browser.newPage();
		page.setDefaultTimeout(SLOW_MS);
		page.setDefaultNavigationTimeout(SLOW_MS);
		page.on('console', (m) => fs.appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
		page.on('pageerror', (e) => fs.appendFileSync(consoleLog, `[pageerror] ${(e as Error).message}\n`));
		await page.setViewport({ width: 1500, height: 1900 }); // tall, so the whole parameter panel is in the screenshot
		await login(page, n8n);
		log('   browser: logged in');
		for (const node of nodes) {
			await openNode(page, n8n, workflowId, node);
			const slug = node.toLowerCase().replace(/[^a-z0-9]+/g, '-');
			const file = path.join(ARTIFACTS, `ndv-${slug}.png`);
			await page.screenshot({ path: file });
			const shown = await visibleLabels(page);
			const expected = EXPECTED[node];
			const hidden = ALL.filter((l) => !shown.includes(l));
			if (expected && JSON.stringify([...shown].sort()) !== JSON.stringify([...expected].sort())) {
				throw new Error(`parameter panel of "${node}" shows [${shown.join(', ')}], expected [${expected.join(', ')}] (see ${file})`);
			}
			shots.push({ node, file: path.relative(REPO, file), shown, hidden });
		}
		editor = await editorCheck(page, n8n);
	} finally {
		await browser.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
	return { shots, editor };
}
