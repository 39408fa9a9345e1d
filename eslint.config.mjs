// n8n's own lint config for community nodes, the one `n8n-node new` generates (@n8n/node-cli):
// eslint-plugin-n8n-nodes-base, n8n's verification rules and n8n Cloud's restrictions, applied to
// nodes/, credentials/ and package.json unchanged.
//
// The one addition: test/ and bench/ are left out. They are not shipped, and they must do what
// Cloud forbids in node code (read files, spawn n8n, run the emulator's HTTP server, use
// process.env). n8n's strict mode would demand this file without the addition, which would lint
// them with Cloud's rules, so `n8n.strict` is false in package.json; test/verify/lint-config.ts
// proves that every file that ships is still linted with exactly the template's rules.
import { globalIgnores } from 'eslint/config';
import { config } from '@n8n/node-cli/eslint';

export default [globalIgnores(['test', 'bench', 'coverage', '.e2e-artifacts']), ...config];
