package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the Deployment, ReplicaSet and DaemonSet controllers (and the scheduler) would do, done by
 * the test: the mock API server runs none. One {@link #sync} is one pass of all of them, in the way
 * Kubernetes rolls: the ReplicaSet of the current template grows within {@code maxSurge}, the old
 * ones shrink as far as {@code maxUnavailable} allows counting ready pods, each ReplicaSet then has
 * exactly its replicas of pods (placed on {@code node}), and a DaemonSet one pod per node it
 * selects ({@link FakeDaemonSets}).
 */
public final class FakeControllers {
  private final KubernetesClient client;
  private final String node;
  private final FakeDaemonSets daemonSets;

  public FakeControllers(KubernetesClient client, String node) {
    this.client = client;
    this.node = node;
    this.daemonSets = new FakeDaemonSets(client, node);
  }

  /** One pass of every controller. */
  public void sync() {
    for (Deployment d : kecs(client.apps().deployments().inAnyNamespace().list().getItems())) {
      rollDeployment(d);
    }
    for (ReplicaSet rs : kecs(client.apps().replicaSets().inAnyNamespace().list().getItems())) {
      scale(rs, rs.getSpec().getReplicas(), rs.getSpec().getTemplate());
    }
    for (DaemonSet ds : kecs(client.apps().daemonSets().inAnyNamespace().list().getItems())) {
      daemonSets.roll(ds);
    }
  }

  /**
   * The live pods of a workload (not being deleted), oldest first: a service's (by its {@code
   * kecs.io/service} label) or an ECS daemon's DaemonSet's (by {@code kecs.io/daemon}).
   */
  public List<Pod> pods(String namespace, String workload) {
    return client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(
            p ->
                workload.equals(p.getMetadata().getLabels().get(PodLabels.SERVICE))
                    || workload.equals(p.getMetadata().getLabels().get(PodLabels.DAEMON)))
        .sorted(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()))
        .toList();
  }

  private void rollDeployment(Deployment d) {
    String ns = d.getMetadata().getNamespace();
    int desired = d.getSpec().getReplicas();
    String hash = KubeNames.hash(Serialization.asJson(d.getSpec().getTemplate())).substring(0, 8);
    String current = d.getMetadata().getName() + "-" + hash;
    List<ReplicaSet> owned =
        client.apps().replicaSets().inNamespace(ns).list().getItems().stream()
            .filter(rs -> ownedBy(rs, d))
            .toList();
    ReplicaSet mine =
        owned.stream()
            .filter(rs -> rs.getMetadata().getName().equals(current))
            .findFirst()
            .orElse(null);
    if (mine == null) {
      mine =
          client
              .resource(
                  new ReplicaSetBuilder()
                      .withNewMetadata()
                      .withName(current)
                      .withNamespace(ns)
                      .withLabels(d.getSpec().getTemplate().getMetadata().getLabels())
                      .addToLabels(PodLabels.MANAGED_BY, PodLabels.KECS)
                      .withOwnerReferences(owner(d))
                      .endMetadata()
                      .withNewSpec()
                      .withReplicas(0)
                      .withSelector(d.getSpec().getSelector())
                      .withTemplate(d.getSpec().getTemplate())
                      .endSpec()
                      .build())
              .create();
    }
    List<ReplicaSet> old =
        owned.stream().filter(rs -> !rs.getMetadata().getName().equals(current)).toList();
    int surge = resolve(d.getSpec().getStrategy().getRollingUpdate().getMaxSurge(), desired);
    int unavailable =
        resolve(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable(), desired);
    int oldReplicas = old.stream().mapToInt(rs -> rs.getSpec().getReplicas()).sum();
    // The current ReplicaSet grows within the surge, and shrinks at once to a lower desired count.
    int grow =
        Math.min(
            desired,
            Math.max(
                mine.getSpec().getReplicas(), Math.min(desired, desired + surge - oldReplicas)));
    setReplicas(
        mine, Boolean.TRUE.equals(d.getSpec().getPaused()) ? mine.getSpec().getReplicas() : grow);
    int ready =
        (int)
            pods(ns, d.getMetadata().getLabels().get(PodLabels.SERVICE)).stream()
                .filter(FakeControllers::ready)
                .count();
    int removable = Math.max(0, ready - (desired - unavailable));
    if (oldReplicas + grow > desired + surge) {
      removable = Math.max(removable, oldReplicas + grow - desired - surge);
    }
    for (ReplicaSet rs : old) {
      int cut = Math.min(removable, rs.getSpec().getReplicas());
      setReplicas(rs, rs.getSpec().getReplicas() - cut);
      removable -= cut;
    }
  }

  /**
   * Exactly {@code replicas} pods of the owner: new ones placed on the node, extra ones deleted.
   */
  private void scale(HasMetadata owner, int replicas, PodTemplateSpec template) {
    String ns = owner.getMetadata().getNamespace();
    List<Pod> mine =
        client.pods().inNamespace(ns).list().getItems().stream()
            .filter(p -> ownedBy(p, owner) && p.getMetadata().getDeletionTimestamp() == null)
            // Scale-in removes the lowest pod-deletion-cost first, then the newest.
            .sorted(
                Comparator.comparingInt(FakeControllers::deletionCost)
                    .thenComparing(
                        Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp())
                            .reversed()))
            .toList();
    for (int i = mine.size(); i < replicas; i++) {
      client.resource(pod(owner, template, node, Map.of())).create();
    }
    for (int i = replicas; i < mine.size(); i++) {
      client
          .pods()
          .inNamespace(ns)
          .withName(mine.get(i - replicas).getMetadata().getName())
          .delete();
    }
  }

  /** A pod of the owner's template placed on {@code node}, as its controller would make it. */
  static Pod pod(
      HasMetadata owner, PodTemplateSpec template, String node, Map<String, String> extraLabels) {
    Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
    labels.putAll(extraLabels);
    return new PodBuilder()
        .withNewMetadata()
        .withName(
            owner.getMetadata().getName()
                + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10))
        .withNamespace(owner.getMetadata().getNamespace())
        .withUid(UUID.randomUUID().toString())
        .withCreationTimestamp(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .withLabels(labels)
        .withAnnotations(template.getMetadata().getAnnotations())
        .withOwnerReferences(owner(owner))
        .endMetadata()
        .withSpec(
            new io.fabric8.kubernetes.api.model.PodSpecBuilder(template.getSpec())
                .withNodeName(node)
                .build())
        .build();
  }

  private void setReplicas(ReplicaSet rs, int replicas) {
    if (!Objects.equals(rs.getSpec().getReplicas(), replicas)) {
      client
          .apps()
          .replicaSets()
          .inNamespace(rs.getMetadata().getNamespace())
          .withName(rs.getMetadata().getName())
          .edit(x -> new ReplicaSetBuilder(x).editSpec().withReplicas(replicas).endSpec().build());
    }
  }

  static boolean ready(Pod p) {
    return p != null
        && p.getStatus() != null
        && "Running".equals(p.getStatus().getPhase())
        && p.getStatus().getContainerStatuses().stream()
            .allMatch(c -> Boolean.TRUE.equals(c.getReady()));
  }

  private static int resolve(IntOrString value, int desired) {
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    int percent = Integer.parseInt(value.getStrVal().replace("%", ""));
    return desired * percent / 100;
  }

  static boolean ownedBy(HasMetadata child, HasMetadata owner) {
    return child.getMetadata().getOwnerReferences().stream()
        .anyMatch(o -> o.getUid().equals(owner.getMetadata().getUid()));
  }

  private static io.fabric8.kubernetes.api.model.OwnerReference owner(HasMetadata o) {
    return new OwnerReferenceBuilder()
        .withApiVersion(o.getApiVersion())
        .withKind(o.getKind())
        .withName(o.getMetadata().getName())
        .withUid(o.getMetadata().getUid())
        .withController(true)
        .build();
  }

  private static <T extends HasMetadata> List<T> kecs(List<T> items) {
    return items.stream()
        .filter(i -> PodLabels.KECS.equals(i.getMetadata().getLabels().get(PodLabels.MANAGED_BY)))
        .toList();
  }

  private static int deletionCost(Pod p) {
    Map<String, String> a = p.getMetadata().getAnnotations();
    String cost = a == null ? null : a.get("controller.kubernetes.io/pod-deletion-cost");
    return cost == null ? 0 : Integer.parseInt(cost);
  }
}
