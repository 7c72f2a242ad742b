package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/** Namespaces following clusters, and {@code POST /_kecs/reset} cleaning the Kubernetes side. */
class KubernetesClusterIT {
  @RegisterExtension KubernetesKecs kecs = new KubernetesKecs().durable();

  @Test
  void aClustersNamespaceIsMadeOnCreateAndDeletedWithTheCluster() throws Exception {
    EcsClient ecs = kecs.ecs();
    String arn = ecs.createCluster(r -> r.clusterName("Team_A")).cluster().clusterArn();
    String ns = Namespaces.nameOf(io.kecs.identity.Arn.parse(arn).orElseThrow(), "000000000000");
    kecs.awaitTrue(() -> kecs.namespace(ns) != null);
    assertThat(kecs.namespace(ns).getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "kecs")
        .containsEntry("kecs.io/cluster", "Team_A");
    assertThat(kecs.namespace(ns).getMetadata().getAnnotations())
        .containsEntry("kecs.io/cluster-arn", arn);

    ecs.deleteCluster(r -> r.cluster("Team_A"));
    kecs.awaitTrue(() -> kecs.namespace(ns) == null);

    // A namespace someone made for a cluster is used, and left alone on DeleteCluster.
    kecs.client()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("theirs-us-east-1")
                .endMetadata()
                .build())
        .create();
    ecs.createCluster(r -> r.clusterName("theirs"));
    ecs.deleteCluster(r -> r.cluster("theirs"));
    ecs.createCluster(r -> r.clusterName("after"));
    kecs.awaitTrue(() -> kecs.namespace("after-us-east-1") != null);
    assertThat(kecs.namespace("theirs-us-east-1")).isNotNull();
  }

  @Test
  void existingClustersGetTheirNamespaceAtStartUp() throws Exception {
    kecs.ecs().createCluster(r -> r.clusterName("kept"));
    kecs.awaitTrue(() -> kecs.namespace("kept-us-east-1") != null);
    kecs.stopKecs();
    kecs.client().namespaces().withName("kept-us-east-1").delete();
    kecs.startKecs();
    kecs.awaitTrue(() -> kecs.namespace("kept-us-east-1") != null);
  }

  @Test
  void resetRemovesWhatKecsMadeAndRegistersTheNodesAgain() throws Exception {
    EcsClient ecs = kecs.ecs();
    FakeNodes nodes = kecs.nodes();
    nodes.add("n1", true, Map.of());
    kecs.awaitTrue(() -> instances(ecs) == 1);
    String instance =
        ecs.listContainerInstances(r -> r.cluster("default")).containerInstanceArns().get(0);
    ecs.updateContainerInstancesState(
        r -> r.containerInstances(instance).status(ContainerInstanceStatus.DRAINING));
    kecs.awaitTrue(
        () ->
            nodes.get("n1").getSpec() != null
                && nodes.get("n1").getSpec().getUnschedulable() != null);

    EcsTasks tasks = kecs.tasks("web");
    tasks.registerWith(
        "roled",
        r -> r.taskRoleArn("arn:aws:iam::000000000000:role/app"),
        ContainerDefinition.builder().name("app").image("nginx").build());
    Task task = tasks.run("roled");
    Pod pod = kecs.awaitPod(task);
    ServiceAccount sa =
        kecs.client()
            .serviceAccounts()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName("app")
            .get();
    assertThat(sa).isNotNull();

    assertThat(kecs.reset()).isEqualTo(200);
    assertThat(kecs.client().pods().inAnyNamespace().list().getItems()).isEmpty();
    assertThat(
            kecs.client()
                .serviceAccounts()
                .inAnyNamespace()
                .withLabel("app.kubernetes.io/managed-by", "kecs")
                .list()
                .getItems())
        .isEmpty();
    assertThat(kecs.namespace("web-us-east-1")).isNull();
    assertThat(nodes.get("n1").getSpec().getUnschedulable()).isNull();
    assertThat(ecs.listClusters(r -> {}).clusterArns()).allMatch(c -> c.endsWith("/default"));

    // The node is still there: it registers again, as a new ACTIVE instance.
    kecs.awaitTrue(() -> instances(ecs) == 1);
    String again =
        ecs.listContainerInstances(r -> r.cluster("default")).containerInstanceArns().get(0);
    assertThat(again).isNotEqualTo(instance);
    kecs.awaitTrue(() -> kecs.namespace("default-us-east-1") != null);
  }

  private static int instances(EcsClient ecs) {
    if (ecs.describeClusters(r -> r.clusters("default")).clusters().isEmpty()) {
      return 0;
    }
    return ecs.listContainerInstances(r -> r.cluster("default")).containerInstanceArns().size();
  }
}
