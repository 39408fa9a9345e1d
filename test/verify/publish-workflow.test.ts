/**
 * The release workflow (.github/workflows/publish.yml) keeps n8n's publishing rules: published
 * only from a version tag, by GitHub Actions, with an npm provenance statement, after the same
 * checks CI runs; and package.json names the repository the provenance will point at.
 * (Its schema is checked by action-validator in `npm run verify`.)
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { parse } from 'yaml';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
}
interface Job {
	permissions?: Record<string, string>;
	steps: Step[];
}

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const workflow = parse(readFileSync(join(root, '.github', 'workflows', 'publish.yml'), 'utf8'));
const jobs = Object.values<Job>(workflow.jobs);
const steps = jobs[0].steps;
const runs = steps.map((s) => s.run ?? '');
const indexOfRun = (pattern: RegExp) => runs.findIndex((r) => pattern.test(r));

describe('publish workflow', () => {
	test('runs only for version tags', () => {
		expect(Object.keys(workflow.on)).toEqual(['push']);
		expect(workflow.on.push).toEqual({ tags: ['v*.*.*'] });
	});

	test('has one job with only the permissions provenance needs', () => {
		expect(jobs).toHaveLength(1);
		expect(workflow.permissions).toEqual({});
		expect(jobs[0].permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	test('checks out, sets up Node and installs from the lockfile first', () => {
		expect(steps[0].uses).toMatch(/^actions\/checkout@v\d+$/);
		expect(steps[1].uses).toMatch(/^actions\/setup-node@v\d+$/);
		expect(steps[1].with?.['node-version']).toBeDefined();
		expect(runs[2]).toBe('npm ci');
	});

	test('refuses a tag that is not the package version', () => {
		const check = indexOfRun(/GITHUB_REF_NAME/);
		expect(check).toBeGreaterThan(2);
		expect(runs[check]).toMatch(/require\('\.\/package\.json'\)\.version/);
		expect(runs[check]).toMatch(/exit 1/);
	});

	test('lints, builds, tests and verifies before it publishes, and publishes last', () => {
		const order = [/^npm run lint$/, /^npm run build$/, /^npm test$/, /^npm run verify$/, /^npm publish /].map(indexOfRun);
		expect(order.every((i) => i >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(order[order.length - 1]).toBe(steps.length - 1);
	});

	test('publishes publicly with a provenance statement', () => {
		const publish = runs[steps.length - 1].split(/\s+/);
		expect(publish).toEqual(expect.arrayContaining(['npm', 'publish', '--provenance', '--access', 'public']));
	});

	test('every npm script it runs exists', () => {
		const used = runs.flatMap((r) => [...r.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]));
		expect(used.length).toBeGreaterThan(0);
		for (const script of used) expect([script, pkg.scripts[script]]).toEqual([script, expect.any(String)]);
	});
});

describe('package.json names the repository the provenance points at', () => {
	const repo = /^git\+https:\/\/github\.com\/([\w.-]+)\/([\w.-]+)\.git$/.exec(pkg.repository.url);

	test('repository is a GitHub repository', () => {
		expect(pkg.repository.type).toBe('git');
		expect(repo).not.toBeNull();
	});

	test('homepage and issues are on the same repository', () => {
		const base = `https://github.com/${repo![1]}/${repo![2]}`;
		expect(pkg.homepage.startsWith(base)).toBe(true);
		expect(pkg.bugs.url).toBe(`${base}/issues`);
	});

	test('author has a name and an email, as n8n requires', () => {
		expect(pkg.author).toEqual({ name: expect.any(String), email: expect.stringMatching(/^[^@\s]+@[^@\s]+\.\w+$/) });
	});

	test('the version has a CHANGELOG entry', () => {
		const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
		const escaped = pkg.version.replace(/\./g, '\\.');
		expect(changelog).toMatch(new RegExp(`^## .*\\b${escaped}\\b`, 'm'));
	});
});
