package io.kecs.runtime;

/**
 * A runtime capability: running a service's tasks through a workload object of the runtime's own
 * (Kubernetes: a Deployment, or a DaemonSet for DAEMON services) that creates and replaces their
 * containers itself, instead of the service scheduler launching and stopping tasks one by one. The
 * scheduler still decides what the service wants (desired count, which deployment is primary, the
 * rolling limits); the runtime applies it and reports each unit of work it starts ({@link
 * WorkloadSink#podAppeared}), which the domain records as a task. ECS Managed Daemons use the same
 * seam (a spec whose owner is a daemon ARN); {@link SharedWorkloads} routes the reports.
 */
public interface ServiceWorkloads {
  /** Where the runtime reports; called once, before the runtime starts. */
  void connect(WorkloadSink sink);

  /** Makes the service's workload match the spec; idempotent, returns at once. */
  void apply(WorkloadSpec spec);

  /** The service is gone (INACTIVE): removes its workload and what was made for it. */
  void remove(String serviceArn, String clusterArn);
}
