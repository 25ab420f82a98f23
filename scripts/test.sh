#!/usr/bin/env bash
# The whole test suite, from a fresh clone: dependencies, Chromium, typecheck, lint, builds,
# the weapp package check, core/function/local-cloud/component tests, end-to-end in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=Asia/Shanghai
start=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

step "dependencies"; bash scripts/ensure-deps.sh
step "chromium"; CHROMIUM_PATH=$(bash scripts/ensure-chromium.sh); export CHROMIUM_PATH
step "typecheck"; npx tsc --noEmit -p .
step "lint"; npx eslint . --max-warnings 0
step "build cloud functions"; npm run --silent build:functions
step "build weapp"; npm run --silent build:weapp > .tmp-build-weapp.log 2>&1 || { cat .tmp-build-weapp.log; exit 1; }
step "check weapp output"; node scripts/check-weapp.mjs
step "build H5"; npm run --silent build:h5 > .tmp-build-h5.log 2>&1 || { cat .tmp-build-h5.log; exit 1; }
rm -f .tmp-build-weapp.log .tmp-build-h5.log
mkdir -p .tmp
step "unit, function, local cloud and component tests"
npx jest -c jest.config.js --json --outputFile=.tmp/jest-unit.json
step "end-to-end in Chromium"
npx jest -c test/jest.e2e.config.js --json --outputFile=.tmp/jest-e2e.json
step "done"
node -e '
const r = ["unit", "e2e"].map((n) => require("./.tmp/jest-" + n + ".json"));
const passed = r.reduce((s, x) => s + x.numPassedTests, 0), failed = r.reduce((s, x) => s + x.numFailedTests, 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
'
