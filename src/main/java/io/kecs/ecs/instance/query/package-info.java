/**
 * The ECS cluster query language: parses expressions such as {@code attribute:ecs.instance-type =~
 * t2.* and not(task:group == db)} and evaluates them against a container instance. Used by the
 * ListContainerInstances {@code filter}; task placement ({@code memberOf}) evaluates the same
 * expressions. {@link io.kecs.ecs.instance.query.QueryVisitor} lets the Kubernetes runtime
 * translate them into node affinity for the pods Kubernetes places.
 */
package io.kecs.ecs.instance.query;
