#!/usr/bin/env bash
# Installs and runs the product on this machine: dependencies, the cloud functions, the H5 app,
# then the local cloud (which seeds the demo county on first start) serving both on one origin.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run --silent build:functions
echo "building the H5 app (about a minute)…"
npm run --silent build:h5 > .tmp-build-h5.log 2>&1 || { cat .tmp-build-h5.log; exit 1; }
rm -f .tmp-build-h5.log
echo "open the printed URL; choose a demo person under 我的 → 切换演示身份"
exec node build/local/server.js
