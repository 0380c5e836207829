#!/usr/bin/env bash
# Load scenario for the catalog: applies N services through `unyo apply`, then measures reads
# with `hey` on 127.0.0.1. Usage: bench/load/catalog.sh [sqlite|postgres] [services] [seconds]
# Needs: apt-get install -y hey. Prints figures for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

provider="${1:-sqlite}"
count="${2:-1000}"
seconds="${3:-15}"
port=18080
token="unyo_bench_token_0123456789abcdef"
work="$(mktemp -d)"
command -v hey >/dev/null || { echo "hey is not installed: apt-get install -y hey" >&2; exit 1; }

dotnet publish src/Unyo -c Release -o "$work/bin" -v quiet >/dev/null
database=()
if [ "$provider" = postgres ]; then
  admin="$(scripts/postgres.sh start)"
  name="unyo_bench_$(date +%s)"
  PGPASSWORD=unyo-test psql -h 127.0.0.1 -p 55432 -U unyo -d postgres -qc "CREATE DATABASE $name" >/dev/null
  database=(--database "${admin/Database=postgres/Database=$name}")
fi

UNYO_ADMIN_TOKEN="$token" UNYO_ADMIN_PASSWORD="bench-password-123" \
  "$work/bin/unyo" serve --urls "http://127.0.0.1:$port" --data "$work/data" "${database[@]}" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done

mkdir -p "$work/catalog"
{
  for t in $(seq 0 19); do printf -- '---\napiVersion: unyo.dev/v1\nkind: Team\nmetadata:\n  name: team-%d\n' "$t"; done
  for i in $(seq 0 $((count - 1))); do
    dep=""; [ "$i" -gt 0 ] && dep="service-$((i - 1))"
    printf -- '---\napiVersion: unyo.dev/v1\nkind: Service\nmetadata:\n  name: service-%d\n  team: team-%d\nspec:\n  tier: %d\n  runbookUrl: https://runbooks.example.com/service-%d\n  tags: [web]\n  dependsOn: [%s]\n' \
      "$i" "$((i % 20))" "$((1 + i % 4))" "$i" "$dep"
  done
} >"$work/catalog/catalog.yaml"

export UNYO_SERVER="http://127.0.0.1:$port" UNYO_TOKEN="$token"
start=$(date +%s.%N); "$work/bin/unyo" apply -f "$work/catalog" >/dev/null; end=$(date +%s.%N)
echo "apply: $count services + 20 teams created in $(echo "$end - $start" | bc) s"
start=$(date +%s.%N); "$work/bin/unyo" apply -f "$work/catalog" --dry-run >/dev/null; end=$(date +%s.%N)
echo "apply --dry-run (all unchanged): $(echo "$end - $start" | bc) s"

run() {
  local label="$1" url="$2"
  hey -z "${seconds}s" -c 16 -H "Authorization: Bearer $token" "$url" >"$work/hey.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/hey.txt")
  p50=$(awk '/ 50%/ {print $3}' "$work/hey.txt")
  p99=$(awk '/ 99%/ {print $3}' "$work/hey.txt")
  echo "$label: $rps req/s, p50 $(echo "$p50 * 1000" | bc) ms, p99 $(echo "$p99 * 1000" | bc) ms, non-2xx: $(grep -cE '^\s+\[[^2][0-9]{2}\]' "$work/hey.txt" || true)"
}
run "GET /api/v1/services?limit=50" "http://127.0.0.1:$port/api/v1/services?limit=50"
run "GET /api/v1/services/service-500" "http://127.0.0.1:$port/api/v1/services/service-500"
run "GET /api/v1/services?tag=web&tier=1&limit=50" "http://127.0.0.1:$port/api/v1/services?tag=web&tier=1&limit=50"
echo "server RSS after load: $(($(ps -o rss= -p $server) / 1024)) MiB"
