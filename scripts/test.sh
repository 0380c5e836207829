#!/usr/bin/env bash
# Runs every test: unit, integration (on SQLite and on a throwaway PostgreSQL) and browser tests.
# Ends with one line: "tests: N passed, N failed[, N skipped]". Exit code 0 only if all passed.
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ] || missing+=(prometheus)
[ -x /usr/bin/prometheus-alertmanager ] || missing+=(prometheus-alertmanager)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${missing[*]}…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing ${missing[*]}: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

started_postgres=""
if [ -z "${UNYO_TEST_POSTGRES:-}" ]; then
  UNYO_TEST_POSTGRES="$(scripts/postgres.sh start)" || exit 1
  export UNYO_TEST_POSTGRES
  started_postgres=yes
fi

# Every test server would watch its configuration files for changes; hundreds of servers in one
# run exhaust the per-user inotify instances (128 by default) and fail at random.
export DOTNET_hostBuilder__reloadConfigOnChange=false

log="$(mktemp)"
dotnet test --solution Unyo.slnx "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

[ -n "$started_postgres" ] && scripts/postgres.sh stop

# Each test project prints a summary block (total/failed/succeeded/skipped); add them up.
summary=$(awk '
  /Test run summary/ { in_summary = 1 }
  in_summary && $1 == "failed:"    { failed += $2 }
  in_summary && $1 == "succeeded:" { passed += $2 }
  in_summary && $1 == "skipped:"   { skipped += $2 }
  in_summary && $1 == "duration:"  { in_summary = 0 }
  END { printf "%d %d %d", passed, failed, skipped }' "$log")
read -r passed failed skipped <<<"$summary"
# CI keeps only the tail of the output, and test servers log a great deal while shutting down: repeat
# each failed test's name and the first lines of its error here, at the end, where they survive.
if [ "$failed" != 0 ]; then
  echo "Failed tests (name and the first lines of the error; at most 30):"
  awk '
    /^failed / { if (shown >= 30) { more++; next } shown++; print "  " substr($0, 1, 220); lines = 2; next }
    lines > 0 && NF > 0 && $0 !~ /^  from |Microsoft.Hosting.Lifetime|^ *[0-9-]+T[0-9:.]+Z / { print "      " substr($0, 1, 220); lines-- }
    END { if (more) print "  … and " more " more" }' "$log"
fi
rm -f "$log"
if [ "$passed" = 0 ] && [ "$failed" = 0 ]; then
  echo "No test results were found in the output (exit code $status)." >&2
  failed=1
fi
[ "$status" != 0 ] && [ "$failed" = 0 ] && failed=1
line="tests: $passed passed, $failed failed"
[ "$skipped" != 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$status" = 0 ] && [ "$failed" = 0 ]
