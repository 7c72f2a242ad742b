/**
 * ECS Express Mode: CreateExpressGatewayService, UpdateExpressGatewayService,
 * DeleteExpressGatewayService and DescribeExpressGatewayService. An Express service is an ordinary
 * ECS service (same ARN) on Fargate, created from a primary container (KECS registers the task
 * definition) or a given task definition, whose configurations are recorded per service revision.
 *
 * <p>KECS has no Elastic Load Balancing, Application Auto Scaling, ACM or CloudWatch yet: no load
 * balancer, target group, certificate, scaling policy or alarm is created. The endpoint is the
 * address ECS would give the service, which nothing serves; the scaling target is kept and its
 * minimum is the service's desired count. docs/daemons-and-express.md has the details.
 */
package io.kecs.ecs.express;
