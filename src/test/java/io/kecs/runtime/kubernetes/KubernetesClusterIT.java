package io.kecs.runtime.kubernetes;

import static io.kecs.runtime.kubernetes.KubernetesNodesIT.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.kecs.server.KecsServer;
import io.kecs.server.RuntimeChoice;
import io.kecs.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/** Namespaces following clusters, and {@code POST /_kecs/reset} cleaning the Kubernetes side. */
class KubernetesClusterIT {
  @TempDir Path dataDir;

  @Test
  void aClustersNamespaceIsMadeOnCreateAndDeletedWithTheCluster() throws Exception {
    try (KubernetesMock k8s = new KubernetesMock();
        KecsServer kecs = KecsServer.start(config(k8s));
        EcsClient ecs = EcsTasks.client(kecs.endpoint())) {
      String arn = ecs.createCluster(r -> r.clusterName("Team_A")).cluster().clusterArn();
      String ns = Namespaces.nameOf(io.kecs.identity.Arn.parse(arn).orElseThrow(), "000000000000");
      awaitTrue(() -> namespace(k8s, ns) != null);
      assertThat(namespace(k8s, ns).getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/managed-by", "kecs")
          .containsEntry("kecs.io/cluster", "Team_A");
      assertThat(namespace(k8s, ns).getMetadata().getAnnotations())
          .containsEntry("kecs.io/cluster-arn", arn);

      ecs.deleteCluster(r -> r.cluster("Team_A"));
      awaitTrue(() -> namespace(k8s, ns) == null);

      // A namespace someone made for a cluster is used, and left alone on DeleteCluster.
      k8s.client()
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
      awaitTrue(() -> namespace(k8s, "after-us-east-1") != null);
      assertThat(namespace(k8s, "theirs-us-east-1")).isNotNull();
    }
  }

  @Test
  void existingClustersGetTheirNamespaceAtStartUp() throws Exception {
    try (KubernetesMock k8s = new KubernetesMock()) {
      ServerConfig config = config(k8s).withDataDir(dataDir);
      try (KecsServer first = KecsServer.start(config);
          EcsClient ecs = EcsTasks.client(first.endpoint())) {
        ecs.createCluster(r -> r.clusterName("kept"));
        awaitTrue(() -> namespace(k8s, "kept-us-east-1") != null);
      }
      k8s.client().namespaces().withName("kept-us-east-1").delete();
      try (KecsServer second = KecsServer.start(config)) {
        awaitTrue(() -> namespace(k8s, "kept-us-east-1") != null);
      }
    }
  }

  @Test
  void resetRemovesWhatKecsMadeAndRegistersTheNodesAgain() throws Exception {
    try (KubernetesMock k8s = new KubernetesMock();
        KecsServer kecs = KecsServer.start(config(k8s));
        EcsClient ecs = EcsTasks.client(kecs.endpoint())) {
      FakeNodes nodes = new FakeNodes(k8s.client());
      nodes.add("n1", true, Map.of());
      awaitTrue(() -> instances(ecs) == 1);
      String instance =
          ecs.listContainerInstances(r -> r.cluster("default")).containerInstanceArns().get(0);
      ecs.updateContainerInstancesState(
          r -> r.containerInstances(instance).status(ContainerInstanceStatus.DRAINING));
      awaitTrue(
          () ->
              nodes.get("n1").getSpec() != null
                  && nodes.get("n1").getSpec().getUnschedulable() != null);

      EcsTasks tasks = new EcsTasks(ecs, "web");
      tasks.registerWith(
          "roled",
          r -> r.taskRoleArn("arn:aws:iam::000000000000:role/app"),
          ContainerDefinition.builder().name("app").image("nginx").build());
      Task task = tasks.run("roled");
      Pod pod = k8s.kubelet().awaitPod(EcsTasks.id(task));
      ServiceAccount sa =
          k8s.client()
              .serviceAccounts()
              .inNamespace(pod.getMetadata().getNamespace())
              .withName("app")
              .get();
      assertThat(sa).isNotNull();

      HttpResponse<String> reset =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(kecs.endpoint().resolve(URI.create("/_kecs/reset")))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(reset.statusCode()).isEqualTo(200);
      assertThat(k8s.client().pods().inAnyNamespace().list().getItems()).isEmpty();
      assertThat(
              k8s.client()
                  .serviceAccounts()
                  .inAnyNamespace()
                  .withLabel("app.kubernetes.io/managed-by", "kecs")
                  .list()
                  .getItems())
          .isEmpty();
      assertThat(namespace(k8s, "web-us-east-1")).isNull();
      assertThat(nodes.get("n1").getSpec().getUnschedulable()).isNull();
      assertThat(ecs.listClusters(r -> {}).clusterArns()).allMatch(c -> c.endsWith("/default"));

      // The node is still there: it registers again, as a new ACTIVE instance.
      awaitTrue(() -> instances(ecs) == 1);
      String again =
          ecs.listContainerInstances(r -> r.cluster("default")).containerInstanceArns().get(0);
      assertThat(again).isNotEqualTo(instance);
      awaitTrue(() -> namespace(k8s, "default-us-east-1") != null);
    }
  }

  private static ServerConfig config(KubernetesMock k8s) {
    return ServerConfig.forTests().withRuntime(RuntimeChoice.kubernetes(k8s.kubeconfig(), null));
  }

  private static Namespace namespace(KubernetesMock k8s, String name) {
    return k8s.client().namespaces().withName(name).get();
  }

  private static int instances(EcsClient ecs) {
    if (ecs.describeClusters(r -> r.clusters("default")).clusters().isEmpty()) {
      return 0;
    }
    return ecs.listContainerInstances(r -> r.cluster("default")).containerInstanceArns().size();
  }
}
