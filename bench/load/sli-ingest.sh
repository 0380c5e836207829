#!/usr/bin/env bash
# Load scenario for SLI ingest (issue 4): a Release `unyo serve` on 127.0.0.1, 20 native SLIs,
# and `hey` posting pre-built batches of single events (ok / latencyMs, not pre-aggregated counts)
# to POST /api/v1/sli-events for a bounded time. Prints events/s, the server's peak RSS, and rows
# and events written (which must equal the accepted events exactly).
# Usage: bench/load/sli-ingest.sh [sqlite|postgres] [seconds] [events-per-batch] [connections]
# Needs: apt-get install -y hey. PostgreSQL: scripts/postgres.sh on UNYO_PG_PORT (default 55432).
set -euo pipefail
cd "$(dirname "$0")/../.."

provider="${1:-sqlite}"
seconds="${2:-20}"
per_batch="${3:-10000}"
connections="${4:-4}"
port=18081
pg_port="${UNYO_PG_PORT:-55432}"
token="unyo_bench_token_0123456789abcdef"
work="$(mktemp -d)"
command -v hey >/dev/null || { echo "hey is not installed: apt-get install -y hey" >&2; exit 1; }

dotnet publish src/Unyo -c Release -o "$work/bin" -v quiet >/dev/null
database=()
sql() { sqlite3 -cmd ".timeout 5000" "$work/data/unyo.db" "$1"; }
if [ "$provider" = postgres ]; then
  admin="$(scripts/postgres.sh start)"
  name="unyo_bench_$(date +%s)"
  PGPASSWORD=unyo-test psql -h 127.0.0.1 -p "$pg_port" -U unyo -d postgres -qc "CREATE DATABASE $name" >/dev/null
  database=(--database "${admin/Database=postgres/Database=$name}")
  sql() { PGPASSWORD=unyo-test psql -h 127.0.0.1 -p "$pg_port" -U unyo -d "$name" -qAtc "$1"; }
fi

# The per-token API rate limit (50 requests/s by default) would cap 10,000-event batches at
# 500,000 events/s: this measures ingest itself, so the limit is off.
UNYO_ADMIN_TOKEN="$token" UNYO_ADMIN_PASSWORD="bench-password-123" UNYO_API_RATE_LIMIT=0 \
  "$work/bin/unyo" serve --urls "http://127.0.0.1:$port" --data "$work/data" "${database[@]}" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done

# A team and a service through `unyo apply`; the SLIs straight into the table (the SLI API is
# another branch's work).
mkdir -p "$work/catalog"
printf -- '---\napiVersion: unyo.dev/v1\nkind: Team\nmetadata:\n  name: bench\n---\napiVersion: unyo.dev/v1\nkind: Service\nmetadata:\n  name: bench-svc\n  team: bench\n' >"$work/catalog/c.yaml"
UNYO_SERVER="http://127.0.0.1:$port" UNYO_TOKEN="$token" "$work/bin/unyo" apply -f "$work/catalog" >/dev/null
for i in $(seq 0 19); do
  id="$(cat /proc/sys/kernel/random/uuid)"
  kind=Ratio; threshold=NULL; [ $((i % 2)) = 1 ] && { kind=Latency; threshold=250; }
  if [ "$provider" = postgres ]; then
    sql "INSERT INTO \"Slis\" (\"Id\",\"Name\",\"ServiceId\",\"Kind\",\"LatencyThresholdMs\",\"Source\",\"ManagedBy\",\"Revision\",\"CreatedAt\",\"UpdatedAt\")
         SELECT '$id','bench-sli-$i',\"Id\",'$kind',$threshold,'Native','Api',0,now(),now() FROM \"Services\" WHERE \"Name\"='bench-svc'"
  else
    sql "INSERT INTO Slis (Id,Name,ServiceId,Kind,LatencyThresholdMs,Source,ManagedBy,Revision,CreatedAt,UpdatedAt)
         SELECT upper('$id'),'bench-sli-$i',Id,'$kind',$threshold,'Native','Api',0,0,0 FROM Services WHERE Name='bench-svc'"
  fi
done

# Four bodies of single events over the last 5 minutes, interleaved across the 20 SLIs.
python3 - "$work" "$per_batch" <<'PY'
import datetime, json, random, sys
work, n = sys.argv[1], int(sys.argv[2])
now = datetime.datetime.now(datetime.timezone.utc)
rnd = random.Random(42)
for b in range(4):
    events = []
    for i in range(n):
        s = i % 20
        at = (now - datetime.timedelta(seconds=rnd.randint(0, 300))).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        e = {"sli": f"bench-sli-{s}", "timestamp": at}
        if s % 2: e["latencyMs"] = rnd.randint(1, 400)
        else: e["ok"] = rnd.random() > 0.01
        events.append(e)
    open(f"{work}/body{b}.json", "w").write(json.dumps({"events": events}, separators=(",", ":")))
PY
echo "batch: $per_batch events, $(stat -c %s "$work/body0.json") bytes"

( while kill -0 $server 2>/dev/null; do ps -o rss= -p $server; sleep 0.5; done ) >"$work/rss.txt" 2>/dev/null &
sampler=$!
start=$(date +%s.%N)
pids=()
for b in 0 1 2 3; do
  hey -z "${seconds}s" -c "$(( (connections + 3) / 4 ))" -m POST -T application/json -D "$work/body$b.json" \
    -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/sli-events" >"$work/hey$b.txt" &
  pids+=($!)
done
wait "${pids[@]}"
end=$(date +%s.%N)
sleep 1.5  # the writer flushes every 250 ms
kill $sampler 2>/dev/null || true
accepted=0; refused=0; other=0
count() { awk -v code="[$2]" '$1 == code {n = $2} END {print n + 0}' "$1"; }
for b in 0 1 2 3; do
  accepted=$((accepted + $(count "$work/hey$b.txt" 202)))
  refused=$((refused + $(count "$work/hey$b.txt" 429)))
  other=$((other + $(grep -E '^\s+\[[0-9]{3}\]' "$work/hey$b.txt" | grep -vcE '\[(202|429)\]' || true)))
done
elapsed=$(echo "$end - $start" | bc)
peak=$(sort -n "$work/rss.txt" | tail -1)
echo "provider: $provider, $connections connections, ${seconds}s"
echo "accepted batches: $accepted, 429: $refused, other statuses: $other"
echo "events/s accepted: $(echo "$accepted * $per_batch / $elapsed" | bc)"
for b in 0 1 2 3; do awk '/Average:/ {a=$2} / 99%/ {p=$3} END {printf "hey %s: average %.0f ms, p99 %.0f ms\n", FILENAME, a*1000, p*1000}' "$work/hey$b.txt"; done
echo "server peak RSS under load: $((peak / 1024)) MiB, after: $(($(ps -o rss= -p $server) / 1024)) MiB"
if [ "$provider" = postgres ]; then
  echo "rows in SliMinutes: $(sql 'SELECT count(*) FROM "SliMinutes"'), events written: $(sql 'SELECT sum("Total") FROM "SliMinutes"') (expected $((accepted * per_batch)))"
else
  echo "rows in SliMinutes: $(sql 'SELECT count(*) FROM SliMinutes'), events written: $(sql 'SELECT sum(Total) FROM SliMinutes') (expected $((accepted * per_batch)))"
fi
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^unyo_sli_(rows_upserted_total|flush_duration_seconds_(sum|count)) '
