/**
 * Types for the n8n tools the verify scripts load. The scanner is plain ESM without types; the
 * CLI's config has types only behind its `exports` map, which this tsconfig's module resolution
 * does not read.
 */
declare module '@n8n/scan-community-package/scanner/scanner.mjs' {
	export interface AnalysisResult {
		passed: boolean;
		message?: string;
		details?: string;
	}
	/** The patterns of the source leg: package.json and the nodes/credentials sources. */
	export const SOURCE_FILE_PATTERNS: string[];
	/** Lints the files matching `patterns` in `dir` with the scanner's rules; passes on 0 errors. */
	export function analyzePackage(dir: string, patterns?: string[]): Promise<AnalysisResult>;
}

declare module '@n8n/node-cli/eslint' {
	import type { Linter } from 'eslint';
	/** The config of the template eslint.config.mjs (n8n Cloud's rules included). */
	export const config: Linter.Config[];
}
