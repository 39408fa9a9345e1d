/** Checks, figures and timings of the queue-mode run, and the closing summary. */
import { log } from '../../lib/stack';

export const report = { passed: 0, failed: 0 };
const timings: Array<[string, number]> = [];
const figures: string[] = [];

export function pass(name: string): void {
	report.passed++;
	log(`PASS ${name}`);
}

/** A measured figure, printed again at the end (the README quotes them). */
export function figure(text: string): void {
	figures.push(text);
	log(`   ${text}`);
}

export function timing(name: string, seconds: number): void {
	timings.push([name, seconds]);
}

export async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
	const start = Date.now();
	log(`== ${name}`);
	try {
		return await fn();
	} finally {
		timing(name, (Date.now() - start) / 1000);
	}
}

export function printSummary(totalSeconds: number, runDir: string | undefined): void {
	process.stdout.write('\nTimings:\n');
	for (const [name, s] of timings) process.stdout.write(`  ${s.toFixed(1).padStart(7)} s  ${name}\n`);
	process.stdout.write(`  ${totalSeconds.toFixed(1).padStart(7)} s  total\n`);
	if (figures.length) process.stdout.write(`\nFigures:\n${figures.map((f) => `  ${f}`).join('\n')}\n`);
	if (runDir) process.stdout.write(`Logs: ${runDir}\n`);
	process.stdout.write(`\n${report.passed} passed, ${report.failed} failed\n`);
}
