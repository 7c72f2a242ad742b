package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kecs.clock.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * ECS task scale-in protection, as far as Kubernetes has it: a ReplicaSet scaling in removes the
 * pods with the lowest {@code controller.kubernetes.io/pod-deletion-cost} first, so a protected
 * task's pod gets the highest cost until its protection expires. Kubernetes takes that as a
 * preference, not a promise: when every pod is protected it still removes some, where ECS would
 * keep them all and run above the desired count until the protection ends.
 */
final class ScaleInProtection {
  static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";
  static final String PROTECTED = String.valueOf(Integer.MAX_VALUE);

  private final KubernetesClient client;
  private final Scheduler clock;
  private final Executor calls;
  private final Map<String, Instant> until = new ConcurrentHashMap<>();

  ScaleInProtection(KubernetesClient client, Scheduler clock, Executor calls) {
    this.client = client;
    this.clock = clock;
    this.calls = calls;
  }

  /** The pod is protected until {@code end}, or no longer ({@code null} or past). */
  void protect(String namespace, String pod, Instant end) {
    String key = namespace + "/" + pod;
    boolean on = end != null && end.isAfter(clock.now());
    if (on) {
      until.put(key, end);
      clock.schedule(Duration.between(clock.now(), end), () -> expire(namespace, pod, end));
    } else {
      until.remove(key);
    }
    calls.execute(() -> mark(namespace, pod, on));
  }

  /** A protection ran out, unless it was renewed meanwhile. */
  private void expire(String namespace, String pod, Instant end) {
    if (until.remove(namespace + "/" + pod, end)) {
      calls.execute(() -> mark(namespace, pod, false));
    }
  }

  private void mark(String namespace, String pod, boolean on) {
    ClusterResources.quietly(
        "mark the scale-in protection of pod " + namespace + "/" + pod,
        () ->
            client
                .pods()
                .inNamespace(namespace)
                .withName(pod)
                .edit(
                    p -> {
                      Map<String, String> a =
                          p.getMetadata().getAnnotations() == null
                              ? new HashMap<>()
                              : new HashMap<>(p.getMetadata().getAnnotations());
                      if (on) {
                        a.put(DELETION_COST, PROTECTED);
                      } else {
                        a.remove(DELETION_COST);
                      }
                      p.getMetadata().setAnnotations(a);
                      return p;
                    }));
  }
}
