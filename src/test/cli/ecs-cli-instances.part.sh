# Capacity providers, container instances, attributes and account settings (sourced).
check "describe-capacity-providers built-ins" "FARGATE FARGATE_SPOT" \
  "$(ecs_text 'capacityProviders[].name' describe-capacity-providers | tr '\t' ' ')"
check "create-capacity-provider" "ACTIVE" "$(ecs_text capacityProvider.status create-capacity-provider --name cli-cp \
  --auto-scaling-group-provider autoScalingGroupArn=arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:1:autoScalingGroupName/cli-asg)"
check_error "reserved capacity provider name" ClientException create-capacity-provider --name fargate-x \
  --auto-scaling-group-provider autoScalingGroupArn=arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:1:autoScalingGroupName/x

ecs create-cluster --cluster-name cli-ec2 >/dev/null
doc='{"instanceId":"i-0cli","region":"us-east-1","availabilityZone":"us-east-1a","instanceType":"t3.large","imageId":"ami-1"}'
ci=$(ecs_text containerInstance.containerInstanceArn register-container-instance --cluster cli-ec2 --instance-identity-document "$doc")
check "register-container-instance" "container-instance" "$(echo "$ci" | cut -d: -f6 | cut -d/ -f1)"
check "list-container-instances with filter" "$ci" \
  "$(ecs_text 'containerInstanceArns[0]' list-container-instances --cluster cli-ec2 --filter 'attribute:ecs.instance-type == t3.large')"
check_error "bad filter" InvalidParameterException list-container-instances --cluster cli-ec2 --filter 'attribute:ecs.instance-type ==='
ecs put-attributes --cluster cli-ec2 --attributes "name=stack,value=blue,targetId=$ci" >/dev/null
check "put-attributes + list-attributes" "blue" \
  "$(ecs_text 'attributes[0].value' list-attributes --cluster cli-ec2 --target-type container-instance --attribute-name stack)"
check "update-container-instances-state" "DRAINING" \
  "$(ecs_text 'containerInstances[0].status' update-container-instances-state --cluster cli-ec2 --container-instances "$ci" --status DRAINING)"
check_error "delete-cluster with instances" ClusterContainsContainerInstancesException delete-cluster --cluster cli-ec2
check "deregister-container-instance" "INACTIVE" \
  "$(ecs_text containerInstance.status deregister-container-instance --cluster cli-ec2 --container-instance "$ci" --force)"

check "put-account-setting" "enabled" "$(ecs_text setting.value put-account-setting --name containerInsights --value enabled)"
check "list-account-settings effective" "enabled" \
  "$(ecs_text 'settings[0].value' list-account-settings --name containerInsights --effective-settings)"
check_error "bad account setting value" InvalidParameterException put-account-setting --name containerInsights --value maybe
