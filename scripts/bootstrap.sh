#!/usr/bin/env bash
# Installs what Lifeboat and its lab need on a fresh machine, and nothing twice:
# Debian packages (PowerDNS, SQLite, openssl, iproute2, Chromium for PDF reports and browser tests, tmux, PostgreSQL for the HA tests) and the npm dependencies (npm ci when the lock changed).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(pdns-server pdns-backend-sqlite3 sqlite3 openssl iproute2 ca-certificates chromium tmux postgresql)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.lifeboat-lock-hash ] || [ "$(cat node_modules/.lifeboat-lock-hash)" != "$lock_hash" ]; then
  echo "bootstrap: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.lifeboat-lock-hash
fi

# The dashboard (web/) has its own dependencies, installed the same way.
web_hash=$(sha256sum web/package-lock.json | cut -d' ' -f1)
if [ ! -f web/node_modules/.lifeboat-lock-hash ] || [ "$(cat web/node_modules/.lifeboat-lock-hash)" != "$web_hash" ]; then
  echo "bootstrap: npm ci (web/)" >&2
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
  echo "$web_hash" > web/node_modules/.lifeboat-lock-hash
fi

# Schemathesis (PyPI) fuzzes the server's API from its OpenAPI document (scripts/fuzz-api.sh).
command -v st >/dev/null 2>&1 || python3 -m pip install --quiet 'schemathesis==4.32.5'
