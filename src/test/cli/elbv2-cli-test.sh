#!/usr/bin/env bash
# End-to-end checks of the ELBv2 API with the AWS CLI v2 against a running KECS.
#   KECS_ENDPOINT=http://127.0.0.1:4566 AWS=/usr/bin/aws src/test/cli/elbv2-cli-test.sh
# Each check prints "ok" or "FAIL"; the last line counts them; exit 1 if any failed.
set -uo pipefail
AWS=${AWS:-aws}
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1} AWS_PAGER="" AWS_MAX_ATTEMPTS=1
passed=0 failed=0

elb() { "$AWS" --endpoint-url "$KECS_ENDPOINT" --output json elbv2 "$@"; }
# elb_text QUERY ARGS...: one value of the answer
elb_text() { local q=$1; shift; "$AWS" --endpoint-url "$KECS_ENDPOINT" --output text --query "$q" elbv2 "$@"; }

check() { # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then passed=$((passed + 1)); echo "ok   $1";
  else failed=$((failed + 1)); echo "FAIL $1: expected [$2] got [$3]"; fi
}
check_match() { # check_match NAME REGEX ACTUAL
  if [[ $3 =~ $2 ]]; then passed=$((passed + 1)); echo "ok   $1";
  else failed=$((failed + 1)); echo "FAIL $1: expected /$2/ got [$3]"; fi
}
check_error() { # check_error NAME ERROR_CODE ARGS...: the call fails with that AWS error code
  local name=$1 code=$2; shift 2
  local err; err=$(elb "$@" 2>&1 >/dev/null)
  if [[ $err == *"($code)"* ]]; then passed=$((passed + 1)); echo "ok   $name";
  else failed=$((failed + 1)); echo "FAIL $name: expected ($code) got: $err"; fi
}

curl -sf -X POST "$KECS_ENDPOINT/_kecs/reset" >/dev/null || { echo "KECS not reachable at $KECS_ENDPOINT"; exit 1; }

# load balancer
lb=$(elb_text 'LoadBalancers[0].LoadBalancerArn' create-load-balancer --name cli-alb --subnets subnet-1 subnet-2 --security-groups sg-1 --tags Key=team,Value=web)
check_match "create-load-balancer ARN" '^arn:aws:elasticloadbalancing:us-east-1:[0-9]{12}:loadbalancer/app/cli-alb/[0-9a-f]{16}$' "$lb"
check_match "DNS name ends in .localhost" '^cli-alb-[0-9]+\.us-east-1\.elb\.localhost$' "$(elb_text 'LoadBalancers[0].DNSName' describe-load-balancers --names cli-alb)"
check "describe-load-balancers state" "active" "$(elb_text 'LoadBalancers[0].State.Code' describe-load-balancers --load-balancer-arns "$lb")"
check "internal scheme" "internal" "$(elb_text 'LoadBalancers[0].Scheme' create-load-balancer --name cli-nlb --type network --scheme internal --subnets subnet-1)"
check_match "internal DNS name" '^internal-cli-nlb-' "$(elb_text 'LoadBalancers[0].DNSName' describe-load-balancers --names cli-nlb)"
check "modify-load-balancer-attributes" "120" "$(elb_text "Attributes[?Key=='idle_timeout.timeout_seconds'].Value" modify-load-balancer-attributes --load-balancer-arn "$lb" --attributes Key=idle_timeout.timeout_seconds,Value=120)"
check "describe-load-balancer-attributes" "120" "$(elb_text "Attributes[?Key=='idle_timeout.timeout_seconds'].Value" describe-load-balancer-attributes --load-balancer-arn "$lb")"
check "set-security-groups" "sg-2" "$(elb_text 'SecurityGroupIds[0]' set-security-groups --load-balancer-arn "$lb" --security-groups sg-2)"
check "set-subnets" "3" "$(elb_text 'length(AvailabilityZones)' set-subnets --load-balancer-arn "$lb" --subnets subnet-1 subnet-2 subnet-3)"
check "set-ip-address-type" "dualstack" "$(elb_text 'IpAddressType' set-ip-address-type --load-balancer-arn "$lb" --ip-address-type dualstack)"
check_error "duplicate name, other settings" DuplicateLoadBalancerName create-load-balancer --name cli-alb --type network --subnets subnet-1
check_error "one subnet for an ALB" ValidationError create-load-balancer --name lonely --subnets subnet-1
check_error "bad scheme" ValidationError create-load-balancer --name x --scheme public --subnets subnet-1 subnet-2
check_error "unknown load balancer" LoadBalancerNotFound describe-load-balancers --names nope
check_error "unknown attribute" ValidationError modify-load-balancer-attributes --load-balancer-arn "$lb" --attributes Key=nope,Value=1

