#!/usr/bin/env bash
# Cloud Map end-to-end checks with the AWS CLI v2 against a running KECS.
#   KECS_ENDPOINT=http://127.0.0.1:4566 AWS=/usr/bin/aws src/test/cli/servicediscovery-cli-test.sh
# Each check prints "ok" or "FAIL"; the last line counts them; exit 1 if any failed.
set -uo pipefail
AWS=${AWS:-aws}
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1} AWS_PAGER="" AWS_MAX_ATTEMPTS=1
passed=0 failed=0

sd() { "$AWS" --cli-connect-timeout 5 --endpoint-url "$KECS_ENDPOINT" --output json servicediscovery "$@"; }
sd_text() { local q=$1; shift; "$AWS" --cli-connect-timeout 5 --endpoint-url "$KECS_ENDPOINT" --output text --query "$q" servicediscovery "$@"; }
# DiscoverInstances has the endpoint trait "data-": the CLI sends it to data-127.0.0.1, a name
# nothing resolves, and the CLI cannot turn host prefixes off. With KECS as its HTTP proxy the CLI
# hands it the request without resolving that name (docs/service-discovery.md).
data() { HTTP_PROXY="$KECS_ENDPOINT" http_proxy="$KECS_ENDPOINT" NO_PROXY="" no_proxy="" "$@"; }
# has_op OPERATION: the CLI knows it (2.9 from Debian predates the service attributes operations)
has_op() { "$AWS" servicediscovery "$1" help >/dev/null 2>&1; }

check() { # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then passed=$((passed + 1)); echo "ok   $1";
  else failed=$((failed + 1)); echo "FAIL $1: expected [$2] got [$3]"; fi
}
check_error() { # check_error NAME ERROR_CODE ARGS...: the call fails with that AWS error code
  local name=$1 code=$2; shift 2
  local err; err=$(data sd "$@" 2>&1 >/dev/null)
  if [[ $err == *"($code)"* ]]; then passed=$((passed + 1)); echo "ok   $name";
  else failed=$((failed + 1)); echo "FAIL $name: expected ($code) got: $err"; fi
}

curl -sf -X POST "$KECS_ENDPOINT/_kecs/reset" >/dev/null || { echo "KECS not reachable at $KECS_ENDPOINT"; exit 1; }

# namespaces and operations
op=$(sd_text OperationId create-private-dns-namespace --name shop.local --vpc vpc-1 --properties 'DnsProperties={SOA={TTL=60}}')
ns=$(sd_text Operation.Targets.NAMESPACE get-operation --operation-id "$op")
check "create-private-dns-namespace" "DNS_PRIVATE" "$(sd_text Namespace.Type get-namespace --id "$ns")"
check "SOA TTL" "60" "$(sd_text Namespace.Properties.DnsProperties.SOA.TTL get-namespace --id "$ns")"
http_op=$(sd_text OperationId create-http-namespace --name shop-http --tags Key=team,Value=a)
http_ns=$(sd_text Operation.Targets.NAMESPACE get-operation --operation-id "$http_op")
pub_op=$(sd_text OperationId create-public-dns-namespace --name example.com)
pub_ns=$(sd_text Operation.Targets.NAMESPACE get-operation --operation-id "$pub_op")
check "list-namespaces" "3" "$(sd_text 'length(Namespaces)' list-namespaces)"
check "list-namespaces filter" "shop-http" "$(sd_text 'Namespaces[0].Name' list-namespaces --filters Name=TYPE,Values=HTTP,Condition=EQ)"
check "list-namespaces paginates" "3" "$(sd list-namespaces --page-size 1 | grep -c '"Id"')"
check "update-http-namespace" "UPDATE_NAMESPACE" "$(sd_text Operation.Type get-operation --operation-id "$(sd_text OperationId update-http-namespace --id "$http_ns" --namespace Description=new)")"
check "update-private-dns-namespace" "120" "$(sd update-private-dns-namespace --id "$ns" --namespace 'Properties={DnsProperties={SOA={TTL=120}}}' >/dev/null; sd_text Namespace.Properties.DnsProperties.SOA.TTL get-namespace --id "$ns")"
check "update-public-dns-namespace" "pub" "$(sd update-public-dns-namespace --id "$pub_ns" --namespace Description=pub >/dev/null; sd_text Namespace.Description get-namespace --id "$pub_ns")"
check "list-operations filter" "UPDATE_NAMESPACE" "$(sd_text 'Operations[0].Id' list-operations --filters Name=TYPE,Values=UPDATE_NAMESPACE Name=NAMESPACE_ID,Values="$pub_ns" | xargs -I{} "$AWS" --endpoint-url "$KECS_ENDPOINT" --output text --query Operation.Type servicediscovery get-operation --operation-id {})"
sleep 0.3
check "operation SUCCESS" "SUCCESS" "$(sd_text Operation.Status get-operation --operation-id "$op")"
check_error "namespace exists" NamespaceAlreadyExists create-http-namespace --name shop.local
check_error "namespace not found" NamespaceNotFound get-namespace --id ns-nope
check_error "operation not found" OperationNotFound get-operation --operation-id nope
check_error "invalid name" InvalidInput create-private-dns-namespace --name 'bad..name' --vpc vpc-1

