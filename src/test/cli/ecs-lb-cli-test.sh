#!/usr/bin/env bash
# ECS services behind an ELBv2 target group, with the AWS CLI v2 against a running KECS:
# tasks registered as ip targets, deregistered with the delay while DEACTIVATING, ECS's events,
# and ECS's checks of loadBalancers. The drain lasts 40 s so that slow CLI calls on a loaded
# machine still see the tasks DEACTIVATING.
#   KECS_ENDPOINT=http://127.0.0.1:4566 AWS=/usr/bin/aws src/test/cli/ecs-lb-cli-test.sh
# Each check prints "ok" or "FAIL"; the last line counts them; exit 1 if any failed.
set -uo pipefail
AWS=${AWS:-aws}
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1} AWS_PAGER="" AWS_MAX_ATTEMPTS=1
passed=0 failed=0

ecs() { "$AWS" --endpoint-url "$KECS_ENDPOINT" --output json ecs "$@"; }
ecs_text() { local q=$1; shift; "$AWS" --endpoint-url "$KECS_ENDPOINT" --output text --query "$q" ecs "$@"; }
elb_text() { local q=$1; shift; "$AWS" --endpoint-url "$KECS_ENDPOINT" --output text --query "$q" elbv2 "$@"; }

check() { # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then passed=$((passed + 1)); echo "ok   $1";
  else failed=$((failed + 1)); echo "FAIL $1: expected [$2] got [$3]"; fi
}
check_error() { # check_error NAME ERROR_CODE MESSAGE_PART COMMAND...: the call fails with that code and text
  local name=$1 code=$2 part=$3; shift 3
  local err; err=$("$@" 2>&1 >/dev/null)
  if [[ $err == *"($code)"* && $err == *"$part"* ]]; then passed=$((passed + 1)); echo "ok   $name";
  else failed=$((failed + 1)); echo "FAIL $name: expected ($code) ...$part... got: $err"; fi
}
# until_equals EXPECTED COMMAND...: polls (at most 90 s) until the command prints EXPECTED; prints the last value
until_equals() {
  local want=$1; shift; local got; local end=$((SECONDS + 90))
  while :; do got=$("$@"); [ "$got" == "$want" ] || [ $SECONDS -ge $end ] && break; sleep 0.2; done
  echo "$got"
}
# stopping_tasks JMESPATH_FILTER: how many of the cluster's tasks with desiredStatus STOPPED match
stopping_tasks() {
  local arns; arns=$(ecs_text taskArns list-tasks --cluster lb-cli --desired-status STOPPED)
  if [ -z "$arns" ] || [ "$arns" == "None" ]; then echo 0; return; fi
  # shellcheck disable=SC2086
  ecs_text "length(tasks[?$1])" describe-tasks --cluster lb-cli --tasks $arns
}

curl -sf -X POST "$KECS_ENDPOINT/_kecs/reset" >/dev/null || { echo "KECS not reachable at $KECS_ENDPOINT"; exit 1; }

lb=$(elb_text 'LoadBalancers[0].LoadBalancerArn' create-load-balancer --name web-alb --subnets subnet-1 subnet-2)
tg=$(elb_text 'TargetGroups[0].TargetGroupArn' create-target-group --name web-tg --protocol HTTP --port 80 --vpc-id vpc-1 --target-type ip)
lonely=$(elb_text 'TargetGroups[0].TargetGroupArn' create-target-group --name lonely-tg --protocol HTTP --port 80 --vpc-id vpc-1 --target-type ip)
inst=$(elb_text 'TargetGroups[0].TargetGroupArn' create-target-group --name inst-tg --protocol HTTP --port 80 --vpc-id vpc-1 --target-type instance)
"$AWS" --endpoint-url "$KECS_ENDPOINT" elbv2 create-listener --load-balancer-arn "$lb" --protocol HTTP --port 80 --default-actions "Type=forward,TargetGroupArn=$tg" >/dev/null
"$AWS" --endpoint-url "$KECS_ENDPOINT" elbv2 create-listener --load-balancer-arn "$lb" --protocol HTTP --port 8080 --default-actions "Type=forward,TargetGroupArn=$inst" >/dev/null
"$AWS" --endpoint-url "$KECS_ENDPOINT" elbv2 modify-target-group-attributes --target-group-arn "$tg" --attributes Key=deregistration_delay.timeout_seconds,Value=40 >/dev/null

