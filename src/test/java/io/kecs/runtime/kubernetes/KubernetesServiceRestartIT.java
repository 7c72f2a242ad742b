package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A KECS restart over services run as Deployments: live pods are the same tasks again, pods a
 * ReplicaSet made while KECS was away become new ones, and vanished pods stop their tasks.
 */
class KubernetesServiceRestartIT {
  @Test
  void restartAdoptsWorkloadPodsAndRecordsPodsMadeWhileAway() throws Exception {
    try (KubernetesKecs k = new KubernetesKecs().durable().start()) {
      FakeKubelet kubelet = k.kubelet();
      FakeControllers controllers = new FakeControllers(k.client(), "node-1");
      EcsClient client = k.ecs();
      EcsTasks tasks = k.tasks("durable");
      tasks.registerServing("api", "nginx:1.27");
      client.createService(
          r ->
              r.cluster("durable")
                  .serviceName("api")
                  .taskDefinition("api")
                  .desiredCount(2)
                  .launchType(LaunchType.FARGATE)
                  .networkConfiguration(
                      n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345"))));
      k.awaitTrue(
          () -> !k.client().apps().deployments().inAnyNamespace().list().getItems().isEmpty());
      controllers.sync();
      k.awaitTrue(() -> listed(client).size() == 2);
      String ns =
          k.client()
              .apps()
              .deployments()
              .inAnyNamespace()
              .list()
              .getItems()
              .get(0)
              .getMetadata()
              .getNamespace();
      controllers.pods(ns, "api").forEach(p -> kubelet.run(p, "10.3.0.1", true));
      k.awaitTrue(() -> running(client, "durable", "api") == 2);
      Set<String> before = Set.copyOf(listed(client));
      k.stopKecs();

      // While KECS is down a pod goes and its ReplicaSet makes another.
      Pod lostPod = controllers.pods(ns, "api").get(0);
      kubelet.delete(lostPod);
      controllers.sync();
      assertThat(controllers.pods(ns, "api")).hasSize(2);

      k.startKecs();
      EcsClient again = k.ecs();
      Task lost =
          k.awaitStatus(Task.builder().taskArn(PodIdentity.taskArn(lostPod)).build(), "STOPPED");
      assertThat(lost.stopCodeAsString()).isEqualTo("TerminationNotice");
      k.awaitTrue(() -> listed(again).size() == 2);
      Set<String> after = Set.copyOf(listed(again));
      // The surviving pod is the same task; the new pod is a new one, not a duplicate.
      assertThat(after.stream().filter(before::contains)).hasSize(1);
      controllers.pods(ns, "api").forEach(p -> kubelet.run(p, "10.3.0.2", true));
      k.awaitTrue(() -> running(again, "durable", "api") == 2);
      assertThat(controllers.pods(ns, "api")).hasSize(2);
    }
  }

  private static int running(EcsClient client, String cluster, String service) {
    return client
        .describeServices(r -> r.cluster(cluster).services(service))
        .services()
        .get(0)
        .runningCount();
  }

  private static List<String> listed(EcsClient client) {
    return client.listTasks(r -> r.cluster("durable").serviceName("api")).taskArns();
  }
}
