package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * DRAINING container instances as cordoned nodes ({@code spec.unschedulable}), so Kubernetes puts
 * no new pod there, as ECS places no new task. KECS marks the nodes it cordoned with an annotation,
 * so a store reset uncordons those and leaves nodes cordoned by someone else alone. Pods already on
 * the node keep running: moving service tasks away is the service scheduler's part of DRAINING.
 */
final class NodeCordon {
  static final String CORDONED = "kecs.io/cordoned";

  private NodeCordon() {}

  /** Cordons ({@code draining}) or uncordons the node; a node that is gone is left alone. */
  static void set(KubernetesClient client, String node, boolean draining) {
    if (client.nodes().withName(node).get() == null) {
      return;
    }
    client.nodes().withName(node).edit(n -> edited(n, draining));
  }

  /** Uncordons every node KECS cordoned. */
  static void releaseAll(KubernetesClient client) {
    for (Node n : client.nodes().list().getItems()) {
      Map<String, String> a = n.getMetadata().getAnnotations();
      if (a != null && a.containsKey(CORDONED)) {
        client.nodes().withName(n.getMetadata().getName()).edit(x -> edited(x, false));
      }
    }
  }

  static Node edited(Node node, boolean draining) {
    NodeBuilder b = new NodeBuilder(node);
    if (draining) {
      b.editOrNewSpec()
          .withUnschedulable(true)
          .endSpec()
          .editMetadata()
          .addToAnnotations(CORDONED, "true")
          .endMetadata();
    } else {
      b.editOrNewSpec()
          .withUnschedulable(null)
          .endSpec()
          .editMetadata()
          .removeFromAnnotations(CORDONED)
          .endMetadata();
    }
    return b.build();
  }
}
