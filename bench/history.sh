#!/usr/bin/env bash
# Deployment-history memory benchmark (issue 12, item 7): UpdateService on one service at a steady
# rate, sampling listed deployments and heap after a full GC. Flat numbers = history is bounded.
#   bench/history.sh [minutes] [updates-per-second] [sample-seconds] [desired-count]
# desired-count 0 (default) measures the history alone; 1 adds a task replaced by each deployment
# (STOPPED tasks are kept for --task-retention, one hour, so the heap grows with them for an hour).
# Needs python3. Prints RESULT lines; docs/benchmarks.md records a run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
minutes=${1:-10}
rate=${2:-4}
sample=${3:-60}
desired=${4:-0}
port=${KECS_BENCH_PORT:-4597}
. "$root/scripts/jdk.sh"
kecs_find_jdk
data=$(mktemp -d)
url="http://127.0.0.1:$port"
"${KECS_BENCH_LAUNCHER:-$root/kecs}" server --data-dir "$data" --port "$port" --admin-port -1 >"/tmp/kecs-history-$port.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
until curl -sf "$url/_kecs/health" >/dev/null; do sleep 0.1; done
java_pid=$(pgrep -P "$pid" java || echo "$pid")
python3 "$root/bench/history.py" "$url" "$java_pid" "$JAVA_HOME/bin/jcmd" "$minutes" "$rate" "$sample" "$desired"
python3 - "$data/kecs.db" <<'PY'
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT kind, count(*) FROM records WHERE kind LIKE 'service-%' OR kind = 'task' GROUP BY kind")
print("RESULT store_rows:", dict(rows.fetchall()))
PY