# target groups
tg=$(elb_text 'TargetGroups[0].TargetGroupArn' create-target-group --name cli-tg --protocol HTTP --port 80 --vpc-id vpc-1 --target-type ip --health-check-path /health)
check_match "create-target-group ARN" '^arn:aws:elasticloadbalancing:us-east-1:[0-9]{12}:targetgroup/cli-tg/[0-9a-f]{16}$' "$tg"
check "health check path" "/health" "$(elb_text 'TargetGroups[0].HealthCheckPath' describe-target-groups --names cli-tg)"
check "modify-target-group" "15" "$(elb_text 'TargetGroups[0].HealthCheckIntervalSeconds' modify-target-group --target-group-arn "$tg" --health-check-interval-seconds 15)"
check "modify-target-group-attributes" "10" "$(elb_text "Attributes[?Key=='deregistration_delay.timeout_seconds'].Value" modify-target-group-attributes --target-group-arn "$tg" --attributes Key=deregistration_delay.timeout_seconds,Value=10)"
check "describe-target-group-attributes" "round_robin" "$(elb_text "Attributes[?Key=='load_balancing.algorithm.type'].Value" describe-target-group-attributes --target-group-arn "$tg")"
check_error "target group without port" ValidationError create-target-group --name noport --protocol HTTP --vpc-id vpc-1
check_error "duplicate target group" DuplicateTargetGroupName create-target-group --name cli-tg --protocol HTTP --port 81 --vpc-id vpc-1
for i in 1 2 3 4; do elb create-target-group --name "page-$i" --protocol TCP --port 80 --vpc-id vpc-1 >/dev/null; done
# The CLI leaves ELBv2's Marker/PageSize to the caller (they are the operation's own parameters).
marker=$(elb_text NextMarker describe-target-groups --page-size 2)
check "describe-target-groups page 2" "2" "$(elb_text 'length(TargetGroups)' describe-target-groups --page-size 2 --marker "$marker")"
marker=$(elb_text NextMarker describe-target-groups --page-size 2 --marker "$marker")
check "describe-target-groups last page" "1 None" "$(elb_text '[length(TargetGroups), NextMarker]' describe-target-groups --page-size 2 --marker "$marker" | tr '\t' ' ')"

# listeners and rules
listener=$(elb_text 'Listeners[0].ListenerArn' create-listener --load-balancer-arn "$lb" --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn="$tg")
check_match "create-listener ARN" ':listener/app/cli-alb/[0-9a-f]{16}/[0-9a-f]{16}$' "$listener"
check "target group used by the load balancer" "$lb" "$(elb_text 'TargetGroups[0].LoadBalancerArns[0]' describe-target-groups --target-group-arns "$tg")"
check "modify-listener" "8080" "$(elb_text 'Listeners[0].Port' modify-listener --listener-arn "$listener" --port 8080)"
check "describe-listeners" "1" "$(elb_text 'length(Listeners)' describe-listeners --load-balancer-arn "$lb")"
check_error "duplicate listener port" DuplicateListener create-listener --load-balancer-arn "$lb" --protocol HTTP --port 8080 --default-actions Type=forward,TargetGroupArn="$tg"
check_error "describe-listeners needs a filter" ValidationError describe-listeners
rule=$(elb_text 'Rules[0].RuleArn' create-rule --listener-arn "$listener" --priority 10 --conditions Field=path-pattern,Values='/api/*' --actions Type=fixed-response,FixedResponseConfig='{StatusCode=404,ContentType=text/plain,MessageBody=nope}')
check_match "create-rule ARN" ':listener-rule/app/cli-alb/' "$rule"
check "describe-rules, default last" "10 default" "$(elb_text 'Rules[].Priority' describe-rules --listener-arn "$listener" | tr '\t' ' ')"
check "modify-rule" "/v2/*" "$(elb_text 'Rules[0].Conditions[0].Values[0]' modify-rule --rule-arn "$rule" --conditions Field=path-pattern,Values='/v2/*')"
check "set-rule-priorities" "7" "$(elb_text 'Rules[0].Priority' set-rule-priorities --rule-priorities RuleArn="$rule",Priority=7)"
check_error "priority in use" PriorityInUse create-rule --listener-arn "$listener" --priority 7 --conditions Field=path-pattern,Values='/x' --actions Type=forward,TargetGroupArn="$tg"
check_error "redirect without config" ValidationError create-rule --listener-arn "$listener" --priority 8 --conditions Field=path-pattern,Values='/x' --actions Type=redirect

