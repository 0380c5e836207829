#!/usr/bin/env bash
# Load scenario for single-alert intake (issue 6) beside Alertmanager: `wrk` posts one alert per
# request, with dedup keys drawn from a pool (new alerts and repeats mixed), first to a Release
# `unyo serve` at POST /v2/enqueue, then to Debian's Alertmanager at POST /api/v2/alerts, each for
# a bounded time with the same connections. Prints requests/s, p99 and CPU-seconds per 1,000
# alerts for both (utime+stime of the server process), and each server's peak RSS.
# Every 202 from Unyo means the event was stored before the answer; Alertmanager keeps alerts in
# memory. Usage: bench/load/pagerduty-intake.sh [sqlite|postgres] [seconds] [connections] [keys]
# Each side gets WARMUP seconds (default 20) of the same load first, not counted.
# Needs: apt-get install -y wrk prometheus-alertmanager. PostgreSQL: scripts/postgres.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

provider="${1:-sqlite}"
seconds="${2:-15}"
connections="${3:-16}"
keys="${4:-2000}"
warmup="${WARMUP:-20}"
port=18083
am_port=19093
pg_port="${UNYO_PG_PORT:-55432}"
token="unyo_bench_token_0123456789abcdef"
work="$(mktemp -d)"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }

dotnet publish src/Unyo -c Release -o "$work/bin" -v quiet >/dev/null
database=()
if [ "$provider" = postgres ]; then
  admin="$(scripts/postgres.sh start)"
  name="unyo_bench_$(date +%s)"
  PGPASSWORD=unyo-test psql -h 127.0.0.1 -p "$pg_port" -U unyo -d postgres -qc "CREATE DATABASE $name" >/dev/null
  database=(--database "${admin/Database=postgres/Database=$name}")
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
peak_rss() { grep VmHWM "/proc/$1/status" | awk '{print int($2 / 1024) " MiB"}'; }

# Anonymous intake is limited per client address; wrk is one address, so the limit is off.
# No channel: the notifier finds no route and writes an Unrouted entry, as a team without channels.
UNYO_ADMIN_TOKEN="$token" UNYO_ADMIN_PASSWORD="bench-password-123" UNYO_API_RATE_LIMIT=0 \
  "$work/bin/unyo" serve --urls "http://127.0.0.1:$port" --data "$work/data" "${database[@]}" >"$work/server.log" 2>&1 &
server=$!
am=""
trap 'kill $server $am 2>/dev/null; wait $server $am 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done

mkdir -p "$work/catalog"
printf -- '---\napiVersion: unyo.dev/v1\nkind: Team\nmetadata:\n  name: bench\n---\napiVersion: unyo.dev/v1\nkind: Service\nmetadata:\n  name: bench-svc\n  team: bench\n---\napiVersion: unyo.dev/v1\nkind: Integration\nmetadata:\n  name: bench-pd\n  team: bench\nspec:\n  service: bench-svc\n  type: pagerduty\n' >"$work/catalog/c.yaml"
UNYO_SERVER="http://127.0.0.1:$port" UNYO_TOKEN="$token" "$work/bin/unyo" apply -f "$work/catalog" >/dev/null
key="$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/integrations/bench-pd" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')"

cat >"$work/unyo.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local k = math.random(1, $keys)
  return wrk.format(nil, "/v2/enqueue", nil, string.format(
    '{"routing_key":"$key","event_action":"trigger","dedup_key":"load-%d","payload":{"summary":"Load test alert %d","source":"bench","severity":"warning"}}', k, k))
end
LUA
cat >"$work/am.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local k = math.random(1, $keys)
  return wrk.format(nil, "/api/v2/alerts", nil, string.format(
    '[{"labels":{"alertname":"Load","instance":"load-%d","severity":"warning"},"annotations":{"summary":"Load test alert %d"}}]', k, k))
end
LUA

run() { # name pid url script
  local before after
  # Warm-up, not counted: a fresh .NET process spends its first seconds compiling hot code
  # again at a higher tier, which is not what a server that runs for weeks costs.
  wrk -t2 -c"$connections" -d"${warmup}s" -s "$4" "$3" >/dev/null
  before="$(cpu_ticks "$2")"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$4" "$3" >"$work/$1.txt"
  after="$(cpu_ticks "$2")"
  local requests rps p99 non2xx
  requests="$(grep -E 'requests in' "$work/$1.txt" | awk '{print $1}')"
  non2xx="$(grep -E 'Non-2xx' "$work/$1.txt" | awk '{print $NF}' || true)"
  rps="$(grep 'Requests/sec' "$work/$1.txt" | awk '{print $2}')"
  p99="$(grep -E '^\s+99%' "$work/$1.txt" | awk '{print $2}')"
  python3 -c "r=$requests-${non2xx:-0}; t=($after-$before)/$(getconf CLK_TCK); print(f'$1: {r} alerts accepted, $rps requests/s, p99 $p99, non-2xx ${non2xx:-0}, CPU {t:.1f} s = {t/r*1000:.3f} CPU-s per 1,000 alerts')"
  echo "$1 peak RSS: $(peak_rss "$2")"
}

run unyo "$server" "http://127.0.0.1:$port" "$work/unyo.lua"
kill $server; wait $server 2>/dev/null || true

printf 'route:\n  receiver: none\nreceivers:\n  - name: none\n' >"$work/am.yml"
prometheus-alertmanager --config.file="$work/am.yml" --storage.path="$work/am" --web.listen-address="127.0.0.1:$am_port" \
  --cluster.listen-address= >"$work/am.log" 2>&1 &
am=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$am_port/-/ready" >/dev/null && break; sleep 0.5; done
run alertmanager "$am" "http://127.0.0.1:$am_port" "$work/am.lua"
echo "provider=$provider seconds=$seconds connections=$connections keys=$keys warmup=$warmup"
