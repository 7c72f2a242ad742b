/**
 * ECS task definitions and daemon task definitions: registration with the validation ECS applies
 * (containers, ports, network modes, launch types, Fargate sizes), revisions per family, the ACTIVE
 * / INACTIVE / DELETE_IN_PROGRESS lifecycle, listings, and the lookup other aggregates use to find
 * the definition a task or service names ({@link
 * io.kecs.ecs.taskdef.TaskDefinitionService#resolve}).
 */
package io.kecs.ecs.taskdef;
