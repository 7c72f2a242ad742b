package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Services as Kubernetes workloads, end to end on the mock API server: the test plays the
 * Deployment, ReplicaSet and DaemonSet controllers ({@link FakeControllers}) and the kubelet, and
 * checks both the Kubernetes objects KECS makes and the ECS answers through the AWS SDK.
 */
class KubernetesServicesIT {
  @RegisterExtension static KubernetesKecs kecs = new KubernetesKecs();

  private static EcsClient ecs;
  private static KubernetesMock k8s;
  private static FakeKubelet kubelet;
  private static FakeControllers controllers;

  @BeforeAll
  static void start() {
    ecs = kecs.ecs();
    k8s = kecs.k8s();
    kubelet = kecs.kubelet();
    controllers = new FakeControllers(kecs.client(), "node-1");
  }

  @Test
  void fullFlowCreatesScalesRollsAndDeletesADeployment() throws Exception {
    EcsTasks tasks = kecs.tasks("shop");
    tasks.registerServing("web", "nginx:1.27");
    Service created =
        ecs.createService(
                r ->
                    r.cluster("shop")
                        .serviceName("web")
                        .taskDefinition("web")
                        .desiredCount(2)
                        .launchType(LaunchType.FARGATE)
                        .networkConfiguration(
                            n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345"))))
            .service();
    String firstDeployment = created.deployments().get(0).id();

    Deployment deployment = awaitDeployment(tasks, "web", d -> d.getSpec().getReplicas() == 2);
    String ns = deployment.getMetadata().getNamespace();
    assertThat(deployment.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "kecs")
        .containsEntry("kecs.io/service", "web");
    assertThat(deployment.getMetadata().getAnnotations())
        .containsEntry("kecs.io/service-arn", created.serviceArn());
    // Default ECS limits (200 / 100) for 2 tasks: 2 more may start, none may go.
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal())
        .isEqualTo(2);
    assertThat(
            deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isZero();
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("kecs.io/deployment-id", firstDeployment);
    assertThat(deployment.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
    io.fabric8.kubernetes.api.model.Service kubeService =
        k8s.client().services().inNamespace(ns).withName("web").get();
    assertThat(kubeService.getSpec().getPorts()).hasSize(1);
    assertThat(kubeService.getSpec().getPorts().get(0).getPort()).isEqualTo(8080);
    assertThat(kubeService.getSpec().getSelector()).containsEntry("kecs.io/service", "web");

    // The ReplicaSet's pods become the service's tasks, named by their UIDs.
    controllers.sync();
    List<Pod> pods = controllers.pods(ns, "web");
    assertThat(pods).hasSize(2);
    kecs.awaitTrue(() -> serviceTasks("web").size() == 2);
    assertThat(taskIds("web"))
        .isEqualTo(
            pods.stream()
                .map(p -> p.getMetadata().getUid().replace("-", ""))
                .collect(Collectors.toSet()));
    Task first = describeAll("web").get(0);
    assertThat(first.group()).isEqualTo("service:web");
    assertThat(first.startedBy()).isEqualTo(firstDeployment);
    assertThat(first.launchTypeAsString()).isEqualTo("FARGATE");
    pods.forEach(p -> kubelet.run(p, "10.1.0." + pods.indexOf(p), true));
    Service steady =
        awaitService(
            s ->
                s.runningCount() == 2
                    && s.deployments().size() == 1
                    && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
    assertThat(steady.events().stream().map(e -> e.message()))
        .anyMatch(m -> m.matches("\\(service web\\) has started \\d tasks: .*"))
        .anyMatch(m -> m.contains("has reached a steady state"));

    // Scale out: the Deployment follows the desired count.
    ecs.updateService(r -> r.cluster("shop").service("web").desiredCount(3));
    awaitDeployment(tasks, "web", d -> d.getSpec().getReplicas() == 3);
    controllers.sync();
    kecs.awaitTrue(() -> serviceTasks("web").size() == 3);
    controllers.pods(ns, "web").forEach(p -> kubelet.run(p, "10.1.0.9", true));
    awaitService(s -> s.runningCount() == 3);

    // Scale-in spares a protected task: its pod gets the highest deletion cost.
    Task keep = describeAll("web").get(2);
    ecs.updateTaskProtection(
        r -> r.cluster("shop").tasks(keep.taskArn()).protectionEnabled(true).expiresInMinutes(60));
    kecs.awaitTrue(
        () ->
            controllers.pods(ns, "web").stream()
                .filter(p -> PodIdentity.taskArn(p).equals(keep.taskArn()))
                .anyMatch(
                    p ->
                        String.valueOf(Integer.MAX_VALUE)
                            .equals(
                                p.getMetadata()
                                    .getAnnotations()
                                    .get("controller.kubernetes.io/pod-deletion-cost"))));
    ecs.updateService(r -> r.cluster("shop").service("web").desiredCount(1));
    awaitDeployment(tasks, "web", d -> d.getSpec().getReplicas() == 1);
    controllers.sync();
    kecs.awaitTrue(() -> serviceTasks("web").size() == 1);
    assertThat(serviceTasks("web")).containsExactly(keep.taskArn());
    ecs.updateTaskProtection(r -> r.cluster("shop").tasks(keep.taskArn()).protectionEnabled(false));
    kecs.awaitTrue(
        () ->
            controllers
                    .pods(ns, "web")
                    .get(0)
                    .getMetadata()
                    .getAnnotations()
                    .get("controller.kubernetes.io/pod-deletion-cost")
                == null);
    ecs.updateService(r -> r.cluster("shop").service("web").desiredCount(3));
    awaitDeployment(tasks, "web", d -> d.getSpec().getReplicas() == 3);
    controllers.sync();
    kecs.awaitTrue(() -> serviceTasks("web").size() == 3);
    controllers.pods(ns, "web").forEach(p -> kubelet.run(p, "10.1.0.9", true));
    awaitService(s -> s.runningCount() == 3);

    // A new revision: a new ECS deployment is a new template, so a new ReplicaSet.
    tasks.registerServing("web", "nginx:1.28");
    Service updated =
        ecs.updateService(r -> r.cluster("shop").service("web").taskDefinition("web:2")).service();
    String secondDeployment = updated.deployments().get(0).id();
    awaitDeployment(
        tasks,
        "web",
        d ->
            secondDeployment.equals(
                d.getSpec()
                    .getTemplate()
                    .getMetadata()
                    .getAnnotations()
                    .get("kecs.io/deployment-id")));
    controllers.sync();
    // Both deployments show, each with its ReplicaSet's replicas as its desired count.
    Service rolling =
        awaitService(
            s ->
                s.deployments().size() == 2
                    && s.deployments().get(0).runningCount() == 0
                    && s.deployments().get(0).desiredCount() == 3
                    && s.deployments().get(1).desiredCount() == 3);
    assertThat(rolling.deployments().get(1).id()).isEqualTo(firstDeployment);
    List<ReplicaSet> sets = k8s.client().apps().replicaSets().inNamespace(ns).list().getItems();
    assertThat(sets).hasSize(2);
    kecs.awaitTrue(() -> serviceTasks("web").size() == 6);
    controllers.pods(ns, "web").forEach(p -> kubelet.run(p, "10.1.0.7", true));
    awaitService(s -> s.deployments().get(0).runningCount() == 3);
    controllers.sync(); // the old ReplicaSet scales to zero: its pods go
    Service rolled =
        awaitService(
            s ->
                s.deployments().size() == 1
                    && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
    assertThat(rolled.deployments().get(0).id()).isEqualTo(secondDeployment);
    // The three tasks of the first deployment went with its ReplicaSet (the earlier scale-in's
    // two name the first deployment).
    List<Task> stopped =
        describeStopped("web").stream()
            .filter(t -> t.stoppedReason().contains(secondDeployment))
            .toList();
    assertThat(stopped).hasSize(3);
    assertThat(stopped)
        .allSatisfy(
            t -> {
              assertThat(t.startedBy()).isEqualTo(firstDeployment);
              assertThat(t.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
              assertThat(t.stoppedReason())
                  .isEqualTo("Scaling activity initiated by (deployment " + secondDeployment + ")");
            });

    // StopTask ends the pod; the ReplicaSet makes another, which is a new task.
    Task victim =
        describeAll("web").stream()
            .filter(t -> "RUNNING".equals(t.lastStatus()))
            .findFirst()
            .orElseThrow();
    ecs.stopTask(r -> r.cluster("shop").task(victim.taskArn()).reason("bye"));
    Task gone = tasks.await(victim, t -> "STOPPED".equals(t.lastStatus()));
    assertThat(gone.stopCodeAsString()).isEqualTo("UserInitiated");
    kecs.awaitTrue(() -> controllers.pods(ns, "web").size() == 2);
    controllers.sync();
    kecs.awaitTrue(() -> serviceTasks("web").size() == 3);

    // An essential container that exits stops its task, as on ECS; the pod is ended.
    Pod crashing = controllers.pods(ns, "web").get(0);
    kubelet.run(crashing, "10.1.0.5", true);
    String crashedArn = PodIdentity.taskArn(crashing); // (KECS may delete the pod at once)
    kubelet.exit(crashing, "app", 1, "Error");
    Task crashed =
        tasks.await(
            Task.builder().taskArn(crashedArn).build(), t -> "STOPPED".equals(t.lastStatus()));
    assertThat(crashed.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    kecs.awaitTrue(() -> !kubelet.exists(crashing));

    // Deleting the service scales the workload to nothing, then removes it.
    ecs.deleteService(r -> r.cluster("shop").service("web").force(true));
    // (KECS stops the tasks itself, so the workload may be gone before a look sees it at 0.)
    kecs.awaitTrue(
        () -> {
          Deployment d = k8s.client().apps().deployments().inNamespace(ns).withName("web").get();
          return d == null || d.getSpec().getReplicas() == 0;
        });
    controllers.sync();
    kecs.awaitTrue(
        () ->
            "INACTIVE"
                .equals(
                    ecs.describeServices(r -> r.cluster("shop").services("web"))
                        .services()
                        .get(0)
                        .status()));
    kecs.awaitTrue(
        () ->
            k8s.client().apps().deployments().inNamespace(ns).withName("web").get() == null
                && k8s.client().services().inNamespace(ns).withName("web").get() == null);
  }

  @Test
  void podsThatCannotBeScheduledShowAsServiceEvents() throws Exception {
    EcsTasks tasks = kecs.tasks("crowded");
    tasks.registerServing("big", "nginx:1.27");
    ecs.createService(
        r ->
            r.cluster("crowded")
                .serviceName("big")
                .taskDefinition("big")
                .desiredCount(1)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
    Deployment d = awaitDeployment(tasks, "big", x -> true);
    String ns = d.getMetadata().getNamespace();
    // The scheduler's verdict on an unplaced pod of the service (the mock has no scheduler).
    Pod pending =
        k8s.client()
            .pods()
            .inNamespace(ns)
            .resource(
                new io.fabric8.kubernetes.api.model.PodBuilder()
                    .withNewMetadata()
                    .withName("big-unplaced")
                    .withLabels(d.getSpec().getTemplate().getMetadata().getLabels())
                    .withAnnotations(d.getSpec().getTemplate().getMetadata().getAnnotations())
                    .endMetadata()
                    .withSpec(d.getSpec().getTemplate().getSpec())
                    .build())
            .create();
    kecs.awaitTrue(
        () ->
            k8s.client().pods().inNamespace(ns).withName(pending.getMetadata().getName()).get()
                != null);
    Thread.sleep(200); // let KECS's pod informer see it before the event arrives
    String why = "0/3 nodes are available: 3 Insufficient memory.";
    k8s.client()
        .v1()
        .events()
        .inNamespace(ns)
        .resource(
            new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata()
                .withName("big-unplaced.1")
                .endMetadata()
                .withType("Warning")
                .withReason("FailedScheduling")
                .withMessage(why)
                .withNewInvolvedObject()
                .withKind("Pod")
                .withNamespace(ns)
                .withName("big-unplaced")
                .endInvolvedObject()
                .build())
        .create();
    kecs.awaitTrue(
        () ->
            ecs
                .describeServices(r -> r.cluster("crowded").services("big"))
                .services()
                .get(0)
                .events()
                .stream()
                .anyMatch(
                    e ->
                        e.message()
                            .equals("(service big) was unable to place a task. Reason: " + why)));
    // An unplaced pod is no task yet: ECS creates tasks only where it could place them.
    assertThat(ecs.listTasks(r -> r.cluster("crowded").serviceName("big")).taskArns()).isEmpty();
  }

  @Test
  void daemonServiceRunsAsADaemonSet() throws Exception {
    // The node KECS registered as a container instance of the node cluster ("default").
    EcsTasks tasks = kecs.tasks("default");
    kecs.nodes().add("node-1", true, java.util.Map.of());
    kecs.awaitTrue(
        () ->
            !ecs.listContainerInstances(r -> r.cluster("default"))
                .containerInstanceArns()
                .isEmpty());
    String instance =
        ecs.listContainerInstances(r -> r.cluster("default")).containerInstanceArns().get(0);
    tasks.registerServing("agent", "fluent-bit:3");
    ecs.createService(
        r ->
            r.cluster("default")
                .serviceName("log-agent")
                .taskDefinition("agent")
                .schedulingStrategy(SchedulingStrategy.DAEMON)
                .launchType(LaunchType.EC2)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
    kecs.awaitTrue(
        () ->
            !k8s.client()
                .apps()
                .daemonSets()
                .inAnyNamespace()
                .withLabel("kecs.io/service", "log-agent")
                .list()
                .getItems()
                .isEmpty());
    DaemonSet ds =
        k8s.client()
            .apps()
            .daemonSets()
            .inAnyNamespace()
            .withLabel("kecs.io/service", "log-agent")
            .list()
            .getItems()
            .get(0);
    assertThat(ds.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("kecs.io/service", "log-agent");
    controllers.sync();
    String ns = ds.getMetadata().getNamespace();
    kecs.awaitTrue(() -> serviceTasks("default", "log-agent").size() == 1);
    // Its task stands on the container instance of the pod's node.
    Task daemonTask =
        ecs.describeTasks(r -> r.cluster("default").tasks(serviceTasks("default", "log-agent")))
            .tasks()
            .get(0);
    assertThat(daemonTask.containerInstanceArn()).isEqualTo(instance);
    assertThat(daemonTask.launchTypeAsString()).isEqualTo("EC2");
    controllers.pods(ns, "log-agent").forEach(p -> kubelet.run(p, "10.2.0.1", true));
    kecs.awaitTrue(
        () -> {
          Service s =
              ecs.describeServices(r -> r.cluster("default").services("log-agent"))
                  .services()
                  .get(0);
          return s.desiredCount() == 1 && s.runningCount() == 1;
        });
  }

  private static Deployment awaitDeployment(
      EcsTasks tasks, String name, java.util.function.Predicate<Deployment> condition)
      throws InterruptedException {
    Deployment[] found = new Deployment[1];
    kecs.awaitTrue(
        () -> {
          List<Deployment> all =
              k8s.client()
                  .apps()
                  .deployments()
                  .inAnyNamespace()
                  .withLabel("kecs.io/service", name)
                  .list()
                  .getItems();
          found[0] = all.isEmpty() ? null : all.get(0);
          return found[0] != null && condition.test(found[0]);
        });
    return found[0];
  }

  private static Service awaitService(java.util.function.Predicate<Service> condition)
      throws InterruptedException {
    Service[] found = new Service[1];
    kecs.awaitTrue(
        () -> {
          found[0] = ecs.describeServices(r -> r.cluster("shop").services("web")).services().get(0);
          return condition.test(found[0]);
        });
    return found[0];
  }

  private static List<String> serviceTasks(String service) {
    return serviceTasks("shop", service);
  }

  private static List<String> serviceTasks(String cluster, String service) {
    return ecs.listTasks(r -> r.cluster(cluster).serviceName(service)).taskArns();
  }

  private static Set<String> taskIds(String service) {
    return serviceTasks(service).stream()
        .map(a -> a.substring(a.lastIndexOf('/') + 1))
        .collect(Collectors.toSet());
  }

  private static List<Task> describeAll(String service) {
    return ecs.describeTasks(r -> r.cluster("shop").tasks(serviceTasks(service))).tasks();
  }

  private static List<Task> describeStopped(String service) {
    List<String> arns =
        ecs.listTasks(
                r -> r.cluster("shop").serviceName(service).desiredStatus(DesiredStatus.STOPPED))
            .taskArns();
    return ecs.describeTasks(r -> r.cluster("shop").tasks(arns)).tasks();
  }
}
