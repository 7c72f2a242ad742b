package io.kecs.ecs.cluster;

import io.kecs.identity.Arn;

/**
 * What lives in a cluster, counted by the aggregates that own it (container instances, tasks,
 * services). Clusters never store these counts, so they cannot drift.
 */
public interface ClusterUsage {
  Counts countsOf(Arn cluster);

  /** Counts as DescribeClusters reports them; Fargate and EC2 split for the STATISTICS view. */
  record Counts(
      int registeredContainerInstances,
      int runningEc2Tasks,
      int runningFargateTasks,
      int runningExternalTasks,
      int pendingEc2Tasks,
      int pendingFargateTasks,
      int activeEc2Services,
      int activeFargateServices,
      int drainingEc2Services,
      int drainingFargateServices) {
    public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public int runningTasks() {
      return runningEc2Tasks + runningFargateTasks + runningExternalTasks;
    }

    public int pendingTasks() {
      return pendingEc2Tasks + pendingFargateTasks;
    }

    public int activeServices() {
      return activeEc2Services + activeFargateServices;
    }

    public Counts plus(Counts o) {
      return new Counts(
          registeredContainerInstances + o.registeredContainerInstances,
          runningEc2Tasks + o.runningEc2Tasks,
          runningFargateTasks + o.runningFargateTasks,
          runningExternalTasks + o.runningExternalTasks,
          pendingEc2Tasks + o.pendingEc2Tasks,
          pendingFargateTasks + o.pendingFargateTasks,
          activeEc2Services + o.activeEc2Services,
          activeFargateServices + o.activeFargateServices,
          drainingEc2Services + o.drainingEc2Services,
          drainingFargateServices + o.drainingFargateServices);
    }
  }
}
