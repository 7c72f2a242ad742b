#!/usr/bin/env bash
# Deployment-history memory benchmark (issue 12, item 7): UpdateService on one service at a steady
# rate, sampling listed deployments and heap after a full GC. Flat numbers = history is bounded.
#   bench/history.sh [minutes] [updates-per-second] [sample-seconds]
# Needs python3. Prints RESULT lines; docs/benchmarks.md records a run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
minutes=${1:-10}
rate=${2:-4}
sample=${3:-60}
port=${KECS_BENCH_PORT:-4597}
. "$root/scripts/jdk.sh"
kecs_find_jdk
data=$(mktemp -d)
url="http://127.0.0.1:$port"
"$root/kecs" server --data-dir "$data" --port "$port" --admin-port -1 >/tmp/kecs-history.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
until curl -sf "$url/_kecs/health" >/dev/null; do sleep 0.1; done
java_pid=$(pgrep -P "$pid" java || echo "$pid")
python3 "$root/bench/history.py" "$url" "$java_pid" "$JAVA_HOME/bin/jcmd" "$minutes" "$rate" "$sample"
echo "RESULT store_rows: $(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(dict(c.execute(\"select kind, count(*) from records where kind like 'service-%' group by kind\").fetchall()))" "$data/kecs.db")"
