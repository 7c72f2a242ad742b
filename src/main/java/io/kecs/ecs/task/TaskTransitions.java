package io.kecs.ecs.task;

import io.kecs.runtime.ManagedEbsVolume;
import io.kecs.runtime.RuntimeFailure;
import io.kecs.runtime.TaskObservation;
import io.kecs.runtime.TaskObservation.ContainerObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The ECS task state machine, as pure functions of (task, event) to the next task. ECS walks
 * PROVISIONING (awsvpc only) → PENDING → RUNNING and, once told to stop or when it can no longer
 * run, STOPPING → DEPROVISIONING (awsvpc only) → STOPPED. Runtimes only report phases; the words,
 * timestamps and stop codes are decided here.
 */
final class TaskTransitions {
  private TaskTransitions() {}

  /** What became of the task, and whether the runtime must now be told to stop it. */
  record Outcome(Task task, boolean stopRuntime) {}

  static boolean isStopped(Task t) {
    return "STOPPED".equals(t.lastStatus());
  }

  static boolean awsvpc(Task t) {
    return t.attachments().stream().anyMatch(a -> "ElasticNetworkInterface".equals(a.type()));
  }

  /** The user, a service or ECS asked the task to stop. */
  static Task stopRequested(Task t, String stopCode, String reason, Instant now) {
    if (isStopped(t) || "STOPPED".equals(t.desiredStatus())) {
      return t;
    }
    boolean started = t.startedAt() != null;
    return bump(
        t.toBuilder()
            .desiredStatus("STOPPED")
            .stopCode(stopCode)
            .stoppedReason(reason)
            .stoppingAt(now)
            .lastStatus(started ? "STOPPING" : t.lastStatus()),
        t);
  }

  /** Applies one runtime observation. */
  static Outcome observed(Task t, TaskDefinition def, TaskObservation o) {
    if (isStopped(t)) {
      return new Outcome(t, false);
    }
    Task.Builder b = t.toBuilder().containers(containers(t, o));
    Instant at = o.at();
    boolean stopRuntime = false;
    switch (o.phase()) {
      case PROVISIONED -> {
        b.lastStatus(keepIfStopping(t, "PENDING"));
        b.attachments(volumes(attachments(t, "ATTACHED", o.privateIp()), a -> "ATTACHED"));
      }
      case PULLING -> b.lastStatus(keepIfStopping(t, "PENDING")).pullStartedAt(at);
      case PULLED -> b.lastStatus(keepIfStopping(t, "PENDING")).pullStoppedAt(at);
      case RUNNING -> {
        if (t.startedAt() == null) {
          b.startedAt(at).connectivity("CONNECTED").connectivityAt(at);
        }
        b.lastStatus(keepIfStopping(t, "RUNNING"));
        b.healthStatus(TaskHealth.of(def, o.containers()));
        String exited = exitedEssential(def, o.containers());
        if (exited != null && "RUNNING".equals(t.desiredStatus())) {
          b.desiredStatus("STOPPED")
              .stopCode(StopCodes.ESSENTIAL_CONTAINER_EXITED)
              .stoppedReason(StopCodes.ESSENTIAL_EXITED_REASON)
              .stoppingAt(at)
              .lastStatus("STOPPING");
          stopRuntime = true;
        }
      }
      case EXITED -> {
        if ("RUNNING".equals(t.desiredStatus())) {
          failedOrExited(b, t, o);
        }
        b.executionStoppedAt(at);
        if (t.stoppingAt() == null) {
          b.stoppingAt(at);
        }
        if (awsvpc(t)) {
          b.lastStatus("DEPROVISIONING")
              .attachments(volumes(attachments(t, "DETACHED", o.privateIp()), a -> "DETACHED"));
        } else {
          b.lastStatus("STOPPED")
              .stoppedAt(at)
              .attachments(volumes(t.attachments(), TaskTransitions::released));
        }
      }
      case RELEASED -> {
        if ("RUNNING".equals(t.desiredStatus())) {
          failedOrExited(b, t, o);
        }
        if (t.executionStoppedAt() == null) {
          b.executionStoppedAt(at);
        }
        if (t.stoppingAt() == null) {
          b.stoppingAt(at);
        }
        b.lastStatus("STOPPED").stoppedAt(at);
        b.attachments(
            volumes(
                awsvpc(t) ? attachments(t, "DELETED", null) : t.attachments(),
                TaskTransitions::released));
      }
    }
    return new Outcome(bump(b, t), stopRuntime);
  }

