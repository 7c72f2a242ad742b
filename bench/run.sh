#!/usr/bin/env bash
# KECS HTTP benchmark: start-up time, idle RSS, and req/s + p50/p99 per action under wrk.
#   bench/run.sh [seconds-per-action] [connections]
# Needs wrk (apt-get install wrk). Results are printed as RESULT lines; docs/benchmarks.md has the
# figures of the last recorded run and the machine they were taken on.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
duration=${1:-15}
connections=${2:-64}
port=${KECS_BENCH_PORT:-4599}
. "$root/scripts/jdk.sh"
kecs_find_jdk
command -v wrk >/dev/null || { echo "bench: wrk is needed (apt-get install wrk)" >&2; exit 1; }
[ -f "$root/target/kecs.jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package)

url="http://127.0.0.1:$port"
start_ns=$(date +%s%N)
"$root/kecs" server --ephemeral --port "$port" --admin-port -1 >/tmp/kecs-bench.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "$url/_kecs/health" >/dev/null; do sleep 0.01; done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
sleep 2
echo "RESULT startup_ready_ms=$ready_ms (launcher to first health answer; jar already built)"
echo "RESULT idle_rss_mb=$(( $(ps -o rss= -p "$pid") / 1024 ))"

call() { curl -sf -X POST "$url/" -H "X-Amz-Target: AmazonEC2ContainerServiceV20141113.$1" -d "$2" >/dev/null; }
# Seed: 100 clusters, 20 families x 10 revisions.
for i in $(seq 1 100); do call CreateCluster "{\"clusterName\":\"bench-$i\"}"; done
taskdef='{"family":"FAMILY","containerDefinitions":[{"name":"web","image":"nginx:1.27","memory":256,"portMappings":[{"containerPort":80}],"environment":[{"name":"A","value":"b"}]}]}'
for f in $(seq 1 20); do for r in $(seq 1 10); do call RegisterTaskDefinition "${taskdef/FAMILY/fam-$f}"; done; done

bench() { # bench ACTION BODY
  ACTION=$1 BODY=$2 wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$root/bench/awsjson.lua" "$url/" | grep RESULT
}
# warm-up so the JIT has compiled the hot paths before we measure
ACTION=DescribeClusters BODY='{"clusters":["bench-1"]}' wrk -t2 -c16 -d5s -s "$root/bench/awsjson.lua" "$url/" >/dev/null
bench DescribeClusters '{"clusters":["bench-1","bench-2","bench-3"]}'
DELAY_MS=5 ACTION=DescribeClusters BODY='{"clusters":["bench-1"]}' wrk -t2 -c64 -d"${duration}s" --latency \
  -s "$root/bench/awsjson.lua" "$url/" | grep RESULT | sed 's/^RESULT /RESULT at_10000_rps: /'
bench ListTaskDefinitions '{"familyPrefix":"fam-1","maxResults":10}'
bench RegisterTaskDefinition "${taskdef/FAMILY/bench-\{\{n\}\}}"
echo "RESULT loaded_rss_mb=$(( $(ps -o rss= -p "$pid") / 1024 ))"