ecs create-cluster --cluster-name lb-cli >/dev/null
ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 \
  --container-definitions '[{"name":"app","image":"nginx","portMappings":[{"containerPort":80}]}]' >/dev/null
net='awsvpcConfiguration={subnets=[subnet-1]}'
svc() { ecs create-service --cluster lb-cli --service-name web --task-definition web --desired-count 2 --launch-type FARGATE --network-configuration "$net" "$@"; }

check_error "unknown target group" InvalidParameterException "Unable to assume role and validate the specified targetGroupArn" \
  svc --load-balancers "targetGroupArn=${tg%/*}/0000000000000000,containerName=app,containerPort=80"
check_error "target group without a load balancer" InvalidParameterException "does not have an associated load balancer." \
  svc --load-balancers "targetGroupArn=$lonely,containerName=app,containerPort=80"
check_error "instance target group for awsvpc" InvalidParameterException "has target type instance, which is incompatible with the awsvpc network mode" \
  svc --load-balancers "targetGroupArn=$inst,containerName=app,containerPort=80"
check_error "unknown container" InvalidParameterException "The container db does not exist in the task definition." \
  svc --load-balancers "targetGroupArn=$tg,containerName=db,containerPort=80"
check_error "unmapped port" InvalidParameterException "did not have a container port 81 defined." \
  svc --load-balancers "targetGroupArn=$tg,containerName=app,containerPort=81"

check "create-service with loadBalancers" "$tg" "$(svc --load-balancers "targetGroupArn=$tg,containerName=app,containerPort=80" --query 'service.loadBalancers[0].targetGroupArn' --output text)"
targets() { elb_text 'length(TargetHealthDescriptions)' describe-target-health --target-group-arn "$tg"; }
check "both tasks registered" "2" "$(until_equals 2 targets)"
task_ips() {
  local arns; arns=$(ecs_text 'taskArns' list-tasks --cluster lb-cli --service-name web)
  [ -z "$arns" ] && return
  # shellcheck disable=SC2086
  ecs_text "tasks[].attachments[0].details[?name=='privateIPv4Address'].value[]" describe-tasks --cluster lb-cli --tasks $arns | tr '\t' '\n' | sort | tr '\n' ' '
}
target_ips() { elb_text 'TargetHealthDescriptions[].Target.Id' describe-target-health --target-group-arn "$tg" | tr '\t' '\n' | sort | tr '\n' ' '; }
check "targets are the tasks' IPs" "$(task_ips)" "$(target_ips)"
check "target port is the container port" "80 80" "$(elb_text 'TargetHealthDescriptions[].Target.Port' describe-target-health --target-group-arn "$tg" | tr '\t' ' ')"
registered() { ecs_text "length(services[0].events[?contains(message, 'registered 1 targets in (target-group $tg)')])" describe-services --cluster lb-cli --services web; }
check "registered event" "true" "$([ "$(registered)" -ge 1 ] && echo true)"

ecs update-service --cluster lb-cli --service web --desired-count 0 >/dev/null
check "scale-in: tasks DEACTIVATING" "2" "$(until_equals 2 stopping_tasks "lastStatus=='DEACTIVATING'")"
check "scale-in: targets draining" "draining draining" "$(elb_text 'TargetHealthDescriptions[].TargetHealth.State' describe-target-health --target-group-arn "$tg" | tr '\t' ' ')"
check "targets gone after the delay" "0" "$(until_equals 0 targets)"
check "then tasks STOPPED" "2" "$(until_equals 2 stopping_tasks "lastStatus=='STOPPED'")"
deregistered() { ecs_text "length(services[0].events[?message=='(service web) deregistered 1 targets in (target-group $tg)'])" describe-services --cluster lb-cli --services web; }
check "deregistered event" "true" "$([ "$(deregistered)" -ge 1 ] && echo true)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
