// The same node tests with n8n-workflow 1.120 (the n8n 1.123 line) in place of 2.41: the nodes
// use the host's n8n-workflow at run time, so they must work with both.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	roots: ['<rootDir>/test/nodes', '<rootDir>/test/credentials'],
	moduleNameMapper: { '^n8n-workflow$': 'n8n-workflow-v1' },
};
