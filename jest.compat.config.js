// The same node tests with n8n-workflow 1.120 (the n8n 1.123 line) in place of 2.41: the nodes
// use the host's n8n-workflow at run time, so they must work with both. The engine suites
// (*.engine.test.ts) are left out: they run inside n8n-core 2.41, which needs n8n-workflow 2.41.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	roots: ['<rootDir>/test/nodes', '<rootDir>/test/credentials'],
	testPathIgnorePatterns: [...base.testPathIgnorePatterns, '\\.engine\\.test\\.ts$'],
	moduleNameMapper: { '^n8n-workflow$': 'n8n-workflow-v1' },
};
