/**
 * The ECS cluster query language: parses expressions such as {@code attribute:ecs.instance-type =~
 * t2.* and not(task:group == db)} and evaluates them against a container instance. Used by the
 * ListContainerInstances {@code filter}; task placement ({@code memberOf}) evaluates the same
 * expressions. {@link io.kecs.query.QueryVisitor} lets the Kubernetes runtime translate them into
 * node affinity for the pods Kubernetes places. A leaf package: it depends on nothing else of KECS.
 */
package io.kecs.query;
