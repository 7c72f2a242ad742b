package io.kecs.runtime.kubernetes.real;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kecs.runtime.kubernetes.EcsTasks;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Services on the real control plane: KECS applies a Deployment, the real Deployment and ReplicaSet
 * controllers make its pods, the real scheduler places them and kwok runs them; the ECS service
 * follows (tasks named by pod UIDs, runningCount, deployments per ReplicaSet), through scaling, a
 * rolling deployment to a new revision, StopTask and deletion.
 */
class RealServicesIT {
  @RegisterExtension static RealKecs kecs = new RealKecs();

  private static final String CLUSTER = "real-shop";

  @Test
  void serviceRunsScalesRollsAndGoes() throws Exception {
    EcsClient ecs = kecs.ecs();
    EcsTasks tasks = kecs.tasks(CLUSTER);
    tasks.registerServing("web", "nginx:1.27");
    Service created =
        ecs.createService(
                r ->
                    r.cluster(CLUSTER)
                        .serviceName("web")
                        .taskDefinition("web")
                        .desiredCount(2)
                        .launchType(LaunchType.FARGATE)
                        .networkConfiguration(
                            n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345"))))
            .service();
    String first = created.deployments().get(0).id();

    // Deployment -> ReplicaSet -> pods, by the real controllers; each pod is a RUNNING task.
    Service steady =
        awaitService(
            s ->
                s.runningCount() == 2
                    && s.deployments().size() == 1
                    && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
    assertThat(steady.events().stream().map(e -> e.message()))
        .anyMatch(m -> m.contains("has reached a steady state"));
    String ns = kecs.awaitNamespaceOf(CLUSTER);
    Deployment deployment = deployment(ns);
    assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(2);
    List<Pod> pods = kecs.pods(ns, "kecs.io/service", "web");
    assertThat(pods).hasSize(2).allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isNotNull());
    assertThat(taskIds())
        .isEqualTo(
            pods.stream()
                .map(p -> p.getMetadata().getUid().replace("-", ""))
                .collect(Collectors.toSet()));
    Task one = describe(runningTasks()).get(0);
    assertThat(one.group()).isEqualTo("service:web");
    assertThat(one.startedBy()).isEqualTo(first);

    // Scale out and in: the Deployment's replicas follow the desired count.
    ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(3));
    awaitService(s -> s.runningCount() == 3 && s.desiredCount() == 3);
    ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(1));
    awaitService(s -> s.runningCount() == 1 && runningTasks().size() == 1);
    RealKecs.awaitTrue(
        () -> kecs.pods(ns, "kecs.io/service", "web").size() == 1,
        () -> "pods: " + kecs.pods(ns, "kecs.io/service", "web").size());
    ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(2));
    awaitService(s -> s.runningCount() == 2);

    // A new revision: a new ReplicaSet; the ECS deployment of the old one drains, then goes.
    tasks.registerServing("web", "nginx:1.28");
    Service updated =
        ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition("web:2")).service();
    String second = updated.deployments().get(0).id();
    Service rolled =
        awaitService(
            s ->
                s.deployments().size() == 1
                    && second.equals(s.deployments().get(0).id())
                    && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString())
                    && s.runningCount() == 2);
    assertThat(rolled.taskDefinition()).endsWith("web:2");
    List<ReplicaSet> sets = kecs.client().apps().replicaSets().inNamespace(ns).list().getItems();
    assertThat(sets).hasSize(2);
    assertThat(sets.stream().mapToInt(rs -> rs.getSpec().getReplicas()).sorted().toArray())
        .containsExactly(0, 2);
    assertThat(describe(runningTasks()))
        .hasSize(2)
        .allSatisfy(t -> assertThat(t.startedBy()).isEqualTo(second))
        .allSatisfy(t -> assertThat(t.taskDefinitionArn()).endsWith("web:2"));

    // StopTask deletes the pod; the ReplicaSet makes another, which is a new task.
    Task victim = describe(runningTasks()).get(0);
    ecs.stopTask(r -> r.cluster(CLUSTER).task(victim.taskArn()).reason("bye"));
    Task gone = kecs.awaitStatus(victim, "STOPPED");
    assertThat(gone.stopCodeAsString()).isEqualTo("UserInitiated");
    awaitService(s -> s.runningCount() == 2 && !runningTasks().contains(victim.taskArn()));

    // Deleting the service removes the Deployment (and, by the garbage collector, its pods).
    ecs.deleteService(r -> r.cluster(CLUSTER).service("web").force(true));
    awaitService(s -> "INACTIVE".equals(s.status()));
    RealKecs.awaitTrue(
        () -> deployment(ns) == null && kecs.pods(ns, "kecs.io/service", "web").isEmpty(),
        () -> "the workload of web stays");
  }

  private static Deployment deployment(String ns) {
    return kecs.client().apps().deployments().inNamespace(ns).withName("web").get();
  }

  private static Service awaitService(Predicate<Service> condition) throws InterruptedException {
    Service[] last = new Service[1];
    return RealKecs.await(
        () -> {
          last[0] =
              kecs.ecs()
                  .describeServices(r -> r.cluster(CLUSTER).services("web"))
                  .services()
                  .get(0);
          return condition.test(last[0]) ? last[0] : null;
        },
        () -> "service never got there; last seen: " + last[0]);
  }

  private static List<String> runningTasks() {
    return kecs.ecs()
        .listTasks(r -> r.cluster(CLUSTER).serviceName("web").desiredStatus("RUNNING"))
        .taskArns();
  }

  private static Set<String> taskIds() {
    return runningTasks().stream()
        .map(a -> a.substring(a.lastIndexOf('/') + 1))
        .collect(Collectors.toSet());
  }

  private static List<Task> describe(List<String> arns) {
    return kecs.ecs().describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks();
  }
}
