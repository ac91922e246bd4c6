#!/usr/bin/env bash
# The whole test suite, as README and CI run it: install what is missing, lint, typecheck,
# unit and property tests, then the lab (built on first use, cached by version) and the lab tests.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash scripts/bootstrap.sh
echo "== lint and typecheck" >&2
npx eslint . --max-warnings 0
npx tsc --noEmit -p tsconfig.json
echo "== dashboard build (typecheck + vite)" >&2
(cd web && npm run build --silent)
echo "== lab build (cached: only a fresh machine pays for it)" >&2
bash lab/build.sh
echo "== tests" >&2
npx vitest run
echo "test-all: finished in $((SECONDS - start))s" >&2
