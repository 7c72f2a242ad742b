/**
 * The seam between ECS semantics and whatever runs containers. A runtime launches and stops tasks
 * and reports runtime-neutral observations; it never decides an ECS status. The domain (package
 * {@code io.kecs.ecs.task}) turns observations into ECS task states, once, for every runtime. A
 * runtime with hosts of its own (Kubernetes nodes) also reports them ({@link
 * io.kecs.runtime.HostObservation}) so the domain keeps a container instance for each, and is told
 * of cluster creation, deletion and store resets so it can manage what it made.
 */
package io.kecs.runtime;
