package io.kecs.runtime.kubernetes.real;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.kecs.runtime.kubernetes.EcsTasks;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * KECS restarting in the middle of work on the real control plane: what ran while it was away is
 * adopted (a standalone task's pod, a service's pods, a pod the ReplicaSet replaced meanwhile), and
 * {@code POST /_kecs/reset} removes everything KECS made in Kubernetes.
 */
class RealRestartIT {
  @RegisterExtension static RealKecs kecs = new RealKecs();

  private static final String CLUSTER = "real-restart";

  @Test
  void restartAdoptsWhatRanMeanwhileAndResetCleansUp() throws Exception {
    EcsTasks tasks = kecs.tasks(CLUSTER);
    tasks.register("solo", "app");
    tasks.registerServing("api", "nginx:1.27");
    Task solo = tasks.run("solo");
    kecs.ecs()
        .createService(
            r ->
                r.cluster(CLUSTER)
                    .serviceName("api")
                    .taskDefinition("api")
                    .desiredCount(2)
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
    kecs.awaitStatus(solo, "RUNNING");
    awaitService(s -> s.runningCount() == 2);
    String ns = kecs.awaitNamespaceOf(CLUSTER);
    List<String> before = serviceTasks();

    // KECS goes away; a pod of the service is deleted meanwhile and the ReplicaSet replaces it.
    kecs.stopKecs();
    Pod lost = kecs.pods(ns, "kecs.io/service", "api").get(0);
    kecs.client().resource(lost).delete();
    RealKecs.awaitTrue(
        () ->
            kecs.pods(ns, "kecs.io/service", "api").stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .filter(p -> "Running".equals(p.getStatus().getPhase()))
                    .count()
                == 2,
        () -> "the ReplicaSet did not replace " + lost.getMetadata().getName());
    kecs.startKecs();

    // The standalone task runs on; the service has its two running pods as its tasks.
    assertThat(kecs.awaitStatus(solo, "RUNNING").lastStatus()).isEqualTo("RUNNING");
    awaitService(s -> s.runningCount() == 2 && serviceTasks().size() == 2);
    String lostArn =
        before.stream()
            .filter(a -> a.endsWith("/" + lost.getMetadata().getUid().replace("-", "")))
            .findFirst()
            .orElseThrow();
    assertThat(serviceTasks()).doesNotContain(lostArn).containsAnyElementsOf(before);
    Task stopped =
        kecs.awaitStatus(Task.builder().taskArn(lostArn).clusterArn(CLUSTER).build(), "STOPPED");
    assertThat(stopped.lastStatus()).isEqualTo("STOPPED");

    // A reset forgets every cluster (the nodes register again, in "default") and removes the
    // namespace, its workloads and pods.
    assertThat(kecs.reset()).isEqualTo(200);
    assertThat(kecs.ecs().listClusters().clusterArns()).allMatch(c -> c.endsWith("/default"));
    // KECS's part is the delete; the namespace controller then empties and removes the namespace
    // on its own schedule, so a namespace already terminating counts.
    RealKecs.awaitTrue(
        () -> {
          var namespace = kecs.client().namespaces().withName(ns).get();
          return namespace == null || namespace.getMetadata().getDeletionTimestamp() != null;
        },
        () -> "namespace " + ns + " is not deleted after the reset");
    assertThat(
            kecs.client()
                .pods()
                .inAnyNamespace()
                .withLabel("app.kubernetes.io/managed-by", "kecs")
                .list()
                .getItems())
        .isEmpty();
  }

  private static Service awaitService(Predicate<Service> condition) throws InterruptedException {
    Service[] last = new Service[1];
    return RealKecs.await(
        () -> {
          last[0] =
              kecs.ecs()
                  .describeServices(r -> r.cluster(CLUSTER).services("api"))
                  .services()
                  .get(0);
          return condition.test(last[0]) ? last[0] : null;
        },
        () -> "service never got there; last seen: " + last[0]);
  }

  private static List<String> serviceTasks() {
    return kecs.ecs()
        .listTasks(r -> r.cluster(CLUSTER).serviceName("api").desiredStatus("RUNNING"))
        .taskArns();
  }
}
