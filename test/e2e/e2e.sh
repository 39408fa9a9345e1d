#!/usr/bin/env bash
# npm run test:e2e: install or reuse Node 24 + n8n (setup.sh), then run the e2e runner on Node 24
# (the n8n it drives runs on that Node too; puppeteer-core is happiest there).
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
env_lines=$(bash test/e2e/setup.sh)
NODE_HOME=$(sed -n 's/^NODE_HOME=//p' <<<"$env_lines")
export E2E_SETUP_SECONDS=$(( $(date +%s) - start ))
exec "$NODE_HOME/bin/node" node_modules/tsx/dist/cli.mjs "test/e2e/${E2E_SCRIPT:-run}.ts" "$@"
