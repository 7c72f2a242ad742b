# Answers checked against ECS's (issue 11), with the AWS CLI (sourced by ecs-cli-test.sh).
ecs create-cluster --cluster-name cli-fid >/dev/null
fid_td='[{"name":"app","image":"nginx","essential":true}]'
ecs register-task-definition --family fid-web --requires-compatibilities FARGATE --network-mode awsvpc \
  --cpu 256 --memory 512 --container-definitions "$fid_td" >/dev/null
ecs run-task --cluster cli-fid --task-definition fid-web --launch-type FARGATE --count 2 \
  --network-configuration 'awsvpcConfiguration={subnets=[subnet-1]}' >/dev/null
check "list-tasks --launch-type FARGATE" "2" "$(ecs_text 'length(taskArns)' list-tasks --cluster cli-fid --launch-type FARGATE)"
check "list-tasks --launch-type EC2" "0" "$(ecs_text 'length(taskArns)' list-tasks --cluster cli-fid --launch-type EC2)"
ecs create-service --cluster cli-fid --service-name fid --task-definition fid-web --desired-count 0 --launch-type FARGATE \
  --network-configuration 'awsvpcConfiguration={subnets=[subnet-1]}' >/dev/null
check "describe-services sends loadBalancers []" "0" "$(ecs_text 'length(services[0].loadBalancers)' describe-services --cluster cli-fid --services fid)"
check "describe-services failure ARN has no cluster" "arn:aws:ecs:us-east-1:000000000000:service/nope" \
  "$(ecs_text 'failures[0].arn' describe-services --cluster cli-fid --services nope)"
check_error "short service ARN refused for tagging" InvalidParameterException list-tags-for-resource \
  --resource-arn arn:aws:ecs:us-east-1:000000000000:service/fid
check_error "platform version with EC2" InvalidParameterException run-task --cluster cli-fid --task-definition fid-web \
  --launch-type EC2 --platform-version 1.4.0 --network-configuration 'awsvpcConfiguration={subnets=[subnet-1]}'
ecs create-cluster --cluster-name cli-gone >/dev/null
ecs delete-cluster --cluster cli-gone >/dev/null
check "a deleted cluster is still listed" "1" \
  "$(ecs list-clusters | grep -c 'cluster/cli-gone"')"
