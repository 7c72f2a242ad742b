#!/usr/bin/env bash
# End-to-end checks with the AWS CLI v2 against a running KECS.
#   KECS_ENDPOINT=http://127.0.0.1:4566 AWS=/usr/bin/aws src/test/cli/ecs-cli-test.sh
# Each check prints "ok" or "FAIL"; the last line counts them; exit 1 if any failed.
set -uo pipefail
AWS=${AWS:-aws}
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1} AWS_PAGER="" AWS_MAX_ATTEMPTS=1
passed=0 failed=0

ecs() { "$AWS" --endpoint-url "$KECS_ENDPOINT" --output json ecs "$@"; }
# ecs_text QUERY ARGS...: one value of the answer
ecs_text() { local q=$1; shift; "$AWS" --endpoint-url "$KECS_ENDPOINT" --output text --query "$q" ecs "$@"; }

check() { # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then passed=$((passed + 1)); echo "ok   $1";
  else failed=$((failed + 1)); echo "FAIL $1: expected [$2] got [$3]"; fi
}
check_error() { # check_error NAME ERROR_CODE ARGS...: the call fails with that AWS error code
  local name=$1 code=$2; shift 2
  local err; err=$(ecs "$@" 2>&1 >/dev/null)
  if [[ $err == *"($code)"* ]]; then passed=$((passed + 1)); echo "ok   $name";
  else failed=$((failed + 1)); echo "FAIL $name: expected ($code) got: $err"; fi
}

curl -sf -X POST "$KECS_ENDPOINT/_kecs/reset" >/dev/null || { echo "KECS not reachable at $KECS_ENDPOINT"; exit 1; }

# clusters
check "create-cluster" "ACTIVE" "$(ecs_text cluster.status create-cluster --cluster-name cli-demo --tags key=team,value=a)"
check "describe-clusters by name" "cli-demo" "$(ecs_text 'clusters[0].clusterName' describe-clusters --clusters cli-demo)"
check "describe-clusters failures" "MISSING" "$(ecs_text 'failures[0].reason' describe-clusters --clusters nope)"
check "describe-clusters tags" "a" "$(ecs_text 'clusters[0].tags[0].value' describe-clusters --clusters cli-demo --include TAGS)"
check "list-clusters" "arn:aws:ecs:us-east-1:000000000000:cluster/cli-demo" "$(ecs_text 'clusterArns[0]' list-clusters)"
check "update-cluster-settings" "enabled" "$(ecs_text 'cluster.settings[0].value' update-cluster-settings --cluster cli-demo --settings name=containerInsights,value=enabled)"
for i in 1 2 3 4 5; do ecs create-cluster --cluster-name "page-$i" >/dev/null; done
check "list-clusters paginates (CLI follows tokens)" "6" "$(ecs list-clusters --page-size 2 | grep -c 'cluster/')"
check_error "unknown cluster" ClusterNotFoundException update-cluster-settings --cluster nope --settings name=containerInsights,value=enabled
check_error "invalid name" InvalidParameterException create-cluster --cluster-name 'bad name'
check_error "maxResults bound" InvalidParameterException list-clusters --max-results 101

# tags
arn=arn:aws:ecs:us-east-1:000000000000:cluster/cli-demo
ecs tag-resource --resource-arn "$arn" --tags key=env,value=dev >/dev/null
check "tag-resource + list-tags" "2" "$(ecs_text 'length(tags)' list-tags-for-resource --resource-arn "$arn")"
ecs untag-resource --resource-arn "$arn" --tag-keys team >/dev/null
check "untag-resource" "env" "$(ecs_text 'tags[0].key' list-tags-for-resource --resource-arn "$arn")"
check_error "reserved tag prefix" InvalidParameterException tag-resource --resource-arn "$arn" --tags key=aws:x,value=y

# delete
check "delete-cluster" "INACTIVE" "$(ecs_text cluster.status delete-cluster --cluster cli-demo)"
check_error "delete twice" ClusterNotFoundException delete-cluster --cluster cli-demo

# every extra check file beside this one (one per aggregate) runs in the same session
here=$(dirname "${BASH_SOURCE[0]}")
for part in "$here"/ecs-cli-*.part.sh; do
  [ -e "$part" ] || continue
  # shellcheck source=/dev/null
  . "$part"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
