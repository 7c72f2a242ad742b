# Task definitions, tasks and services with the AWS CLI (sourced by ecs-cli-test.sh).
td='[{"name":"web","image":"nginx:1.27","essential":true,"portMappings":[{"containerPort":80}]}]'
check "register-task-definition" "1" "$(ecs_text taskDefinition.revision register-task-definition --family cli-web \
  --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions "$td")"
check "register again: revision 2" "2" "$(ecs_text taskDefinition.revision register-task-definition --family cli-web \
  --requires-compatibilities FARGATE --network-mode awsvpc --cpu "0.25 vCPU" --memory "0.5 GB" --container-definitions "$td")"
check "vCPU units converted" "256" "$(ecs_text taskDefinition.cpu describe-task-definition --task-definition cli-web:2)"
check "list-task-definitions sorted DESC" "arn:aws:ecs:us-east-1:000000000000:task-definition/cli-web:2" \
  "$(ecs_text 'taskDefinitionArns[0]' list-task-definitions --family-prefix cli-web --sort DESC)"
check "list-task-definition-families" "cli-web" "$(ecs_text 'families[0]' list-task-definition-families --family-prefix cli)"
check_error "bad Fargate size" ClientException register-task-definition --family bad --requires-compatibilities FARGATE \
  --network-mode awsvpc --cpu 256 --memory 4096 --container-definitions "$td"
check "deregister-task-definition" "INACTIVE" "$(ecs_text taskDefinition.status deregister-task-definition --task-definition cli-web:1)"
# delete-task-definitions is newer than Debian's AWS CLI 2.9; the SDK tests cover it.

ecs create-cluster --cluster-name cli-apps >/dev/null
net='awsvpcConfiguration={subnets=[subnet-1]}'
task=$(ecs_text 'tasks[0].taskArn' run-task --cluster cli-apps --task-definition cli-web --launch-type FARGATE --network-configuration "$net")
check "run-task" "task" "$(echo "$task" | cut -d: -f6 | cut -d/ -f1)"
"$AWS" --endpoint-url "$KECS_ENDPOINT" ecs wait tasks-running --cluster cli-apps --tasks "$task" 2>/dev/null
check "wait tasks-running + describe-tasks" "RUNNING" "$(ecs_text 'tasks[0].lastStatus' describe-tasks --cluster cli-apps --tasks "$task")"
check "list-tasks" "$task" "$(ecs_text 'taskArns[0]' list-tasks --cluster cli-apps)"
check "stop-task" "STOPPED" "$(ecs_text 'task.desiredStatus' stop-task --cluster cli-apps --task "$task" --reason cli)"
check_error "run-task without network configuration" InvalidParameterException run-task --cluster cli-apps \
  --task-definition cli-web --launch-type FARGATE

check "create-service" "ACTIVE" "$(ecs_text service.status create-service --cluster cli-apps --service-name cli-svc \
  --task-definition cli-web --desired-count 2 --launch-type FARGATE --network-configuration "$net")"
"$AWS" --endpoint-url "$KECS_ENDPOINT" ecs wait services-stable --cluster cli-apps --services cli-svc 2>/dev/null
check "wait services-stable" "2" "$(ecs_text 'services[0].runningCount' describe-services --cluster cli-apps --services cli-svc)"
check "update-service desired count" "3" "$(ecs_text service.desiredCount update-service --cluster cli-apps --service cli-svc --desired-count 3)"
check "list-services" "arn:aws:ecs:us-east-1:000000000000:service/cli-apps/cli-svc" "$(ecs_text 'serviceArns[0]' list-services --cluster cli-apps)"
check_error "delete-cluster with an active service" ClusterContainsServicesException delete-cluster --cluster cli-apps
check_error "delete-service scaled above 0" InvalidParameterException delete-service --cluster cli-apps --service cli-svc
check "delete-service --force" "DRAINING" "$(ecs_text service.status delete-service --cluster cli-apps --service cli-svc --force)"
"$AWS" --endpoint-url "$KECS_ENDPOINT" ecs wait services-inactive --cluster cli-apps --services cli-svc 2>/dev/null
check "wait services-inactive" "INACTIVE" "$(ecs_text 'services[0].status' describe-services --cluster cli-apps --services cli-svc)"
