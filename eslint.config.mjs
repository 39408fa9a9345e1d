// Lint rules are the ones n8n applies to community packages: eslint-plugin-n8n-nodes-base
// (community, credentials, nodes) and n8n's verification plugin (@n8n/community-nodes), which
// forbids restricted globals/imports, runtime dependencies and other things n8n Cloud rejects.
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';

const verification = communityNodes.configs.recommended;

export default [
	{
		ignores: ['dist/**', 'node_modules/**', 'test/**', 'bench/**', 'examples/**', 'coverage/**', '*.js', '*.mjs'],
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...verification.plugins },
		rules: {
			...n8nNodesBase.configs.community.rules,
			'n8n-nodes-base/community-package-json-name-still-default': 'error',
			...verification.rules,
		},
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...verification.plugins },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			...verification.rules,
			// The older plugin expects n8n's internal doc slugs; community credentials need a full
			// URL, which @n8n/community-nodes/credential-documentation-url checks instead.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...verification.plugins },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			...verification.rules,
			// These two want the string 'main'; n8n's newer rule (node-connection-type-literal)
			// requires NodeConnectionTypes.Main. The newer rule wins, as in n8n's own CLI config.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
