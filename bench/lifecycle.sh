#!/usr/bin/env bash
# KECS lifecycle benchmark (simulated runtime): a cluster with 2,000 services x 5 tasks (10,000
# tasks), then ListTasks pages, DescribeTasks of 100 tasks, and RunTask throughput.
#   bench/lifecycle.sh [seconds-per-action] [connections]
# Needs wrk and python3. Prints RESULT lines; docs/benchmarks.md records a run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
duration=${1:-15}
connections=${2:-64}
port=${KECS_BENCH_PORT:-4598}
services=${BENCH_SERVICES:-2000}
per_service=${BENCH_TASKS_PER_SERVICE:-5}
. "$root/scripts/jdk.sh"
kecs_find_jdk
[ -f "$root/target/kecs.jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package)
url="http://127.0.0.1:$port"
"$root/kecs" server --ephemeral --port "$port" --admin-port -1 >/tmp/kecs-lifecycle.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "$url/_kecs/health" >/dev/null; do sleep 0.05; done

python3 "$root/bench/seed_services.py" "$url" "$services" "$per_service"
echo "RESULT heap_after_seed: $("$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null; "$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info | grep -E '^(DefNew|Tenured)' | tr -s ' ' | tr '\n' ' ')"
echo "RESULT rss_after_seed_mb=$(( $(ps -o rss= -p "$pid") / 1024 ))"

bench() { # bench ACTION BODY
  ACTION=$1 BODY=$2 wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$root/bench/awsjson.lua" "$url/" | grep RESULT
}
describe_body=$(cat /tmp/kecs-bench-describe.json)
ACTION=ListTasks BODY='{"cluster":"bench","maxResults":100}' wrk -t2 -c16 -d5s -s "$root/bench/awsjson.lua" "$url/" >/dev/null
bench ListTasks '{"cluster":"bench","maxResults":100}'
bench ListTasks "{\"cluster\":\"bench\",\"maxResults\":100,\"nextToken\":\"$(cat /tmp/kecs-bench-token.txt)\"}"
bench ListTasks '{"cluster":"bench","serviceName":"svc-1000"}'
bench DescribeTasks "$describe_body"
# The same reads at a little over 2,000 req/s (20 connections, 8 ms apart): latency at the target rate.
at_rate() { # at_rate ACTION BODY
  DELAY_MS=8 ACTION=$1 BODY=$2 wrk -t2 -c20 -d"${duration}s" --latency -s "$root/bench/awsjson.lua" "$url/" \
    | grep RESULT | sed 's/^RESULT /RESULT at_target_rate: /'
}
at_rate ListTasks '{"cluster":"bench","maxResults":100}'
at_rate ListTasks "{\"cluster\":\"bench\",\"maxResults\":100,\"nextToken\":\"$(cat /tmp/kecs-bench-token.txt)\"}"
at_rate DescribeTasks "$describe_body"
# RunTask: 10 tasks a call into another cluster; tasks/s = rps x 10.
curl -sf -X POST "$url/" -H "X-Amz-Target: AmazonEC2ContainerServiceV20141113.CreateCluster" -d '{"clusterName":"runs"}' >/dev/null
ACTION=RunTask BODY='{"cluster":"runs","taskDefinition":"bench","count":10,"launchType":"FARGATE","networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-1"]}}}' \
  wrk -t2 -c16 -d"${duration}s" --latency -s "$root/bench/awsjson.lua" "$url/" | grep RESULT
echo "RESULT heap_after_runs: $("$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null; "$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info | grep -E '^(DefNew|Tenured)' | tr -s ' ' | tr '\n' ' ')"
