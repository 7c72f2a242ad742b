#!/usr/bin/env bash
# awslogs shipping: lines/s from one simulated container to CloudWatch Logs on a moto server
# backend, and the delay from a line printed to GetLogEvents (through KECS) returning it.
#   bench/awslogs.sh [lines] [ticks]
# Needs moto_server and boto3 (pip install 'moto[server]'). Prints RESULT lines; docs/benchmarks.md
# records a run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/jdk.sh"
kecs_find_jdk
command -v moto_server >/dev/null || { echo "bench: moto_server is needed" >&2; exit 1; }
[ -f "$root/target/kecs.jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package)
port=${KECS_BENCH_PORT:-4597}
moto_port=${KECS_BENCH_MOTO_PORT:-4596}
moto_server -H 127.0.0.1 -p "$moto_port" >/tmp/kecs-bench-moto.log 2>&1 &
moto=$!
"$root/kecs" server --ephemeral --port "$port" --admin-port -1 --dns-port -1 \
  --aws-backend "http://127.0.0.1:$moto_port" >/tmp/kecs-bench-awslogs.log 2>&1 &
kecs=$!
trap 'kill $kecs $moto 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/_kecs/health" >/dev/null && break; sleep 0.05; done
for _ in $(seq 1 600); do curl -s "http://127.0.0.1:$moto_port/" >/dev/null && break; sleep 0.05; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$root/bench/awslogs.py" "http://127.0.0.1:$port" "${1:-50000}" "${2:-50}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