# services and attributes
svc=$(sd_text Service.Id create-service --name orders --namespace-id "$ns" --dns-config 'RoutingPolicy=MULTIVALUE,DnsRecords=[{Type=A,TTL=10},{Type=SRV,TTL=10}]' --health-check-custom-config FailureThreshold=1)
check "create-service" "DNS_HTTP" "$(sd_text Service.Type get-service --id "$svc")"
check "list-services" "orders" "$(sd_text 'Services[0].Name' list-services --filters Name=NAMESPACE_ID,Values="$ns",Condition=EQ)"
check "update-service" "30" "$(sd update-service --id "$svc" --service 'DnsConfig={DnsRecords=[{Type=A,TTL=30},{Type=SRV,TTL=30}]}' >/dev/null; sd_text 'Service.DnsConfig.DnsRecords[0].TTL' get-service --id "$svc")"
if has_op update-service-attributes; then
  sd update-service-attributes --service-id "$svc" --attributes a=1,b=2 >/dev/null
  sd delete-service-attributes --service-id "$svc" --attributes a >/dev/null
  check "service attributes" "2" "$(sd_text ServiceAttributes.Attributes.b get-service-attributes --service-id "$svc")"
fi
check_error "service exists" ServiceAlreadyExists create-service --name orders --namespace-id "$ns"
check_error "service not found" ServiceNotFound get-service --id srv-nope
check_error "namespace in use" ResourceInUse delete-namespace --id "$ns"

# instances, health, discovery
for i in 1 2 3; do
  sd register-instance --service-id "$svc" --instance-id "task-$i" --attributes "AWS_INSTANCE_IPV4=10.0.0.$i,AWS_INSTANCE_PORT=8080,AZ=az$i" >/dev/null
done
check "list-instances" "3" "$(sd_text 'length(Instances)' list-instances --service-id "$svc")"
check "get-instance" "10.0.0.2" "$(sd_text Instance.Attributes.AWS_INSTANCE_IPV4 get-instance --service-id "$svc" --instance-id task-2)"
sd update-instance-custom-health-status --service-id "$svc" --instance-id task-3 --status UNHEALTHY
check "get-instances-health-status" "UNHEALTHY" "$(sd_text Status.\"task-3\" get-instances-health-status --service-id "$svc")"
check "discover-instances (healthy)" "2" "$(data sd_text 'length(Instances)' discover-instances --namespace-name shop.local --service-name orders)"
check "discover-instances query" "task-1" "$(data sd_text 'Instances[0].InstanceId' discover-instances --namespace-name shop.local --service-name orders --query-parameters AZ=az1)"
check "discover-instances all" "3" "$(data sd_text 'length(Instances)' discover-instances --namespace-name shop.local --service-name orders --health-status ALL)"
if has_op discover-instances-revision; then
  check "discover-instances-revision" "true" "$([ "$(data sd_text InstancesRevision discover-instances-revision --namespace-name shop.local --service-name orders)" -ge 4 ] && echo true)"
fi
check_error "instance not found" InstanceNotFound get-instance --service-id "$svc" --instance-id nope
check_error "bad ipv4" InvalidInput register-instance --service-id "$svc" --instance-id x --attributes AWS_INSTANCE_IPV4=999.0.0.1,AWS_INSTANCE_PORT=1
check_error "discover unknown" ServiceNotFound discover-instances --namespace-name shop.local --service-name nope
check_error "service in use" ResourceInUse delete-service --id "$svc"

# tags
arn=$(sd_text Namespace.Arn get-namespace --id "$http_ns")
sd tag-resource --resource-arn "$arn" --tags Key=env,Value=dev >/dev/null
sd untag-resource --resource-arn "$arn" --tag-keys team >/dev/null
check "tags" "env" "$(sd_text 'Tags[0].Key' list-tags-for-resource --resource-arn "$arn")"
check_error "tags of missing resource" ResourceNotFoundException list-tags-for-resource --resource-arn "${arn%/*}/ns-missing"

# delete
for i in 1 2 3; do sd deregister-instance --service-id "$svc" --instance-id "task-$i" >/dev/null; done
sd delete-service --id "$svc"
check "delete-namespace" "DELETE_NAMESPACE" "$(sd_text Operation.Type get-operation --operation-id "$(sd_text OperationId delete-namespace --id "$ns")")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
