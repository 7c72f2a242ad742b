/**
 * The seam between ECS semantics and whatever runs containers. A runtime launches and stops tasks
 * and reports runtime-neutral observations; it never decides an ECS status. The domain (package
 * {@code io.kecs.ecs.task}) turns observations into ECS task states, once, for every runtime. A
 * runtime with hosts of its own (Kubernetes nodes) also reports them ({@link
 * io.kecs.runtime.HostObservation}) so the domain keeps a container instance for each, and is told
 * of cluster creation, deletion and store resets so it can manage what it made. A runtime with
 * workloads of its own ({@link io.kecs.runtime.ServiceWorkloads}: Kubernetes Deployments and
 * DaemonSets) runs services and daemons through them: the domain says what it wants as a {@link
 * io.kecs.runtime.WorkloadSpec}, the runtime reports the units its workloads start ({@link
 * io.kecs.runtime.WorkloadSink}), and {@link io.kecs.runtime.SharedWorkloads} routes those reports
 * to their owner.
 */
package io.kecs.runtime;
