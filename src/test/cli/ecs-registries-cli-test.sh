#!/usr/bin/env bash
# ECS serviceRegistries and Service Connect with the AWS CLI v2 against a running KECS.
#   KECS_ENDPOINT=http://127.0.0.1:4566 AWS=/usr/bin/aws src/test/cli/ecs-registries-cli-test.sh
# Each check prints "ok" or "FAIL"; the last line counts them; exit 1 if any failed.
set -uo pipefail
AWS=${AWS:-aws}
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1} AWS_PAGER="" AWS_MAX_ATTEMPTS=1
passed=0 failed=0

cli() { local q=$1; shift; "$AWS" --cli-connect-timeout 5 --endpoint-url "$KECS_ENDPOINT" --output text --query "$q" "$@"; }
# DiscoverInstances goes to data-<host>: KECS as the CLI's proxy (docs/service-discovery.md).
data() { HTTP_PROXY="$KECS_ENDPOINT" http_proxy="$KECS_ENDPOINT" NO_PROXY="" no_proxy="" "$@"; }
check() { # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then passed=$((passed + 1)); echo "ok   $1";
  else failed=$((failed + 1)); echo "FAIL $1: expected [$2] got [$3]"; fi
}
# until_eq EXPECTED COMMAND...: runs the command until it prints EXPECTED (at most 10 s); prints the last
until_eq() {
  local want=$1; shift; local got i
  for i in $(seq 1 50); do got=$("$@" 2>&1); [ "$got" == "$want" ] && break; sleep 0.2; done
  echo "$got"
}

curl -sf -X POST "$KECS_ENDPOINT/_kecs/reset" >/dev/null || { echo "KECS not reachable at $KECS_ENDPOINT"; exit 1; }

op=$(cli OperationId servicediscovery create-private-dns-namespace --name shop.local --vpc vpc-1)
ns=$(cli Operation.Targets.NAMESPACE servicediscovery get-operation --operation-id "$op")
registry=$(cli Service.Arn servicediscovery create-service --name orders --namespace-id "$ns" \
  --dns-config 'DnsRecords=[{Type=A,TTL=10},{Type=SRV,TTL=10}]')
cli cluster.clusterName ecs create-cluster --cluster-name apps >/dev/null
td=$(cli taskDefinition.taskDefinitionArn ecs register-task-definition --family orders \
  --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 \
  --container-definitions '[{"name":"app","image":"nginx:1","portMappings":[{"containerPort":8080,"name":"http"}]}]')
net='awsvpcConfiguration={subnets=[subnet-1]}'

err=$("$AWS" --endpoint-url "$KECS_ENDPOINT" ecs create-service --cluster apps --service-name bad \
  --task-definition "$td" --launch-type FARGATE --network-configuration "$net" \
  --service-registries "registryArn=$registry" 2>&1 >/dev/null)
check "SRV without a port is refused" "yes" "$([[ $err == *"(InvalidParameterException)"*"'port'"* ]] && echo yes || echo "$err")"

cli service.serviceName ecs create-service --cluster apps --service-name orders --task-definition "$td" \
  --desired-count 2 --launch-type FARGATE --network-configuration "$net" \
  --service-registries "registryArn=$registry,containerName=app,containerPort=8080" >/dev/null
check "tasks registered" "2" "$(until_eq 2 cli 'length(Instances)' servicediscovery list-instances --service-id "${registry##*/}")"
check "ECS attributes" "orders apps 8080" "$(cli 'Instances[0].Attributes.[ECS_SERVICE_NAME,ECS_CLUSTER_NAME,AWS_INSTANCE_PORT]' servicediscovery list-instances --service-id "${registry##*/}" | tr '\t' ' ')"
check "discover-instances" "2" "$(data cli 'length(Instances)' servicediscovery discover-instances --namespace-name shop.local --service-name orders)"

cli service.desiredCount ecs update-service --cluster apps --service orders --desired-count 1 >/dev/null
check "scaled in" "1" "$(until_eq 1 cli 'length(Instances)' servicediscovery list-instances --service-id "${registry##*/}")"
if command -v dig >/dev/null && [ -n "${KECS_DNS_PORT:-}" ]; then
  ip=$(cli 'Instances[0].Attributes.AWS_INSTANCE_IPV4' servicediscovery list-instances --service-id "${registry##*/}")
  check "dig A" "$ip" "$(dig @127.0.0.1 -p "$KECS_DNS_PORT" +short +time=3 +tries=1 orders.shop.local A)"
fi

# Service Connect: a cluster default namespace that does not exist is created (HTTP).
cli cluster.clusterName ecs update-cluster --cluster apps --service-connect-defaults namespace=mesh >/dev/null
check "default namespace created" "HTTP" "$(cli "Namespaces[?Name=='mesh'].Type | [0]" servicediscovery list-namespaces)"
cli service.serviceName ecs create-service --cluster apps --service-name api --task-definition "$td" \
  --desired-count 1 --launch-type FARGATE --network-configuration "$net" \
  --service-connect-configuration 'enabled=true,services=[{portName=http,discoveryName=api,clientAliases=[{port=80,dnsName=api.mesh}]}]' >/dev/null
check "serviceConnectResources" "api" "$(cli 'services[0].deployments[0].serviceConnectResources[0].discoveryName' ecs describe-services --cluster apps --services api)"
check "discovery name registered" "1" "$(until_eq 1 data cli 'length(Instances)' servicediscovery discover-instances --namespace-name mesh --service-name api)"
if command -v dig >/dev/null && [ -n "${KECS_DNS_PORT:-}" ]; then
  ip=$(data cli 'Instances[0].Attributes.AWS_INSTANCE_IPV4' servicediscovery discover-instances --namespace-name mesh --service-name api)
  check "client alias resolves" "$ip" "$(dig @127.0.0.1 -p "$KECS_DNS_PORT" +short +time=3 +tries=1 api.mesh A)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
