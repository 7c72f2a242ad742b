#!/usr/bin/env bash
# The ELBv2 data plane under wrk: req/s and p50/p99 of a 1 KB answer straight from the target and
# through a load balancer (Host: its DNS name, on KECS's port), then through the same listener with
# 100 rules in front of its default action (none matching: each request evaluates all 100); and
# KECS's own /_kecs/health for scale.
#   bench/elbv2-dataplane.sh [seconds] [connections]
# Needs wrk, go and curl. Results are RESULT lines; docs/benchmarks.md has the last figures.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
duration=${1:-10}
connections=${2:-64}
port=${KECS_BENCH_PORT:-4597}
tport=${KECS_BENCH_TARGET_PORT:-4599}
# Long enough for the JIT to compile the proxy path: the first 20 s through a cold JVM ran at a
# fifth to a half of the warm rate on a busy 2-core machine.
warmup=${BENCH_WARMUP_SECONDS:-30}
. "$root/scripts/jdk.sh"
kecs_find_jdk
for c in wrk go curl; do command -v $c >/dev/null || { echo "bench: $c is needed" >&2; exit 1; }; done
[ -f "$root/target/kecs.jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package)
work=$(mktemp -d)
(cd "$root/bench" && go build -o "$work/target1k" target1k.go)

url="http://127.0.0.1:$port"
"$root/kecs" server --ephemeral --port "$port" --admin-port -1 --dns-port -1 --elb-second PT0.1S \
  >"$work/kecs.log" 2>&1 &
pid=$!
"$work/target1k" "127.0.0.1:$tport" &
tpid=$!
trap 'kill $pid $tpid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do curl -sf "$url/_kecs/health" >/dev/null && break; sleep 0.05; done

# awsQuery calls, unsigned: Action and Version route them to ELBv2.
elb() { curl -sf "$url/" --data "Version=2015-12-01&Action=$1&$2"; }
field() { sed -n "s:.*<$1>\([^<]*\)</$1>.*:\1:p" | head -1; }
lb=$(elb CreateLoadBalancer "Name=bench&Subnets.member.1=subnet-a&Subnets.member.2=subnet-b")
lb_arn=$(field LoadBalancerArn <<<"$lb")
dns=$(field DNSName <<<"$lb")
tg_arn=$(elb CreateTargetGroup "Name=bench&Protocol=HTTP&Port=80&VpcId=vpc-1&TargetType=ip&HealthCheckIntervalSeconds=5&HealthCheckTimeoutSeconds=2&HealthyThresholdCount=2" | field TargetGroupArn)
elb RegisterTargets "TargetGroupArn=$tg_arn&Targets.member.1.Id=127.0.0.1&Targets.member.1.Port=$tport" >/dev/null
listener=$(elb CreateListener "LoadBalancerArn=$lb_arn&Protocol=HTTP&Port=80&DefaultActions.member.1.Type=forward&DefaultActions.member.1.TargetGroupArn=$tg_arn" | field ListenerArn)
for _ in $(seq 1 100); do
  elb DescribeTargetHealth "TargetGroupArn=$tg_arn" | grep -q '<State>healthy</State>' && break
  sleep 0.1
done

run() { # name url [wrk args]
  local name=$1 target=$2
  shift 2
  wrk -t2 -c16 -d"${warmup}s" "$@" "$target" >/dev/null # warm-up
  NAME=$name wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$root/bench/get.lua" "$@" "$target" | grep RESULT
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run direct "http://127.0.0.1:$tport/"
# What KECS's HTTP server answers without proxying (its smallest endpoint), for scale.
run kecs_health "$url/_kecs/health"
run load_balancer "$url/" -H "Host: $dns:$port"
for i in $(seq 1 100); do
  elb CreateRule "ListenerArn=$listener&Priority=$i&Conditions.member.1.Field=path-pattern&Conditions.member.1.PathPatternConfig.Values.member.1=/rule-$i/*&Actions.member.1.Type=fixed-response&Actions.member.1.FixedResponseConfig.StatusCode=200" >/dev/null
done
run load_balancer_100_rules "$url/" -H "Host: $dns:$port"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
