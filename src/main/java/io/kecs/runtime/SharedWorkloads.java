package io.kecs.runtime;

import io.kecs.identity.Arn;
import io.kecs.store.ResetGate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One runtime's {@link ServiceWorkloads} shared by the aggregates whose resources run as workloads
 * (services, ECS Managed Daemons). The runtime reports to one sink; this routes each report to the
 * aggregate that owns the ARN it is about, by the ARN's resource type ({@code service}, {@code
 * daemon}). A report about a type nobody connected is dropped (a unit nobody wants). Reports come
 * from the runtime's own threads: they pass the reset gate, as task observations do, so a reset
 * never meets one half done.
 */
public final class SharedWorkloads {
  private final ServiceWorkloads runtime;
  private final Map<String, WorkloadSink> sinks = new ConcurrentHashMap<>();

  public SharedWorkloads(ServiceWorkloads runtime, ResetGate gate) {
    this.runtime = runtime;
    runtime.connect(
        new WorkloadSink() {
          @Override
          public Optional<TaskLaunch> podAppeared(WorkloadPod pod) {
            WorkloadSink sink = sinkOf(pod.serviceArn());
            return sink == null ? Optional.empty() : gate.shared(() -> sink.podAppeared(pod));
          }

          @Override
          public void statusChanged(WorkloadStatus status) {
            WorkloadSink sink = sinkOf(status.serviceArn());
            if (sink != null) {
              gate.shared(() -> sink.statusChanged(status));
            }
          }

          @Override
          public void unplaceable(String ownerArn, String reason) {
            WorkloadSink sink = sinkOf(ownerArn);
            if (sink != null) {
              gate.shared(() -> sink.unplaceable(ownerArn, reason));
            }
          }
        });
  }

  /** The runtime's workloads as seen by the owner of the ARNs of {@code resourceType}. */
  public ServiceWorkloads of(String resourceType) {
    return new ServiceWorkloads() {
      @Override
      public void connect(WorkloadSink sink) {
        sinks.put(resourceType, sink);
      }

      @Override
      public void apply(WorkloadSpec spec) {
        runtime.apply(spec);
      }

      @Override
      public void remove(String ownerArn, String clusterArn) {
        runtime.remove(ownerArn, clusterArn);
      }
    };
  }

  private WorkloadSink sinkOf(String ownerArn) {
    return Arn.parse(ownerArn).map(a -> sinks.get(a.resourceType())).orElse(null);
  }
}