  private static void failedOrExited(Task.Builder b, Task t, TaskObservation o) {
    RuntimeFailure f = o.failure();
    b.desiredStatus("STOPPED");
    if (f == null) {
      b.stopCode(StopCodes.ESSENTIAL_CONTAINER_EXITED)
          .stoppedReason(StopCodes.ESSENTIAL_EXITED_REASON);
      return;
    }
    switch (f.kind()) {
      case IMAGE_PULL, START, RESOURCE_INITIALIZATION ->
          b.stopCode(StopCodes.TASK_FAILED_TO_START).stoppedReason(words(f));
      case LOST, EVICTED -> b.stopCode(StopCodes.TERMINATION_NOTICE).stoppedReason(words(f));
      case OUT_OF_MEMORY ->
          b.stopCode(StopCodes.ESSENTIAL_CONTAINER_EXITED)
              .stoppedReason(StopCodes.ESSENTIAL_EXITED_REASON);
      case SCALED_IN -> b.stopCode(StopCodes.SERVICE_SCHEDULER_INITIATED).stoppedReason(words(f));
    }
  }

  /** A runtime failure as ECS words it in a task's stoppedReason or a container's reason. */
  private static String words(RuntimeFailure f) {
    return switch (f.kind()) {
      case IMAGE_PULL -> "CannotPullContainerError: " + f.detail();
      case START -> "CannotStartContainerError: " + f.detail();
      case RESOURCE_INITIALIZATION -> "ResourceInitializationError: " + f.detail();
      case OUT_OF_MEMORY -> StopCodes.OUT_OF_MEMORY_REASON;
      case LOST, EVICTED -> f.detail();
      case SCALED_IN -> StopCodes.scalingActivity(f.detail());
    };
  }

  private static String keepIfStopping(Task t, String status) {
    return "STOPPED".equals(t.desiredStatus()) && t.startedAt() != null ? t.lastStatus() : status;
  }

  /** The name of an essential container that stopped, if any. */
  private static String exitedEssential(TaskDefinition def, List<ContainerObservation> observed) {
    return observed.stream()
        .filter(c -> c.state() == ContainerObservation.State.STOPPED)
        .filter(c -> TaskHealth.isEssential(def, c.name()))
        .map(ContainerObservation::name)
        .findFirst()
        .orElse(null);
  }

  private static List<Container> containers(Task t, TaskObservation o) {
    Map<String, ContainerObservation> byName =
        o.containers().stream()
            .collect(Collectors.toMap(ContainerObservation::name, Function.identity()));
    List<Container> out = new ArrayList<>();
    for (Container c : t.containers()) {
      ContainerObservation seen = byName.get(c.name());
      if (seen == null) {
        out.add(c);
        continue;
      }
      Container.Builder b = c.toBuilder().lastStatus(seen.state().name());
      if (seen.exitCode() != null) {
        b.exitCode(seen.exitCode());
      }
      if (seen.failure() != null) {
        b.reason(words(seen.failure()));
      }
      if (seen.runtimeId() != null) {
        b.runtimeId(seen.runtimeId());
      }
      if (seen.imageDigest() != null) {
        b.imageDigest(seen.imageDigest());
      }
      b.healthStatus(seen.health().name());
      if (o.privateIp() != null && !c.networkInterfaces().isEmpty()) {
        b.networkInterfaces(
            c.networkInterfaces().stream()
                .map(n -> n.toBuilder().privateIpv4Address(o.privateIp()).build())
                .toList());
      }
      out.add(b.build());
    }
    return out;
  }

  private static List<Attachment> attachments(Task t, String status, String privateIp) {
    return t.attachments().stream()
        .map(
            a -> {
              if (!"ElasticNetworkInterface".equals(a.type())) {
                return a;
              }
              List<KeyValuePair> details = new ArrayList<>(a.details());
              if (privateIp != null
                  && details.stream().noneMatch(d -> "privateIPv4Address".equals(d.name()))) {
                details.add(
                    KeyValuePair.builder().name("privateIPv4Address").value(privateIp).build());
                details.add(
                    KeyValuePair.builder()
                        .name("privateDnsName")
                        .value("ip-" + privateIp.replace('.', '-') + ".ec2.internal")
                        .build());
              }
              return a.toBuilder().status(status).details(details).build();
            })
        .toList();
  }

  /** The task's EBS volume attachments with the status {@code status} gives each. */
  private static List<Attachment> volumes(
      List<Attachment> attachments, Function<Attachment, String> status) {
    return attachments.stream()
        .map(a -> ManagedEbsVolume.isEbs(a) ? a.toBuilder().status(status.apply(a)).build() : a)
        .toList();
  }

  /** A stopped task's volume: deleted, unless its termination policy keeps it. */
  private static String released(Attachment a) {
    boolean keep =
        a.details().stream()
            .anyMatch(d -> "deleteOnTermination".equals(d.name()) && "false".equals(d.value()));
    return keep ? "DETACHED" : "DELETED";
  }

  private static Task bump(Task.Builder b, Task before) {
    return b.version(before.version() == null ? 1L : before.version() + 1).build();
  }
}