# targets
elb register-targets --target-group-arn "$tg" --targets Id=10.0.0.1,Port=8080 Id=10.0.0.2 >/dev/null
check "describe-target-health" "10.0.0.1 10.0.0.2" "$(elb_text 'TargetHealthDescriptions[].Target.Id' describe-target-health --target-group-arn "$tg" | tr '\t' ' ')"
# Health checks run (the test server's ELBv2 second is 100 ms): a simulated-runtime address that is
# no task refuses, so the target is initial until the unhealthy threshold, then unhealthy.
check_match "registered target state" '^(initial|unhealthy)$' "$(elb_text 'TargetHealthDescriptions[0].TargetHealth.State' describe-target-health --target-group-arn "$tg")"
elb modify-target-group-attributes --target-group-arn "$tg" --attributes Key=deregistration_delay.timeout_seconds,Value=3600 >/dev/null
elb deregister-targets --target-group-arn "$tg" --targets Id=10.0.0.2 >/dev/null
check "deregistered target drains" "draining" "$(elb_text 'TargetHealthDescriptions[0].TargetHealth.State' describe-target-health --target-group-arn "$tg" --targets Id=10.0.0.2)"
check_error "invalid ip target" InvalidTarget register-targets --target-group-arn "$tg" --targets Id=i-0123456789abcdef0
check_error "target group in use" ResourceInUse delete-target-group --target-group-arn "$tg"

# tags, limits, policies
elb add-tags --resource-arns "$lb" "$tg" --tags Key=env,Value=dev >/dev/null
check "add-tags + describe-tags" "env team" "$(elb_text 'TagDescriptions[0].Tags[].Key' describe-tags --resource-arns "$lb" | tr '\t' '\n' | sort | tr '\n' ' ' | sed 's/ $//')"
elb remove-tags --resource-arns "$lb" --tag-keys team >/dev/null
check "remove-tags" "env" "$(elb_text 'TagDescriptions[0].Tags[].Key' describe-tags --resource-arns "$lb")"
check_error "tags of an unknown resource" TargetGroupNotFound describe-tags --resource-arns "${tg}0"
check "describe-account-limits" "50" "$(elb_text "Limits[?Name=='application-load-balancers'].Max" describe-account-limits)"
check "describe-ssl-policies" "ELBSecurityPolicy-2016-08" "$(elb_text 'SslPolicies[0].Name' describe-ssl-policies --names ELBSecurityPolicy-2016-08)"

# deletion
elb delete-rule --rule-arn "$rule" >/dev/null
check_error "rule deleted" RuleNotFound describe-rules --rule-arns "$rule"
elb delete-listener --listener-arn "$listener" >/dev/null
check_error "listener deleted" ListenerNotFound describe-listeners --listener-arns "$listener"
elb delete-load-balancer --load-balancer-arn "$lb" >/dev/null
check_error "load balancer deleted" LoadBalancerNotFound describe-load-balancers --load-balancer-arns "$lb"
elb delete-target-group --target-group-arn "$tg" >/dev/null
check_error "target group deleted" TargetGroupNotFound describe-target-groups --target-group-arns "$tg"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
