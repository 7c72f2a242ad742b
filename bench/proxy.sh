#!/usr/bin/env bash
# AWS backend proxy overhead: the same requests straight to a moto server and through KECS
# (--aws-backend), in one run: S3 GetObject of 1 KB and 10 MB, SQS SendMessage (query protocol).
# Also ECS DescribeClusters through the router, and, when KECS_BEFORE_JAR names the jar of an
# earlier KECS, the same against it for comparison.
#   bench/proxy.sh [seconds] [connections]
# Needs wrk (apt-get install wrk) and moto_server (pip install 'moto[server]').
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
duration=${1:-10}
connections=${2:-16}
moto_port=${MOTO_BENCH_PORT:-4601}
kecs_port=${KECS_BENCH_PORT:-4602}
. "$root/scripts/jdk.sh"
kecs_find_jdk
command -v wrk >/dev/null || { echo "bench: wrk is needed (apt-get install wrk)" >&2; exit 1; }
command -v moto_server >/dev/null || { echo "bench: pip install 'moto[server]'" >&2; exit 1; }
[ -f "$root/target/kecs.jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package)

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
moto_server -H 127.0.0.1 -p "$moto_port" >/tmp/kecs-bench-moto.log 2>&1 & pids+=($!)
"$JAVA_HOME/bin/java" -jar "$root/target/kecs.jar" server --ephemeral --port "$kecs_port" --admin-port -1 \
  --aws-backend "http://127.0.0.1:$moto_port" >/tmp/kecs-bench-proxy.log 2>&1 & pids+=($!)
until curl -sf "http://127.0.0.1:$kecs_port/_kecs/health" >/dev/null; do sleep 0.05; done
until curl -s -o /dev/null "http://127.0.0.1:$moto_port/"; do sleep 0.05; done

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
direct="http://127.0.0.1:$moto_port" proxied="http://127.0.0.1:$kecs_port"
aws --endpoint-url "$direct" s3 mb s3://bench >/dev/null
head -c 1024 /dev/urandom > /tmp/kecs-bench-1k && aws --endpoint-url "$direct" s3 cp --quiet /tmp/kecs-bench-1k s3://bench/1k
head -c 10485760 /dev/urandom > /tmp/kecs-bench-10m && aws --endpoint-url "$direct" s3 cp --quiet /tmp/kecs-bench-10m s3://bench/10m
queue=$(aws --endpoint-url "$direct" --output text --query QueueUrl sqs create-queue --queue-name bench)

run() { # run NAME URL ... (env: METHOD REQ_PATH SERVICE BODY CONTENT_TYPE)
  local name=$1 url=$2
  wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$root/bench/proxy.lua" "$url" \
    | grep RESULT | sed "s/^RESULT /RESULT $name: /"
}
for target in direct proxied; do
  url=${!target}
  METHOD=GET REQ_PATH=/bench/1k SERVICE=s3 run "s3_get_1k_$target" "$url"
  METHOD=GET REQ_PATH=/bench/10m SERVICE=s3 run "s3_get_10m_$target" "$url"
  METHOD=POST REQ_PATH=/ SERVICE=sqs CONTENT_TYPE=application/x-www-form-urlencoded \
    BODY="Action=SendMessage&Version=2012-11-05&QueueUrl=$queue&MessageBody=hello" \
    run "sqs_send_$target" "$url"
done

curl -sf -X POST "$proxied/" -H "X-Amz-Target: AmazonEC2ContainerServiceV20141113.CreateCluster" \
  -H "Content-Type: application/x-amz-json-1.1" -d '{"clusterName":"bench-1"}' >/dev/null
ecs_bench() { # ecs_bench NAME URL
  ACTION=DescribeClusters BODY='{"clusters":["bench-1"]}' wrk -t2 -c64 -d5s -s "$root/bench/awsjson.lua" "$2" >/dev/null
  ACTION=DescribeClusters BODY='{"clusters":["bench-1"]}' wrk -t2 -c64 -d"${duration}s" --latency \
    -s "$root/bench/awsjson.lua" "$2" | grep RESULT | sed "s/^RESULT /RESULT $1: /"
}
ecs_bench ecs_describe_clusters_router "$proxied"
if [ -n "${KECS_BEFORE_JAR:-}" ]; then
  kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
  "$JAVA_HOME/bin/java" -jar "$KECS_BEFORE_JAR" server --ephemeral --port "$kecs_port" --admin-port -1 \
    >/tmp/kecs-bench-before.log 2>&1 & pids+=($!)
  until curl -sf "$proxied/_kecs/health" >/dev/null; do sleep 0.05; done
  curl -sf -X POST "$proxied/" -H "X-Amz-Target: AmazonEC2ContainerServiceV20141113.CreateCluster" \
    -H "Content-Type: application/x-amz-json-1.1" -d '{"clusterName":"bench-1"}' >/dev/null
  ecs_bench ecs_describe_clusters_before "$proxied"
fi
