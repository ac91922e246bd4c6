#!/usr/bin/env bash
# A throwaway PostgreSQL for tests (Debian's postgresql package):
#   scripts/postgres-test.sh start DIR   initdb into DIR/data, start on a free 127.0.0.1 port (socket in
#                                        DIR/run), create database "lifeboat"; prints its URL (also in DIR/url)
#   scripts/postgres-test.sh stop DIR    stop it (immediate) and remove DIR
# DIR must not exist yet. As root, the server runs as the "postgres" OS user (initdb and postgres refuse
# root). Password authentication with a random password; fsync off: the data is thrown away.
set -euo pipefail

die() { echo "postgres-test: $*" >&2; exit 1; }

bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "no PostgreSQL server binaries: apt-get install -y postgresql"
  echo "$dir"
}

# Runs a command as the owner of DIR (postgres when we are root).
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  local dir=$1 bin port password
  [ ! -e "$dir" ] || die "$dir exists: give a new directory"
  bin=$(bindir)
  mkdir -p "$dir/run"
  chmod 700 "$dir"
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  printf '%s\n' "$password" >"$dir/pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U lifeboat --pwfile="$dir/pwfile" --auth=scram-sha-256 -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir/run -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
      break
    fi
    [ "$attempt" -lt 5 ] || { cat "$dir/server.log" >&2; die "postgres did not start"; }
  done
  PGPASSWORD=$password "$bin/createdb" -h 127.0.0.1 -p "$port" -U lifeboat lifeboat
  echo "postgresql://lifeboat:$password@127.0.0.1:$port/lifeboat" | tee "$dir/url"
}

stop() {
  local dir=$1
  [ -d "$dir/data" ] || die "$dir holds no PostgreSQL data"
  as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) [ $# -eq 2 ] || die "usage: $0 start DIR"; start "$2" ;;
  stop) [ $# -eq 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
  *) die "usage: $0 start|stop DIR" ;;
esac
