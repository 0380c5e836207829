#!/usr/bin/env bash
# Load scenario for the public status page (issue 8): a Release `unyo serve` on 127.0.0.1 with one
# team, 10 services as components of one status page, a heartbeat check on each, and `wrk` (or
# `hey` if wrk is missing) reading /status/{page}, its JSON summary and its Atom feed, signed out,
# for a bounded time, asking for gzip as every browser does (ENCODING=identity for plain bodies).
# Prints requests/s and latency per path and the server's peak RSS.
# Usage: bench/load/status-page.sh [sqlite|postgres] [seconds] [connections] [threads]
# Needs: apt-get install -y wrk (or hey). PostgreSQL: scripts/postgres.sh on UNYO_PG_PORT (default 55432).
set -euo pipefail
cd "$(dirname "$0")/../.."

provider="${1:-sqlite}"
seconds="${2:-15}"
connections="${3:-64}"
threads="${4:-2}"
port=18086
pg_port="${UNYO_PG_PORT:-55432}"
token="unyo_bench_token_0123456789abcdef"
encoding="${ENCODING:-gzip}"
work="$(mktemp -d)"

dotnet publish src/Unyo -c Release -o "$work/bin" -v quiet >/dev/null
database=()
if [ "$provider" = postgres ]; then
  admin="$(scripts/postgres.sh start)"
  name="unyo_bench_$(date +%s)"
  PGPASSWORD=unyo-test psql -h 127.0.0.1 -p "$pg_port" -U unyo -d postgres -qc "CREATE DATABASE $name" >/dev/null
  database=(--database "${admin/Database=postgres/Database=$name}")
fi

UNYO_ADMIN_TOKEN="$token" UNYO_ADMIN_PASSWORD="bench-password-123" \
  "$work/bin/unyo" serve --urls "http://127.0.0.1:$port" --data "$work/data" "${database[@]}" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done

mkdir -p "$work/catalog"
{
  printf -- '---\napiVersion: unyo.dev/v1\nkind: Team\nmetadata:\n  name: bench\n'
  for i in $(seq 1 10); do
    printf -- '---\napiVersion: unyo.dev/v1\nkind: Service\nmetadata:\n  name: bench-svc-%s\n  team: bench\n' "$i"
    printf -- '---\napiVersion: unyo.dev/v1\nkind: Check\nmetadata:\n  name: bench-beat-%s\nspec:\n  service: bench-svc-%s\n  type: heartbeat\n  heartbeat:\n    period: 1h\n' "$i" "$i"
  done
  printf -- '---\napiVersion: unyo.dev/v1\nkind: StatusPage\nmetadata:\n  name: bench\n  team: bench\nspec:\n  title: Bench status\n  components:\n'
  for i in $(seq 1 10); do printf -- '    - service: bench-svc-%s\n      displayName: Component %s\n      group: Group %s\n' "$i" "$i" "$(( (i - 1) / 4 ))"; done
} >"$work/catalog/c.yaml"
UNYO_SERVER="http://127.0.0.1:$port" UNYO_TOKEN="$token" "$work/bin/unyo" apply -f "$work/catalog" >/dev/null
curl -sf "http://127.0.0.1:$port/status/bench" >/dev/null

for path in /status/bench /status/bench/api/summary.json /status/bench/feed.atom; do
  if command -v wrk >/dev/null; then
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -H "Accept-Encoding: $encoding" "http://127.0.0.1:$port$path" >"$work/out.txt"
    rps="$(grep 'Requests/sec' "$work/out.txt" | awk '{print $2}')"
    p99="$(grep -E '^\s+99%' "$work/out.txt" | awk '{print $2}')"
    errors="$(grep -E 'Non-2xx|Socket errors' "$work/out.txt" || true)"
  else
    hey -z "${seconds}s" -c "$connections" -H "Accept-Encoding: $encoding" "http://127.0.0.1:$port$path" >"$work/out.txt"
    rps="$(grep 'Requests/sec' "$work/out.txt" | awk '{print $2}')"
    p99="$(grep '99% in' "$work/out.txt" | awk '{print $3 " s"}')"
    errors="$(grep -E '^\s+\[[0-9]+\]' "$work/out.txt" | grep -v '\[200\]' || true)"
  fi
  echo "$provider $path ($encoding): ${rps} requests/s, p99 ${p99} (${connections} connections, ${seconds} s)${errors:+; $errors}"
done
echo "server peak RSS: $(grep VmHWM /proc/$server/status | awk '{print $2 " " $3}')"
