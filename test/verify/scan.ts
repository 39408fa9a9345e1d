/**
 * n8n's package scanner (@n8n/scan-community-package) on this checkout, both of its legs:
 *   - source: package.json and nodes/, credentials/ (its SOURCE_FILE_PATTERNS);
 *   - tarball: the compiled .js and package.json of what `npm pack` would publish.
 * Any error fails. Its command line only takes the name of a package already published with npm
 * provenance, so this calls the function that command runs on each unpacked folder.
 *
 * Before that it proves the scanner is alive: a package with a known violation must fail both
 * legs (a scanner that crashed, or found no files, would otherwise read as a pass).
 *
 * Run after `npm run build` (npm run verify does both): npx tsx test/verify/scan.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import glob from 'fast-glob';
import type { AnalysisResult } from '@n8n/scan-community-package/scanner/scanner.mjs';

const REPO = path.resolve(__dirname, '..', '..');
/** The tarball leg's patterns, as the scanner's command line passes them. */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

type Analyze = (dir: string, patterns?: string[]) => Promise<AnalysisResult>;

function say(line: string): void {
	process.stdout.write(`${line}\n`);
}

/** Files a leg will look at; the scanner itself reports "passed" when it finds none. */
function countFiles(dir: string, patterns: string[]): number {
	return glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] }).length;
}

/** npm pack into a temporary folder and unpack it as the scanner does (`package/` stripped). */
function packAndUnpack(work: string): string {
	if (!fs.existsSync(path.join(REPO, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	const packDir = path.join(work, 'pack');
	fs.mkdirSync(packDir);
	const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: REPO, encoding: 'utf8' }).trim().split('\n').pop()!;
	const unpacked = path.join(work, 'tarball');
	fs.mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', path.join(packDir, tgz), '-C', unpacked, '--strip-components=1']);
	return unpacked;
}

/** A package that breaks the rules both legs enforce (restricted global, restricted import). */
function writeViolatingPackage(work: string): string {
	const dir = path.join(work, 'violating');
	fs.mkdirSync(path.join(dir, 'nodes', 'Bad'), { recursive: true });
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...pkg, name: 'n8n-nodes-violating' }, null, 2));
	fs.writeFileSync(path.join(dir, 'nodes', 'Bad', 'violation.ts'), "export const home = process.env.HOME;\n");
	fs.writeFileSync(path.join(dir, 'nodes', 'Bad', 'violation.js'), "const fs = require('fs');\nmodule.exports = fs.readFileSync('/etc/hostname');\n");
	return dir;
}

async function leg(analyze: Analyze, label: string, dir: string, patterns: string[]): Promise<boolean> {
	const files = countFiles(dir, patterns);
	const result = await analyze(dir, patterns);
	if (files === 0) {
		say(`FAIL ${label}: no files matched ${patterns.join(', ')}`);
		return false;
	}
	if (!result.passed) {
		say(`FAIL ${label}: ${files} files, ${result.message ?? 'failed'}\n${result.details ?? ''}`);
		return false;
	}
	say(`ok   ${label}: ${files} files, 0 errors`);
	return true;
}

async function main(): Promise<void> {
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'instaview-scan-'));
	try {
		const bad = writeViolatingPackage(work);
		for (const [label, patterns, rule] of [
			['source', SOURCE_FILE_PATTERNS, 'no-restricted-globals'],
			['tarball', TARBALL_PATTERNS, 'no-restricted-imports'],
		] as const) {
			const r = await analyzePackage(bad, [...patterns]);
			if (r.passed || !r.details?.includes(rule)) {
				throw new Error(`the scanner's ${label} leg did not flag a known violation (${rule}): ${r.message ?? 'passed'}`);
			}
		}
		say('ok   the scanner flags a known violation on both legs');

		const sourceOk = await leg(analyzePackage, 'source (package.json, nodes/, credentials/)', REPO, SOURCE_FILE_PATTERNS);
		const tarballOk = await leg(analyzePackage, 'npm pack tarball (compiled .js, package.json)', packAndUnpack(work), TARBALL_PATTERNS);
		if (!sourceOk || !tarballOk) process.exitCode = 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((e: Error) => {
	say(`FAIL ${e.stack ?? e.message}`);
	process.exitCode = 1;
});
