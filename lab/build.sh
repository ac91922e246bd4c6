#!/usr/bin/env bash
# Builds the lab's Go programs from pinned modules through the Go module proxy.
# Each component lands in $LIFEBOAT_CACHE/lab/<component>-<version>/bin and is rebuilt only
# when its pinned version changes. A lock keeps two runs from building at once.
#
# Usage: lab/build.sh [component ...]   (default: all; components: etcd kube kwok velero minio)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lab/versions.env
source "$here/versions.env"
cache=${LIFEBOAT_CACHE:-$HOME/.cache/lifeboat}/lab
mkdir -p "$cache"
exec 9>"$cache/.build.lock"
if ! flock -n 9; then
  echo "lab build: another build holds $cache/.build.lock; waiting" >&2
  flock 9
fi

export CGO_ENABLED=0 GOFLAGS="-mod=mod" GOTOOLCHAIN=local
jobs=${LIFEBOAT_BUILD_JOBS:-2}
log() { printf '[lab build %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# wrapper DIR MODULE@VERSION SIBLING_VERSION
# Creates a module in DIR that requires MODULE@VERSION and turns each of its local-path replaces
# (./staging/src/k8s.io/api, ../api) into the same module at its published SIBLING_VERSION.
# Non-local replaces (velero's kopia fork) are carried over unchanged.
wrapper() {
  local dir=$1 modver=$2 sibling=$3 gomod
  rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
  go mod init lifeboat.lab/wrapper >/dev/null 2>&1
  gomod=$(go mod download -json "$modver" | sed -n 's/^\s*"GoMod": "\(.*\)",\?$/\1/p')
  go mod edit -go="$(sed -n 's/^go \(.*\)$/\1/p' "$gomod")"
  go mod edit -json "$gomod" | node -e '
    const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
    for (const r of m.Replace ?? []) {
      const to = r.New.Path;
      if (to.includes("FORBIDDEN")) continue;
      if (to.startsWith(".")) console.log(`${r.Old.Path}=${r.Old.Path}@${process.argv[1]}`);
      else console.log(`${r.Old.Path}${r.Old.Version ? "@" + r.Old.Version : ""}=${to}${r.New.Version ? "@" + r.New.Version : ""}`);
    }' "$sibling" | while read -r rep; do go mod edit -replace="$rep"; done
  go mod edit -require="$modver"
}

# resolve PKG...
# Resolves the packages' imports. When the proxy refuses a pinned dependency version (some patch
# releases are not served: "403 ... not available"), replaces that exact version with the next patch
# release of the same minor series, logs it, and tries again.
resolve() {
  local attempt out missing mod ver series next
  for attempt in 1 2 3 4 5 6 7 8; do
    if out=$(go list -deps "$@" 2>&1 >/dev/null); then return 0; fi
    missing=$(printf '%s\n' "$out" | grep -oE '[A-Za-z0-9./_~-]+@v[0-9][^:]*: reading [^ ]+: (403|404|410)' | head -n 1 | cut -d: -f1)
    if [ -z "$missing" ]; then printf '%s\n' "$out" >&2; return 1; fi
    mod=${missing%@*}; ver=${missing#*@}; series=$(echo "$ver" | cut -d. -f1-2)
    next=$( ( (cd / && go list -m -versions "$mod") | tr ' ' '\n' | grep "^$series\."; echo "$ver") | sort -V | awk -v v="$ver" 'p { print; exit } $0 == v { p = 1 }')
    if [ -z "$next" ]; then printf '%s\n' "$out" >&2; log "no served release after $mod@$ver"; return 1; fi
    log "proxy does not serve $mod@$ver; using $next (attempt $attempt)"
    go mod edit -replace="$mod@$ver=$mod@$next"
  done
  return 1
}

# build NAME VERSION MODULE@VERSION SIBLING_VERSION LDFLAGS PKG...
build() {
  local name=$1 version=$2 modver=$3 sibling=$4 ldflags=$5; shift 5
  local out="$cache/$name-$version"
  if [ -f "$out/.complete" ]; then log "$name $version: cached in $out"; return; fi
  log "$name $version: building $* (first run on this machine only)"
  local start=$SECONDS work="$cache/.work-$name-$version"
  wrapper "$work" "$modver" "$sibling"
  for extra in "${EXTRA_REQUIRES[@]}"; do go mod edit -require="$extra"; done
  EXTRA_REQUIRES=()
  log "$name: resolving modules"
  # -mod=mod resolves each package's imports at the versions the pinned modules require;
  # `go get PKG` would upgrade them to the newest release instead.
  resolve "$@"
  log "$name: compiling"
  mkdir -p "$out/bin"
  go build -p "$jobs" -trimpath -ldflags "-s -w $ldflags" -o "$out/bin/" "$@"
  # etcd's main package is server/v3, so go names its binary "server"
  if [ -f "$out/bin/server" ]; then mv "$out/bin/server" "$out/bin/etcd"; fi
  # The cold build time is kept beside the binaries: bench/lab.ts reports it.
  printf '{"component":"%s","version":"%s","seconds":%d,"builtAt":"%s","cores":%d,"jobs":%d}\n' \
    "$name" "$version" "$((SECONDS - start))" "$(date -u +%FT%TZ)" "$(nproc)" "$jobs" > "$out/build.json"
  touch "$out/.complete"
  rm -rf "$work"
  log "$name $version: done in $((SECONDS - start))s"
}
EXTRA_REQUIRES=()

k8s_ldflags() {
  local v=$KUBE_VERSION minor
  minor=$(echo "$v" | cut -d. -f2)
  local p
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    printf -- '-X %s.gitVersion=%s -X %s.gitMajor=1 -X %s.gitMinor=%s -X %s.gitTreeState=clean -X %s.buildDate=1970-01-01T00:00:00Z ' \
      "$p" "$v" "$p" "$p" "$minor" "$p" "$p"
  done
}

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(etcd kube kwok velero minio)
total=$SECONDS
for c in "${want[@]}"; do
  case "$c" in
    etcd)
      EXTRA_REQUIRES=("go.etcd.io/etcd/etcdctl/v3@$ETCD_VERSION" "go.etcd.io/etcd/etcdutl/v3@$ETCD_VERSION")
      build etcd "$ETCD_VERSION" "go.etcd.io/etcd/server/v3@$ETCD_VERSION" "$ETCD_VERSION" "" \
        go.etcd.io/etcd/server/v3 go.etcd.io/etcd/etcdctl/v3 go.etcd.io/etcd/etcdutl/v3 ;;
    kube)
      build kube "$KUBE_VERSION" "k8s.io/kubernetes@$KUBE_VERSION" "v0.${KUBE_VERSION#v1.}" "$(k8s_ldflags)" \
        k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
        k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl ;;
    kwok)
      build kwok "$KWOK_VERSION" "sigs.k8s.io/kwok@$KWOK_VERSION" "$KWOK_VERSION" \
        "-X sigs.k8s.io/kwok/pkg/consts.Version=$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok ;;
    velero)
      EXTRA_REQUIRES=("github.com/vmware-tanzu/velero-plugin-for-aws@$VELERO_AWS_PLUGIN_VERSION")
      build velero "$VELERO_VERSION" "github.com/vmware-tanzu/velero@$VELERO_VERSION" "$VELERO_VERSION" \
        "-X github.com/vmware-tanzu/velero/pkg/buildinfo.Version=$VELERO_VERSION" \
        github.com/vmware-tanzu/velero/cmd/velero github.com/vmware-tanzu/velero-plugin-for-aws/velero-plugin-for-aws ;;
    minio)
      build minio "$MINIO_VERSION" "github.com/minio/minio@$MINIO_VERSION" "$MINIO_VERSION" "" github.com/minio/minio ;;
    *) echo "lab build: unknown component '$c' (etcd kube kwok velero minio)" >&2; exit 2 ;;
  esac
done
log "all requested components ready in $((SECONDS - total))s"
