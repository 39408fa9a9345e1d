/**
 * Proves that the lint config is n8n's template config for everything that ships.
 *
 * In strict mode `n8n-node lint` demands that eslint.config.mjs be the template of `n8n-node new`
 * and nothing more; that template lints every .ts file with n8n Cloud's rules, tests included,
 * so package.json has `"strict": false` and eslint.config.mjs adds one thing: test/ and bench/
 * are ignored. This checks, file by file over the repository, that:
 *   - the template is still the one-line re-export of `config` that this comparison uses;
 *   - every file the template lints outside test/ and bench/ is linted by our config with the
 *     very same rules and options;
 *   - the template's own rules pass on nodes/, credentials/ and package.json: 0 errors, 0 warnings.
 *
 * Run: npx tsx test/verify/lint-config.ts (part of npm run verify)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ESLint, type Linter } from 'eslint';

const REPO = path.resolve(__dirname, '..', '..');
/** Not shipped, and they must do what Cloud forbids in node code (see eslint.config.mjs). */
const LEFT_OUT = ['test/', 'bench/'];
const SHIPPED_SOURCES = /^(package\.json|(nodes|credentials)\/.+\.ts)$/;

function say(line: string): void {
	process.stdout.write(`${line}\n`);
}

/** The file `n8n-node new` writes and strict mode compares against, whitespace-normalised like the CLI does. */
function templateText(): string {
	const configModule = require.resolve('@n8n/node-cli/eslint');
	const file = path.join(path.dirname(configModule), '..', 'template', 'templates', 'shared', 'default', 'eslint.config.mjs');
	return fs.readFileSync(file, 'utf8').replace(/\s+/g, ' ').trim();
}

const rulesOf = (config: Linter.Config | undefined) => JSON.stringify(config?.rules ?? null);

async function main(): Promise<void> {
	const failures: string[] = [];
	const expectedTemplate = "import { config } from '@n8n/node-cli/eslint'; export default config;";
	if (templateText() !== expectedTemplate) {
		throw new Error(`n8n's template eslint.config.mjs changed; update this check:\n${templateText()}`);
	}
	const { config } = await import('@n8n/node-cli/eslint');
	const template = new ESLint({ cwd: REPO, overrideConfigFile: true, overrideConfig: config });
	const ours = new ESLint({ cwd: REPO });

	const tracked = execFileSync('git', ['ls-files'], { cwd: REPO, encoding: 'utf8' })
		.split('\n')
		.filter((f) => f && fs.existsSync(path.join(REPO, f)));
	let compared = 0;
	let leftOut = 0;
	for (const file of tracked) {
		if (await template.isPathIgnored(file)) continue;
		const expected = (await template.calculateConfigForFile(file)) as Linter.Config | undefined;
		if (!expected?.rules || Object.keys(expected.rules).length === 0) continue; // the template lints it with no rules
		if (LEFT_OUT.some((dir) => file.startsWith(dir))) {
			if (!(await ours.isPathIgnored(file))) failures.push(`${file}: expected to be left out of the lint`);
			leftOut++;
			continue;
		}
		if (await ours.isPathIgnored(file)) {
			failures.push(`${file}: linted by n8n's template but ignored by eslint.config.mjs`);
			continue;
		}
		const actual = (await ours.calculateConfigForFile(file)) as Linter.Config | undefined;
		if (rulesOf(actual) !== rulesOf(expected)) failures.push(`${file}: rules differ from n8n's template`);
		compared++;
	}
	say(`ok   ${compared} files linted with exactly the rules of n8n's template; ${leftOut} test/bench files left out`);

	const shipped = tracked.filter((f) => SHIPPED_SOURCES.test(f));
	const results = await template.lintFiles(shipped);
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	if (errors || warnings) {
		const formatter = await template.loadFormatter('stylish');
		failures.push(`n8n's template config: ${errors} errors, ${warnings} warnings\n${await formatter.format(results)}`);
	} else {
		say(`ok   n8n's template config on ${results.length} files (package.json, nodes/, credentials/): 0 errors, 0 warnings`);
	}

	for (const f of failures) say(`FAIL ${f}`);
	if (failures.length) process.exitCode = 1;
}

main().catch((e: Error) => {
	say(`FAIL ${e.stack ?? e.message}`);
	process.exitCode = 1;
});
