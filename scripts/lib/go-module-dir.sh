# Sourced by the scripts that copy upstream CRDs into test/fixtures/ (gen-*-crds.sh).
# module_dir MODULE@VERSION: prints the module's directory in the Go module cache, downloading it
# through the Go module proxy ($GOPROXY, first entry) if needed; on failure prints the proxy's answer
# to stderr (prefixed with $script_name) and returns 1.
module_dir() {
  local module=$1 json dir proxy=${GOPROXY:-https://proxy.golang.org}
  proxy=${proxy%%,*}
  json=$(cd / && GOPROXY="$proxy" GOFLAGS=-mod=mod go mod download -json "$module" 2>/dev/null || true)
  dir=$(sed -n 's/^\s*"Dir": "\(.*\)",\?$/\1/p' <<<"$json")
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    echo "${script_name:-gen-crds}: $proxy did not serve $module:" >&2
    sed -n 's/^\s*"Error": "\(.*\)"$/\1/p' <<<"$json" | sed 's/\\n\\t/\n  /g; s/^/  /' >&2
    return 1
  fi
  echo "$dir"
}
