#!/usr/bin/env bash
# Load scenario for the Alertmanager intake (issue 6): a Release `unyo serve` on 127.0.0.1 with one
# service and one alertmanager integration, and `hey` posting Alertmanager v4 payloads of 10 firing
# alerts to POST /api/v1/integrations/alertmanager/{key} for a bounded time. Each answer 200 means
# the payload was stored. Prints payloads/s, alerts/s and the server's peak RSS.
# Usage: bench/load/alertmanager-intake.sh [sqlite|postgres] [seconds] [connections]
# Needs: apt-get install -y hey. PostgreSQL: scripts/postgres.sh on UNYO_PG_PORT (default 55432).
set -euo pipefail
cd "$(dirname "$0")/../.."

provider="${1:-sqlite}"
seconds="${2:-15}"
connections="${3:-8}"
port=18082
pg_port="${UNYO_PG_PORT:-55432}"
token="unyo_bench_token_0123456789abcdef"
work="$(mktemp -d)"
command -v hey >/dev/null || { echo "hey is not installed: apt-get install -y hey" >&2; exit 1; }

dotnet publish src/Unyo -c Release -o "$work/bin" -v quiet >/dev/null
database=()
if [ "$provider" = postgres ]; then
  admin="$(scripts/postgres.sh start)"
  name="unyo_bench_$(date +%s)"
  PGPASSWORD=unyo-test psql -h 127.0.0.1 -p "$pg_port" -U unyo -d postgres -qc "CREATE DATABASE $name" >/dev/null
  database=(--database "${admin/Database=postgres/Database=$name}")
fi

# Anonymous intake is limited per client address like any caller: hey is one address, so the
# limit is off to measure the intake itself.
UNYO_ADMIN_TOKEN="$token" UNYO_ADMIN_PASSWORD="bench-password-123" UNYO_API_RATE_LIMIT=0 \
  "$work/bin/unyo" serve --urls "http://127.0.0.1:$port" --data "$work/data" "${database[@]}" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done

mkdir -p "$work/catalog"
printf -- '---\napiVersion: unyo.dev/v1\nkind: Team\nmetadata:\n  name: bench\n---\napiVersion: unyo.dev/v1\nkind: Service\nmetadata:\n  name: bench-svc\n  team: bench\n---\napiVersion: unyo.dev/v1\nkind: Integration\nmetadata:\n  name: bench-am\n  team: bench\nspec:\n  service: bench-svc\n  type: alertmanager\n' >"$work/catalog/c.yaml"
UNYO_SERVER="http://127.0.0.1:$port" UNYO_TOKEN="$token" "$work/bin/unyo" apply -f "$work/catalog" >/dev/null
url="$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/integrations/bench-am" | python3 -c 'import json,sys; print(json.load(sys.stdin)["intakeUrl"])')"

python3 - "$work" <<'PY'
import json, sys
alerts = [{"status": "firing", "labels": {"alertname": "Load", "severity": "warning", "instance": f"web-{i}"},
           "annotations": {"summary": f"Load test alert {i}"}, "startsAt": "2026-06-03T10:00:00Z",
           "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus:9090/graph", "fingerprint": f"{i:016x}"} for i in range(10)]
body = {"version": "4", "receiver": "bench", "status": "firing", "groupKey": "{}:{alertname=\"Load\"}",
        "externalURL": "http://alertmanager:9093", "alerts": alerts}
open(f"{sys.argv[1]}/payload.json", "w").write(json.dumps(body))
PY

hey -z "${seconds}s" -c "$connections" -m POST -T application/json -D "$work/payload.json" "$url" >"$work/hey.txt"
ok="$(grep -E '^\s+\[200\]' "$work/hey.txt" | awk '{print $2}')"
other="$(grep -E '^\s+\[[0-9]+\]' "$work/hey.txt" | grep -v '\[200\]' || true)"
rps="$(grep 'Requests/sec' "$work/hey.txt" | awk '{print $2}')"
p99="$(grep '99% in' "$work/hey.txt" | awk '{print $3}')"
rss="$(grep VmHWM /proc/$server/status | awk '{print $2}')"
echo "provider=$provider seconds=$seconds connections=$connections"
echo "payloads 200: ${ok:-0} (${rps} requests/s, p99 ${p99} s); alerts/s: $(python3 -c "print(round(${rps:-0} * 10))")"
[ -n "$other" ] && echo "other answers: $other"
echo "peak RSS: $((rss / 1024)) MiB"
