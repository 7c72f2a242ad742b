#!/usr/bin/env bash
# Dashboard benchmark (simulated runtime): a cluster of 2,000 services x 5 tasks (10,000 tasks),
# then, in Debian's chromium: time to first meaningful paint (the services table's first rows),
# time to the tasks tab's first rows and to its whole ARN list, and the delay from an API change
# (UpdateService) to the page showing it.
#   bench/dashboard.sh            (BENCH_SERVICES, BENCH_TASKS_PER_SERVICE, KECS_BENCH_PORT)
# Needs python3, node and /usr/bin/chromium. Prints RESULT lines; docs/benchmarks.md records a run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${KECS_BENCH_PORT:-4597}
services=${BENCH_SERVICES:-2000}
per_service=${BENCH_TASKS_PER_SERVICE:-5}
. "$root/scripts/jdk.sh"
kecs_find_jdk
[ -x /usr/bin/chromium ] || { echo "bench: chromium is needed (apt-get install chromium)" >&2; exit 1; }
[ -d "$root/src/test/browser/node_modules/playwright-core" ] || (cd "$root/src/test/browser" && npm ci --no-audit --no-fund)
[ -f "$root/target/kecs.jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package)
url="http://127.0.0.1:$port"
if curl -sf "$url/_kecs/health" >/dev/null; then echo "bench: port $port is in use (KECS_BENCH_PORT)" >&2; exit 1; fi
# From a copy of the jar: a rebuild of target/kecs.jar during the run would pull classes and assets
# from under the running server.
cp "$root/target/kecs.jar" /tmp/kecs-dashboard-bench.jar
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -jar /tmp/kecs-dashboard-bench.jar server --ephemeral --port "$port" \
  --admin-port -1 >/tmp/kecs-dashboard-bench.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "$url/_kecs/health" >/dev/null; do sleep 0.05; done

# The seed waits for every task to run; on a loaded machine a few may stay PENDING (noted in the
# results), which does not matter for what is measured here.
timeout "${BENCH_SEED_SECONDS:-900}" python3 "$root/bench/seed_services.py" "$url" "$services" "$per_service" \
  || echo "RESULT note: not every task was RUNNING after the seed's time limit"
sleep 2
node "$root/bench/dashboard-bench.mjs" "$url"
