#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL server for the test suites on a local port.
# Usage: scripts/test-postgres.sh start|status|stop [DIR] [PORT]
# Prints the connection URL on start. PostgreSQL refuses to run as root, so as root the
# server runs as the 'postgres' system user.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:-${TMPDIR:-/tmp}/sekimori-test-pg}
port=${3:-55432}

bindir=""
for candidate in "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent)")" /usr/lib/postgresql/*/bin; do
  if [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/initdb" ]; then bindir=$candidate; break; fi
done
if [ -z "$bindir" ]; then
  echo "PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian package postgresql" >&2
  exit 1
fi

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = "0" ] && chown postgres:postgres "$dir"
      as_pg "$bindir/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_pg "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on" start >/dev/null
    fi
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  status)
    as_pg "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1
    ;;
  stop)
    if [ -f "$dir/PG_VERSION" ]; then as_pg "$bindir/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true; fi
    ;;
  *)
    echo "usage: $0 start|stop [DIR] [PORT]" >&2
    exit 2
    ;;
esac
