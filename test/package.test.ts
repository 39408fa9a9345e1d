/** The package as n8n loads and verifies it: registered files exist, icons and codex are there. */
import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const sourceOf = (distPath: string) => join(root, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));

describe('package.json', () => {
	test('follows n8n\'s community package rules', () => {
		expect(pkg.name).toBe('n8n-nodes-instaview');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.dependencies ?? {}).toEqual({});
		for (const script of ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish']) expect(pkg.scripts[script]).toBeUndefined();
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1 });
	});

	test('strict mode is off because test/ and bench/ are left out of n8n\'s lint config', () => {
		// Strict mode would demand n8n's template eslint.config.mjs with nothing added, which lints
		// the tests with n8n Cloud's rules. test/verify/lint-config.ts (npm run verify) proves that
		// every shipped file is still linted with exactly the template's rules.
		expect(pkg.n8n.strict).toBe(false);
		const eslintConfig = readFileSync(join(root, 'eslint.config.mjs'), 'utf8');
		expect(eslintConfig).toMatch(/import \{ config \} from '@n8n\/node-cli\/eslint';/);
		expect(eslintConfig).toMatch(/globalIgnores\(\['test', 'bench'/);
	});

	test('dev dependencies are pinned exactly', () => {
		for (const [name, version] of Object.entries<string>(pkg.devDependencies)) expect([name, version]).toEqual([name, expect.stringMatching(/^(npm:[\w@/.-]+@)?\d+\.\d+\.\d+$/)]);
	});

	test.each([...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[])('%s has its source, icons and codex', (distPath) => {
		const source = sourceOf(distPath);
		expect(existsSync(source)).toBe(true);
		const text = readFileSync(source, 'utf8');
		for (const [, icon] of text.matchAll(/'file:([^']+)'/g)) expect(existsSync(join(dirname(source), icon))).toBe(true);
		if (distPath.endsWith('.node.js')) {
			const codex = JSON.parse(readFileSync(source.replace(/\.ts$/, '.json'), 'utf8'));
			expect(codex.node).toMatch(/^n8n-nodes-instaview\./);
			expect(codex.categories).not.toContain('AI');
		}
	});

	test('the build emits the codex JSON next to the node', () => {
		const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
		expect(tsconfig.include).toContain('nodes/**/*.json');
		expect(tsconfig.compilerOptions.resolveJsonModule).toBe(true);
	});
});
