#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on 127.0.0.1 for tests and local development.
#   scripts/postgres.sh start   initdb (first time) and start; prints the connection string
#   scripts/postgres.sh stop    stop it
#   scripts/postgres.sh url     print the connection string
# Settings: UNYO_PG_PORT (default 55432), UNYO_PG_DIR (default /tmp/unyo-postgres).
set -euo pipefail

port="${UNYO_PG_PORT:-55432}"
dir="${UNYO_PG_DIR:-/tmp/unyo-postgres}"
password="unyo-test"
bin=/usr/lib/postgresql/15/bin
url="Host=127.0.0.1;Port=$port;Username=unyo;Password=$password;Database=postgres"

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    if [ ! -x "$bin/initdb" ]; then
      echo "PostgreSQL 15 is not installed: apt-get install -y postgresql-15" >&2
      exit 1
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres: "$dir"
      # The password file must be on disk: process substitution fails under runuser.
      as_postgres bash -c "umask 077; echo '$password' > '$dir/pwfile'"
      as_postgres "$bin/initdb" -D "$dir/data" -U unyo --pwfile="$dir/pwfile" -A scram-sha-256 --no-sync >/dev/null
      as_postgres rm -f "$dir/pwfile"
    fi
    if ! "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q; then
      as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c max_connections=2000" start >/dev/null
    fi
    for _ in $(seq 1 60); do
      "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q && break
      sleep 0.5
    done
    "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q || { echo "PostgreSQL did not start; see $dir/postgres.log" >&2; exit 1; }
    echo "$url"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    ;;
  url)
    echo "$url"
    ;;
  *)
    echo "usage: scripts/postgres.sh start|stop|url" >&2
    exit 2
    ;;
esac
