package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** Nodes as a cloud provider and their kubelets would make them, written by the test. */
public final class FakeNodes {
  private final KubernetesClient client;

  public FakeNodes(KubernetesClient client) {
    this.client = client;
  }

  /** A 4-core (3,920m allocatable), 16 GiB, 110-pod node in us-east-1b. */
  public Node add(String name, boolean ready, Map<String, String> extraLabels) {
    Node node = NodeMapperTest.node(name, ready, labels(name, extraLabels));
    return client.nodes().resource(node).create();
  }

  private static Map<String, String> labels(String name, Map<String, String> extra) {
    Map<String, String> labels = new java.util.HashMap<>(extra);
    labels.putIfAbsent("kubernetes.io/hostname", name);
    labels.putIfAbsent("topology.kubernetes.io/zone", "us-east-1b");
    labels.putIfAbsent("node.kubernetes.io/instance-type", "m6i.xlarge");
    labels.putIfAbsent("kubernetes.io/arch", "amd64");
    labels.putIfAbsent("kubernetes.io/os", "linux");
    return labels;
  }

  public void ready(String name, boolean ready) {
    client
        .nodes()
        .withName(name)
        .editStatus(
            n ->
                new NodeBuilder(n)
                    .editStatus()
                    .editMatchingCondition(c -> "Ready".equals(c.getType()))
                    .withStatus(ready ? "True" : "Unknown")
                    .endCondition()
                    .endStatus()
                    .build());
  }

  public Node get(String name) {
    return client.nodes().withName(name).get();
  }

  public void delete(String name) {
    client.nodes().withName(name).delete();
  }
}
