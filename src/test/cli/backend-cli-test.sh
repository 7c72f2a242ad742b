#!/usr/bin/env bash
# End-to-end checks with the AWS CLI v2 of services KECS forwards to its AWS backend, all through
# KECS's one endpoint, with ECS still served by KECS in the same run.
#   KECS_ENDPOINT=http://127.0.0.1:4566 AWS=/usr/bin/aws src/test/cli/backend-cli-test.sh
# Each check prints "ok" or "FAIL"; the last line counts them; exit 1 if any failed.
set -uo pipefail
AWS=${AWS:-aws}
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1} AWS_PAGER="" AWS_MAX_ATTEMPTS=1
passed=0 failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

aws_() { "$AWS" --endpoint-url "$KECS_ENDPOINT" "$@"; }
text() { local q=$1; shift; aws_ --output text --query "$q" "$@"; }
check() { # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then passed=$((passed + 1)); echo "ok   $1";
  else failed=$((failed + 1)); echo "FAIL $1: expected [$2] got [$3]"; fi
}

# STS
check "sts get-caller-identity" "12" "$(text Account sts get-caller-identity | tr -d "\n" | wc -c | tr -d " ")"

# S3: small and 20 MB objects, listing, presigned GET, removal
bucket=kecs-proxy-$RANDOM
check "s3 mb" "make_bucket: $bucket" "$(aws_ s3 mb "s3://$bucket" 2>&1)"
echo "hello through kecs" > "$work/small.txt"
aws_ s3 cp --quiet "$work/small.txt" "s3://$bucket/small.txt"
head -c 20971520 /dev/urandom > "$work/big.bin"
aws_ s3 cp --quiet "$work/big.bin" "s3://$bucket/big.bin"
check "s3 ls" "2" "$(aws_ s3 ls "s3://$bucket/" | wc -l | tr -d ' ')"
aws_ s3 cp --quiet "s3://$bucket/big.bin" "$work/big.back"
check "s3 20 MB round trip" "$(sha256sum < "$work/big.bin")" "$(sha256sum < "$work/big.back")"
url=$(aws_ s3 presign "s3://$bucket/small.txt")
check "s3 presigned GET" "hello through kecs" "$(curl -sf "$url")"
aws_ s3 rm --quiet "s3://$bucket/small.txt"
aws_ s3 rm --quiet "s3://$bucket/big.bin"
check "s3 rm" "0" "$(aws_ s3 ls "s3://$bucket/" | wc -l | tr -d ' ')"
check "s3 rb" "remove_bucket: $bucket" "$(aws_ s3 rb "s3://$bucket" 2>&1)"

# SQS
queue=$(text QueueUrl sqs create-queue --queue-name kecs-q-$RANDOM)
check "sqs create-queue" "yes" "$([ -n "$queue" ] && echo yes)"
aws_ sqs send-message --queue-url "$queue" --message-body "order-42" >/dev/null
check "sqs receive-message" "order-42" "$(text 'Messages[0].Body' sqs receive-message --queue-url "$queue" --wait-time-seconds 1)"

# CloudWatch Logs
group=/kecs/proxy-$RANDOM
aws_ logs create-log-group --log-group-name "$group"
aws_ logs create-log-stream --log-group-name "$group" --log-stream-name s1
now=$(($(date +%s) * 1000))
aws_ logs put-log-events --log-group-name "$group" --log-stream-name s1 \
  --log-events "timestamp=$now,message=first" "timestamp=$((now + 1)),message=second" >/dev/null
check "logs get-log-events" "first second" "$(text 'events[].message' logs get-log-events --log-group-name "$group" --log-stream-name s1 | tr '\t' ' ')"

# Secrets Manager and SSM
aws_ secretsmanager create-secret --name kecs/db-$RANDOM-x --secret-string s3cr3t >/dev/null
name=$(text 'SecretList[0].Name' secretsmanager list-secrets)
check "secretsmanager get-secret-value" "s3cr3t" "$(text SecretString secretsmanager get-secret-value --secret-id "$name")"
aws_ ssm put-parameter --name /kecs/param --value v1 --type String --overwrite >/dev/null
check "ssm get-parameter" "v1" "$(text Parameter.Value ssm get-parameter --name /kecs/param)"

# DynamoDB
table=kecs-t-$RANDOM
aws_ dynamodb create-table --table-name "$table" --attribute-definitions AttributeName=id,AttributeType=S \
  --key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST >/dev/null
aws_ dynamodb put-item --table-name "$table" --item '{"id":{"S":"a"},"v":{"S":"42"}}'
check "dynamodb get-item" "42" "$(text Item.v.S dynamodb get-item --table-name "$table" --key '{"id":{"S":"a"}}')"

# ECS is still KECS's own in the same run
aws_ ecs create-cluster --cluster-name proxied-run >/dev/null
check "ecs served by KECS" "proxied-run" "$(text 'clusters[0].clusterName' ecs describe-clusters --clusters proxied-run)"
check "kecs status names the backend" "true" "$(curl -sf "$KECS_ENDPOINT/_kecs/status" | python3 -c 'import json,sys; print(str(json.load(sys.stdin)["backend"]["reachable"]).lower())')"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
