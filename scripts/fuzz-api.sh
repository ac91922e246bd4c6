#!/usr/bin/env bash
# Fuzzes the Lifeboat API with Schemathesis (PyPI: `pip install schemathesis`): starts `lifeboat
# serve` on loopback with a fresh state directory, the example plans and an admin token, lets
# Schemathesis generate requests from /openapi.json (valid and invalid ones, every operation), and
# checks every answer: never a 5xx, status codes and content types the document declares, bodies that
# match the response schemas. Exit code: Schemathesis's (0 when every check held).
#
# The server has no cluster to talk to (KUBECONFIG points nowhere), so calls that would touch one
# answer with their documented errors; that is what the fuzzing should see. The event stream
# (/v1/runs/{run}/events) is left out: a stream of an unfinished run is meant never to end.
#
# Usage: scripts/fuzz-api.sh [extra `st run` options]
#   FUZZ_MAX_EXAMPLES (default 25) test cases per operation; FUZZ_CHECKS the checks to run;
#   FUZZ_REPORT_DIR where to keep Schemathesis's JUnit report (default: a temporary directory);
#   FUZZ_WORKERS (default 1: Hypothesis parses lambdas with `ast` from several threads at once, which
#   CPython 3.11 can fail with "AST constructor recursion depth mismatch").
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v st >/dev/null 2>&1; then
  echo "fuzz-api: schemathesis is not installed (pip install schemathesis)" >&2
  exit 3
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/lifeboat-fuzz.XXXXXX")
server_pid=
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export LIFEBOAT_FROM_SOURCE=1 KUBECONFIG="$work/no-kubeconfig" NO_COLOR=1
token=$(node "$root/bin/lifeboat.js" serve token add --name fuzz --role admin --tokens "$work/tokens.json" 2>/dev/null)
cat >"$work/serve.yaml" <<EOF
apiVersion: lifeboat.dev/v1alpha1
kind: ServerConfig
spec:
  listen: 127.0.0.1:0
  plans: [$root/examples]
  tokensFile: tokens.json
  stateDir: state
  scheduler: { enabled: false }
  authFailuresPerMinute: 1000
EOF

node "$root/bin/lifeboat.js" serve --config "$work/serve.yaml" 2>"$work/server.log" &
server_pid=$!
url=
for _ in $(seq 1 150); do
  url=$(grep -o 'lifeboat serve: http://[^ ]*' "$work/server.log" | head -1 | cut -d' ' -f3 || true)
  [[ -n "$url" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "fuzz-api: the server did not start:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  sleep 0.2
done
[[ -n "$url" ]] || { echo "fuzz-api: the server did not say where it listens" >&2; exit 1; }
echo "fuzz-api: fuzzing $url" >&2

# A drill kind without a runner in this server is answered 501 by design (docs/server.md): the one
# 5xx the API documents. Every other 5xx fails the run.
cat >"$work/schemathesis.toml" <<EOF
[[operations]]
include-path = "/v1/plans/{plan}/drills/{kind}"
checks.not_a_server_error.expected-statuses = ["1XX", "2XX", "3XX", "4XX", 501]
EOF

report=${FUZZ_REPORT_DIR:-$work/report}
status=0
cd "$work"  # Schemathesis keeps its own state in ./.schemathesis
st --config-file "$work/schemathesis.toml" run "$url/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks "${FUZZ_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance}" \
  --exclude-path-regex '/events$' \
  --max-examples "${FUZZ_MAX_EXAMPLES:-25}" \
  --request-timeout 20 \
  --workers "${FUZZ_WORKERS:-1}" \
  --seed "${FUZZ_SEED:-7480}" \
  --report junit --report-dir "$report" \
  "$@" || status=$?

if grep -q '"level":50' "$work/server.log"; then
  echo "fuzz-api: the server logged errors:" >&2
  grep '"level":50' "$work/server.log" | head -20 >&2
fi
exit "$status"
