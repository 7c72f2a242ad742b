#!/usr/bin/env bash
# The ECS agent's endpoints on KECS's API port: req/s and p50/p99 of task metadata (v4 /task) and
# task-role credentials (minted: no AWS backend) for one running simulated task, under wrk.
#   bench/agent.sh [seconds-per-endpoint] [connections]
# Needs wrk and jq. Results are RESULT lines; docs/benchmarks.md has the last recorded figures.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
duration=${1:-10}
connections=${2:-32}
port=${KECS_BENCH_PORT:-4598}
. "$root/scripts/jdk.sh"
kecs_find_jdk
for c in wrk jq; do command -v $c >/dev/null || { echo "bench: $c is needed" >&2; exit 1; }; done
[ -f "$root/target/kecs.jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package)

url="http://127.0.0.1:$port"
"$root/kecs" server --ephemeral --port "$port" --admin-port -1 >/tmp/kecs-bench-agent.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -sf "$url/_kecs/health" >/dev/null && break; sleep 0.05; done

call() { curl -sf -X POST "$url/" -H "X-Amz-Target: AmazonEC2ContainerServiceV20141113.$1" -d "$2"; }
call CreateCluster '{"clusterName":"bench"}' >/dev/null
call RegisterTaskDefinition '{"family":"app","taskRoleArn":"arn:aws:iam::000000000000:role/app","networkMode":"awsvpc","requiresCompatibilities":["FARGATE"],"cpu":"256","memory":"512","containerDefinitions":[{"name":"web","image":"nginx:1.27"}]}' >/dev/null
arn=$(call RunTask '{"cluster":"bench","taskDefinition":"app","launchType":"FARGATE","networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-1"]}}}' | jq -r '.tasks[0].taskArn')
id=${arn##*/}
for _ in $(seq 1 100); do
  status=$(call DescribeTasks "{\"cluster\":\"bench\",\"tasks\":[\"$arn\"]}" | jq -r '.tasks[0].lastStatus')
  [ "$status" = RUNNING ] && break
  sleep 0.1
done
env=$(curl -sf "$url/_kecs/tasks/$id/environment")
metadata=$(jq -r '.web.ECS_CONTAINER_METADATA_URI_V4' <<<"$env")
credentials=$(jq -r '.web.AWS_CONTAINER_CREDENTIALS_FULL_URI' <<<"$env")

wrk -t2 -c16 -d3s "$metadata/task" >/dev/null # warm-up
NAME=metadata_v4_task wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$root/bench/get.lua" "$metadata/task" | grep RESULT
NAME=credentials wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$root/bench/get.lua" "$credentials" | grep RESULT
