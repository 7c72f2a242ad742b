package io.kecs.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedWorkloadsTest {
  private static final String SERVICE = "arn:aws:ecs:us-east-1:000000000000:service/c/web";
  private static final String DAEMON = "arn:aws:ecs:us-east-1:000000000000:daemon/c/logs";

  /** A runtime that remembers its sink and what it was asked. */
  private static final class Runtime implements ServiceWorkloads {
    WorkloadSink sink;
    final List<String> calls = new ArrayList<>();

    @Override
    public void connect(WorkloadSink sink) {
      this.sink = sink;
    }

    @Override
    public void apply(WorkloadSpec spec) {
      calls.add("apply " + spec.serviceArn());
    }

    @Override
    public void remove(String serviceArn, String clusterArn) {
      calls.add("remove " + serviceArn);
    }
  }

  /** A domain sink that records the ARNs it was told about. */
  private static final class Recorder implements WorkloadSink {
    final List<String> seen = new ArrayList<>();

    @Override
    public Optional<TaskLaunch> podAppeared(WorkloadPod pod) {
      seen.add("pod " + pod.serviceArn());
      return Optional.empty();
    }

    @Override
    public void statusChanged(WorkloadStatus status) {
      seen.add("status " + status.serviceArn());
    }

    @Override
    public void unplaceable(String serviceArn, String reason) {
      seen.add("unplaceable " + serviceArn);
    }
  }

  @Test
  void reportsGoToTheOwnerOfTheArnsResourceType() {
    Runtime runtime = new Runtime();
    SharedWorkloads shared = new SharedWorkloads(runtime, new io.kecs.store.ResetGate());
    Recorder services = new Recorder();
    Recorder daemons = new Recorder();
    ServiceWorkloads forServices = shared.of("service");
    forServices.connect(services);
    shared.of("daemon").connect(daemons);

    runtime.sink.podAppeared(
        new WorkloadSink.WorkloadPod("t", DAEMON, "rev", "td", "node", Instant.EPOCH));
    runtime.sink.statusChanged(new WorkloadSink.WorkloadStatus(SERVICE, 1, Map.of()));
    runtime.sink.unplaceable(DAEMON, "no room");
    runtime.sink.unplaceable("arn:aws:ecs:us-east-1:000000000000:task-set/c/web/x", "nobody");
    assertThat(services.seen).containsExactly("status " + SERVICE);
    assertThat(daemons.seen).containsExactly("pod " + DAEMON, "unplaceable " + DAEMON);

    forServices.remove(SERVICE, "cluster");
    assertThat(runtime.calls).containsExactly("remove " + SERVICE);
  }
}
