package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the DaemonSet controller would do, done by the test: one pod on each node the DaemonSet's
 * {@code nodeSelector} and required node affinity select (or on the one fallback node when the
 * cluster has no Node objects), labelled {@code controller-revision-hash} with its template's hash.
 * A changed template is rolled out as Kubernetes rolls it with {@code RollingUpdate}: old pods that
 * are not ready go at once, ready ones only while fewer than {@code maxUnavailable} (a percentage
 * rounded up) nodes lack a ready pod; a node whose pod went gets the new one on the next pass.
 */
final class FakeDaemonSets {
  static final String REVISION_HASH = "controller-revision-hash";

  private final KubernetesClient client;
  private final String fallbackNode;

  FakeDaemonSets(KubernetesClient client, String fallbackNode) {
    this.client = client;
    this.fallbackNode = fallbackNode;
  }

  /** One pass of the controller over one DaemonSet. */
  void roll(DaemonSet ds) {
    String ns = ds.getMetadata().getNamespace();
    List<Node> all = client.nodes().list().getItems();
    PodSpec template = ds.getSpec().getTemplate().getSpec();
    List<String> nodes =
        all.isEmpty()
            ? List.of(fallbackNode)
            : all.stream()
                .filter(n -> selects(template, labels(n)))
                .map(n -> n.getMetadata().getName())
                .toList();
    String hash = KubeNames.hash(Serialization.asJson(ds.getSpec().getTemplate()));
    Map<String, Pod> byNode = new HashMap<>();
    for (Pod p : client.pods().inNamespace(ns).list().getItems()) {
      if (!FakeControllers.ownedBy(p, ds) || p.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      if (nodes.contains(p.getSpec().getNodeName())) {
        byNode.put(p.getSpec().getNodeName(), p);
      } else {
        delete(p);
      }
    }
    int maxUnavailable = maxUnavailable(ds, nodes.size());
    int unavailable =
        (int) nodes.stream().filter(n -> !FakeControllers.ready(byNode.get(n))).count();
    int updated = 0;
    for (String node : nodes) {
      Pod p = byNode.get(node);
      if (p == null) {
        client
            .resource(
                FakeControllers.pod(
                    ds, ds.getSpec().getTemplate(), node, Map.of(REVISION_HASH, hash)))
            .create();
        updated++;
      } else if (hash.equals(p.getMetadata().getLabels().get(REVISION_HASH))) {
        updated++;
      } else if (!FakeControllers.ready(p)) {
        delete(p);
      } else if (unavailable < maxUnavailable) {
        delete(p);
        unavailable++;
      }
    }
    int scheduled = nodes.size();
    int done = updated;
    client
        .apps()
        .daemonSets()
        .inNamespace(ns)
        .withName(ds.getMetadata().getName())
        .editStatus(
            x ->
                new DaemonSetBuilder(x)
                    .withStatus(
                        new DaemonSetStatusBuilder()
                            .withDesiredNumberScheduled(scheduled)
                            .withCurrentNumberScheduled(scheduled)
                            .withUpdatedNumberScheduled(done)
                            .withNumberMisscheduled(0)
                            .withNumberReady(0)
                            .build())
                    .build());
  }

  private void delete(Pod p) {
    client
        .pods()
        .inNamespace(p.getMetadata().getNamespace())
        .withName(p.getMetadata().getName())
        .delete();
  }

  private static int maxUnavailable(DaemonSet ds, int nodes) {
    var strategy = ds.getSpec().getUpdateStrategy();
    IntOrString value =
        strategy == null || strategy.getRollingUpdate() == null
            ? new IntOrString(1)
            : strategy.getRollingUpdate().getMaxUnavailable();
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    int percent = Integer.parseInt(value.getStrVal().replace("%", ""));
    return (nodes * percent + 99) / 100;
  }

  private static Map<String, String> labels(Node n) {
    return n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
  }

  /** Whether the pod template's node selector and required node affinity select the node. */
  static boolean selects(PodSpec spec, Map<String, String> labels) {
    if (spec.getNodeSelector() != null
        && !spec.getNodeSelector().entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    if (spec.getAffinity() == null
        || spec.getAffinity().getNodeAffinity() == null
        || spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
            == null) {
      return true;
    }
    List<NodeSelectorTerm> terms =
        spec.getAffinity()
            .getNodeAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms();
    return terms.stream()
        .anyMatch(t -> t.getMatchExpressions().stream().allMatch(r -> matches(r, labels)));
  }

  private static boolean matches(NodeSelectorRequirement r, Map<String, String> labels) {
    String value = labels.get(r.getKey());
    return switch (r.getOperator()) {
      case "In" -> value != null && r.getValues().contains(value);
      case "NotIn" -> value == null || !r.getValues().contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> throw new IllegalArgumentException("operator " + r.getOperator());
    };
  }
}
