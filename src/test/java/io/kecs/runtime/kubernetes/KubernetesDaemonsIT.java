package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.CreateManagedInstancesProviderConfiguration;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDetail;
import software.amazon.awssdk.services.ecs.model.DaemonNotFoundException;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS Managed Daemons as Kubernetes DaemonSets, end to end on the mock API server: four nodes
 * register as container instances of the cluster {@code hosts}, two labelled with the capacity
 * provider {@code mi}, one with {@code other}, one with none. The test plays the DaemonSet
 * controller ({@link FakeDaemonSets}) and the kubelet, and checks the DaemonSet KECS makes and the
 * ECS answers through the AWS SDK.
 */
class KubernetesDaemonsIT {
  private static final String CLUSTER = "hosts";

  @RegisterExtension static KubernetesKecs cluster = new KubernetesKecs().nodeCluster(CLUSTER);

  private static KubernetesMock k8s;
  private static EcsClient ecs;
  private static FakeKubelet kubelet;
  private static FakeControllers controllers;
  private static Map<String, String> instanceOfNode;
  private static String mi;
  private static String other;

  @BeforeAll
  static void start() throws Exception {
    k8s = cluster.k8s();
    ecs = cluster.ecs();
    kubelet = cluster.kubelet();
    controllers = new FakeControllers(k8s.client(), "no-such-node");
    FakeNodes nodes = cluster.nodes();
    nodes.add("node-a", true, Map.of(NodeMapper.CAPACITY_PROVIDER, "mi"));
    nodes.add("node-b", true, Map.of(NodeMapper.CAPACITY_PROVIDER, "mi"));
    nodes.add("node-c", true, Map.of(NodeMapper.CAPACITY_PROVIDER, "other"));
    nodes.add("node-d", true, Map.of());
    await(() -> instances().size() == 4, () -> instances().toString());
    instanceOfNode =
        instances().stream()
            .collect(
                Collectors.toMap(
                    ContainerInstance::ec2InstanceId, ContainerInstance::containerInstanceArn));
    mi = provider("mi");
    other = provider("other");
  }

  @Test
  void aDaemonRunsAsADaemonSetOnTheNodesOfItsProvider() throws Exception {
    String v1 = definition("logs", "fluent-bit:3");
    String daemonArn =
        ecs.createDaemon(
                r ->
                    r.clusterArn(CLUSTER)
                        .daemonName("logs")
                        .daemonTaskDefinitionArn(v1)
                        .capacityProviderArns("mi")
                        .deploymentConfiguration(c -> c.drainPercent(50.0)))
            .daemonArn();
    String firstRevision = revisionId(describe(daemonArn));

    DaemonSet ds = awaitDaemonSet("daemon-logs", firstRevision);
    String ns = ds.getMetadata().getNamespace();
    assertThat(ds.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "kecs")
        .containsEntry("kecs.io/daemon", "daemon-logs")
        .doesNotContainKey("kecs.io/service");
    assertThat(ds.getMetadata().getAnnotations())
        .containsEntry("kecs.io/daemon-arn", daemonArn)
        .doesNotContainKey("kecs.io/service-arn");
    assertThat(ds.getSpec().getSelector().getMatchLabels())
        .isEqualTo(Map.of("kecs.io/daemon", "daemon-logs"));
    assertThat(ds.getSpec().getTemplate().getSpec().getNodeSelector())
        .containsEntry("kecs.io/capacity-provider", "mi");
    assertThat(ds.getSpec().getTemplate().getSpec().getAffinity()).isNull();
    assertThat(ds.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable().getStrVal())
        .isEqualTo("50%");
    assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxSurge().getStrVal())
        .isEqualTo("0%");
    assertThat(ds.getSpec().getMinReadySeconds()).isNull();
    assertThat(ds.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("fluent-bit:3");
    // ECS gives daemons no load balancing or discovery: no Service.
    assertThat(k8s.client().services().inNamespace(ns).withName("daemon-logs").get()).isNull();

    // One pod on each node of the provider; each is a daemon task named by the pod's UID.
    controllers.sync();
    List<Pod> pods = controllers.pods(ns, "daemon-logs");
    assertThat(pods)
        .extracting(p -> p.getSpec().getNodeName())
        .containsExactlyInAnyOrder("node-a", "node-b");
    await(() -> liveTasks("logs").size() == 2, () -> liveTasks("logs").toString());
    assertThat(liveTasks("logs"))
        .extracting(t -> t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1))
        .containsExactlyInAnyOrderElementsOf(
            pods.stream().map(p -> p.getMetadata().getUid().replace("-", "")).toList());
    assertThat(liveTasks("logs"))
        .allSatisfy(
            t -> {
              assertThat(t.group()).isEqualTo("daemon:logs");
              assertThat(t.startedBy()).isEqualTo(firstRevision);
              assertThat(t.taskDefinitionArn()).isEqualTo(v1);
              assertThat(t.launchTypeAsString()).isEqualTo("MANAGED_INSTANCES");
              assertThat(t.capacityProviderName()).isEqualTo("mi");
              assertThat(t.availabilityZone()).isEqualTo("us-east-1b");
            })
        .extracting(Task::containerInstanceArn)
        .containsExactlyInAnyOrder(instanceOfNode.get("node-a"), instanceOfNode.get("node-b"));
    pods.forEach(p -> kubelet.run(p, "10.3.0.1", true));
    String firstDeployment = describe(daemonArn).deploymentArn();
    DaemonDeployment created = awaitDeployment(firstDeployment, "SUCCESSFUL");
    assertThat(created.targetDaemonRevision().totalRunningInstanceCount()).isEqualTo(2);
    assertThat(created.targetDaemonRevision().capacityProviders())
        .singleElement()
        .satisfies(p -> assertThat(p.runningInstanceCount()).isEqualTo(2));

    // A new revision is a new template; the DaemonSet replaces half the nodes at a time.
    String v2 = definition("logs", "fluent-bit:4");
    String update =
        ecs.updateDaemon(
                r -> r.daemonArn(daemonArn).daemonTaskDefinitionArn(v2).capacityProviderArns("mi"))
            .deploymentArn();
    String secondRevision = revisionId(describe(daemonArn));
    assertThat(secondRevision).isNotEqualTo(firstRevision);
    ds = awaitDaemonSet("daemon-logs", secondRevision);
    assertThat(ds.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("fluent-bit:4");
    controllers.sync(); // one old pod goes
    await(() -> stoppedTasks("logs").size() == 1, () -> stoppedTasks("logs").toString());
    assertThat(stoppedTasks("logs").get(0).stopCodeAsString())
        .isEqualTo("ServiceSchedulerInitiated");
    assertThat(deployment(update).statusAsString()).isEqualTo("IN_PROGRESS");
    controllers.sync(); // its node gets the new one
    await(() -> liveTasks("logs").size() == 2, () -> liveTasks("logs").toString());
    podsOf(ns, "daemon-logs", secondRevision).forEach(p -> kubelet.run(p, "10.3.0.2", true));
    await(
        () ->
            liveTasks("logs").stream().filter(t -> secondRevision.equals(t.startedBy())).count()
                == 1,
        () -> liveTasks("logs").toString());
    controllers.sync(); // the second old pod goes
    controllers.sync(); // and its node gets the new one
    await(
        () ->
            liveTasks("logs").stream().filter(t -> secondRevision.equals(t.startedBy())).count()
                == 2,
        () -> liveTasks("logs").toString());
    controllers.pods(ns, "daemon-logs").forEach(p -> kubelet.run(p, "10.3.0.3", true));
    DaemonDeployment rolled = awaitDeployment(update, "SUCCESSFUL");
    assertThat(rolled.targetDaemonRevision().totalRunningInstanceCount()).isEqualTo(2);
    assertThat(stoppedTasks("logs"))
        .hasSize(2)
        .allSatisfy(t -> assertThat(t.startedBy()).isEqualTo(firstRevision));
    assertThat(describe(daemonArn).currentRevisions())
        .singleElement()
        .satisfies(rev -> assertThat(rev.totalRunningCount()).isEqualTo(2));

    // Deleting the daemon removes the DaemonSet and stops every task.
    String deletion = ecs.deleteDaemon(r -> r.daemonArn(daemonArn)).deploymentArn();
    await(() -> daemonSet("daemon-logs") == null, () -> "DaemonSet still there");
    await(() -> liveTasks("logs").isEmpty(), () -> liveTasks("logs").toString());
    awaitDeployment(deletion, "SUCCESSFUL");
    assertThat(stoppedTasks("logs"))
        .filteredOn(t -> secondRevision.equals(t.startedBy()))
        .allSatisfy(t -> assertThat(t.stoppedReason()).isEqualTo("Daemon logs was deleted."));
    await(() -> controllers.pods(ns, "daemon-logs").isEmpty(), () -> "pods left");
    assertThatThrownBy(() -> ecs.describeDaemon(r -> r.daemonArn(daemonArn)))
        .isInstanceOf(DaemonNotFoundException.class);
  }

  @Test
  void severalProvidersBecomeNodeAffinityAndTheBakeTimeMinReadySeconds() throws Exception {
    String def = definition("metrics", "otel-collector:1");
    String daemonArn =
        ecs.createDaemon(
                r ->
                    r.clusterArn(CLUSTER)
                        .daemonName("metrics")
                        .daemonTaskDefinitionArn(def)
                        .capacityProviderArns(mi, other)
                        .deploymentConfiguration(c -> c.bakeTimeInMinutes(2)))
            .daemonArn();
    DaemonSet ds = awaitDaemonSet("daemon-metrics", revisionId(describe(daemonArn)));
    assertThat(ds.getSpec().getTemplate().getSpec().getNodeSelector())
        .doesNotContainKey("kecs.io/capacity-provider");
    var terms =
        ds.getSpec()
            .getTemplate()
            .getSpec()
            .getAffinity()
            .getNodeAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms();
    assertThat(terms).singleElement();
    assertThat(terms.get(0).getMatchExpressions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getKey()).isEqualTo("kecs.io/capacity-provider");
              assertThat(e.getOperator()).isEqualTo("In");
              assertThat(e.getValues()).containsExactly("mi", "other");
            });
    assertThat(ds.getSpec().getMinReadySeconds()).isEqualTo(120);
    // The default drainPercent, 25.
    assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable().getStrVal())
        .isEqualTo("25%");

    controllers.sync();
    String ns = ds.getMetadata().getNamespace();
    assertThat(controllers.pods(ns, "daemon-metrics"))
        .extracting(p -> p.getSpec().getNodeName())
        .containsExactlyInAnyOrder("node-a", "node-b", "node-c");
    await(() -> liveTasks("metrics").size() == 3, () -> liveTasks("metrics").toString());
    assertThat(liveTasks("metrics"))
        .extracting(Task::capacityProviderName)
        .containsExactlyInAnyOrder("mi", "mi", "other");
    controllers.pods(ns, "daemon-metrics").forEach(p -> kubelet.run(p, "10.4.0.1", true));
    // The first deployment replaces nothing, so it does not bake.
    DaemonDeployment done = awaitDeployment(describe(daemonArn).deploymentArn(), "SUCCESSFUL");
    assertThat(done.targetDaemonRevision().capacityProviders())
        .extracting(p -> p.runningInstanceCount())
        .containsExactlyInAnyOrder(2, 1);

    ecs.deleteDaemon(r -> r.daemonArn(daemonArn));
    await(() -> daemonSet("daemon-metrics") == null, () -> "DaemonSet still there");
    await(() -> liveTasks("metrics").isEmpty(), () -> liveTasks("metrics").toString());
  }

  @Test
  void failingPodsTripTheCircuitBreakerAndTheDaemonSetRollsBack() throws Exception {
    String good = definition("probe", "probe:1");
    String daemonArn =
        ecs.createDaemon(
                r ->
                    r.clusterArn(CLUSTER)
                        .daemonName("probe")
                        .daemonTaskDefinitionArn(good)
                        .capacityProviderArns("mi")
                        .deploymentConfiguration(c -> c.drainPercent(100.0)))
            .daemonArn();
    String goodRevision = revisionId(describe(daemonArn));
    DaemonSet ds = awaitDaemonSet("daemon-probe", goodRevision);
    String ns = ds.getMetadata().getNamespace();
    controllers.sync();
    await(() -> liveTasks("probe").size() == 2, () -> liveTasks("probe").toString());
    controllers.pods(ns, "daemon-probe").forEach(p -> kubelet.run(p, "10.5.0.1", true));
    awaitDeployment(describe(daemonArn).deploymentArn(), "SUCCESSFUL");

    String bad = definition("probe", "probe:missing");
    String update =
        ecs.updateDaemon(
                r -> r.daemonArn(daemonArn).daemonTaskDefinitionArn(bad).capacityProviderArns("mi"))
            .deploymentArn();
    String badRevision = revisionId(describe(daemonArn));
    awaitDaemonSet("daemon-probe", badRevision);
    // Every new pod fails to pull its image: KECS ends it, the DaemonSet makes another.
    for (int round = 0; round < 6 && !"ROLLBACK_IN_PROGRESS".equals(status(update)); round++) {
      controllers.sync();
      for (Pod p : podsOf(ns, "daemon-probe", badRevision)) {
        kubelet.imagePullBackOff(p, "pull access denied for probe");
      }
      Thread.sleep(300);
    }
    DaemonDeployment tripped = awaitDeployment(update, "ROLLBACK_IN_PROGRESS");
    assertThat(tripped.circuitBreaker().statusAsString()).isEqualTo("TRIGGERED");
    assertThat(tripped.circuitBreaker().failureCount()).isGreaterThanOrEqualTo(3);
    assertThat(tripped.rollback().rollbackTargetDaemonRevisionArn()).endsWith("/" + goodRevision);
    assertThat(stoppedTasks("probe"))
        .filteredOn(t -> badRevision.equals(t.startedBy()))
        .isNotEmpty()
        .allSatisfy(t -> assertThat(t.stopCodeAsString()).isEqualTo("TaskFailedToStart"));

    // The DaemonSet goes back to the good revision's template.
    awaitDaemonSet("daemon-probe", goodRevision);
    controllers.sync();
    controllers.sync();
    await(
        () -> controllers.pods(ns, "daemon-probe").size() == 2,
        () -> controllers.pods(ns, "daemon-probe").toString());
    controllers.pods(ns, "daemon-probe").forEach(p -> kubelet.run(p, "10.5.0.2", true));
    awaitDeployment(update, "ROLLBACK_SUCCESSFUL");
    assertThat(liveTasks("probe"))
        .hasSize(2)
        .allSatisfy(t -> assertThat(t.startedBy()).isEqualTo(goodRevision));

    ecs.deleteDaemon(r -> r.daemonArn(daemonArn));
    await(() -> daemonSet("daemon-probe") == null, () -> "DaemonSet still there");
  }

  @Test
  void aDaemonNeverTakesOverTheDaemonSetOfAServiceThatHasItsName() throws Exception {
    ecs.registerTaskDefinition(
        r ->
            r.family("clash")
                .requiresCompatibilities(Compatibility.EC2)
                .memory("128")
                .containerDefinitions(c -> c.name("app").image("busybox").essential(true)));
    String serviceArn =
        ecs.createService(
                r ->
                    r.cluster(CLUSTER)
                        .serviceName("daemon-clash")
                        .taskDefinition("clash")
                        .schedulingStrategy(SchedulingStrategy.DAEMON)
                        .launchType(LaunchType.EC2))
            .service()
            .serviceArn();
    await(() -> daemonSet("daemon-clash") != null, () -> "no DaemonSet for the service");

    String daemonArn =
        ecs.createDaemon(
                r ->
                    r.clusterArn(CLUSTER)
                        .daemonName("clash")
                        .daemonTaskDefinitionArn(definition("clash", "agent:1"))
                        .capacityProviderArns("mi"))
            .daemonArn();
    String deployment = describe(daemonArn).deploymentArn();
    await(
        () -> String.valueOf(deployment(deployment).statusReason()).contains("already belongs to"),
        () -> deployment(deployment).toString());
    assertThat(deployment(deployment).statusReason()).endsWith(serviceArn);
    assertThat(daemonSet("daemon-clash").getMetadata().getAnnotations())
        .containsEntry("kecs.io/service-arn", serviceArn)
        .doesNotContainKey("kecs.io/daemon-arn");

    // Deleting the daemon leaves the service's DaemonSet alone.
    ecs.deleteDaemon(r -> r.daemonArn(daemonArn));
    await(
        () -> {
          try {
            describe(daemonArn);
            return false;
          } catch (DaemonNotFoundException gone) {
            return true;
          }
        },
        () -> "daemon still there");
    assertThat(daemonSet("daemon-clash")).isNotNull();
    ecs.deleteService(r -> r.cluster(CLUSTER).service("daemon-clash"));
    await(() -> daemonSet("daemon-clash") == null, () -> "the service's DaemonSet is left");
  }

  private static List<ContainerInstance> instances() {
    List<String> arns = ecs.listContainerInstances(r -> r.cluster(CLUSTER)).containerInstanceArns();
    return arns.isEmpty()
        ? List.of()
        : ecs.describeContainerInstances(r -> r.cluster(CLUSTER).containerInstances(arns))
            .containerInstances();
  }

  private static String provider(String name) {
    CreateManagedInstancesProviderConfiguration config =
        CreateManagedInstancesProviderConfiguration.builder()
            .infrastructureRoleArn("arn:aws:iam::000000000000:role/ecsInfrastructureRole")
            .instanceLaunchTemplate(
                t ->
                    t.ec2InstanceProfileArn(
                            "arn:aws:iam::000000000000:instance-profile/ecsInstanceProfile")
                        .networkConfiguration(n -> n.subnets("subnet-0b48066557a0e97ac")))
            .build();
    return ecs.createCapacityProvider(
            r -> r.name(name).cluster(CLUSTER).managedInstancesProvider(config))
        .capacityProvider()
        .capacityProviderArn();
  }

  private static String definition(String family, String image) {
    return ecs.registerDaemonTaskDefinition(
            r ->
                r.family(family)
                    .cpu("256")
                    .memory("512")
                    .containerDefinitions(c -> c.name("agent").image(image).essential(true)))
        .daemonTaskDefinitionArn();
  }

  private static DaemonDetail describe(String daemonArn) {
    return ecs.describeDaemon(r -> r.daemonArn(daemonArn)).daemon();
  }

  /** The id of the revision the daemon's latest deployment targets. */
  private static String revisionId(DaemonDetail d) {
    String arn = deployment(d.deploymentArn()).targetDaemonRevision().arn();
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  private static DaemonDeployment deployment(String arn) {
    return ecs.describeDaemonDeployments(r -> r.daemonDeploymentArns(arn))
        .daemonDeployments()
        .get(0);
  }

  private static String status(String deploymentArn) {
    return deployment(deploymentArn).statusAsString();
  }

  private static DaemonDeployment awaitDeployment(String arn, String status)
      throws InterruptedException {
    await(() -> status.equals(status(arn)), () -> deployment(arn).toString());
    return deployment(arn);
  }

  private static DaemonSet daemonSet(String name) {
    return k8s.client().apps().daemonSets().inAnyNamespace().list().getItems().stream()
        .filter(d -> name.equals(d.getMetadata().getName()))
        .findFirst()
        .orElse(null);
  }

  /** The DaemonSet once its pod template is the revision's. */
  private static DaemonSet awaitDaemonSet(String name, String revisionId)
      throws InterruptedException {
    Supplier<String> deployed =
        () -> {
          DaemonSet d = daemonSet(name);
          return d == null
              ? null
              : d.getSpec()
                  .getTemplate()
                  .getMetadata()
                  .getAnnotations()
                  .get("kecs.io/deployment-id");
        };
    await(() -> revisionId.equals(deployed.get()), () -> "DaemonSet runs " + deployed.get());
    return daemonSet(name);
  }

  /** The live pods of a DaemonSet made from a revision's template. */
  private static List<Pod> podsOf(String ns, String workload, String revisionId) {
    return controllers.pods(ns, workload).stream()
        .filter(
            p -> revisionId.equals(p.getMetadata().getAnnotations().get("kecs.io/deployment-id")))
        .toList();
  }

  private static List<Task> tasks(String daemon, DesiredStatus status) {
    List<String> arns =
        ecs.listTasks(r -> r.cluster(CLUSTER).daemonName(daemon).desiredStatus(status)).taskArns();
    return arns.isEmpty()
        ? List.of()
        : ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks();
  }

  private static List<Task> liveTasks(String daemon) {
    return tasks(daemon, DesiredStatus.RUNNING).stream()
        .filter(t -> "RUNNING".equals(t.desiredStatus()))
        .toList();
  }

  private static List<Task> stoppedTasks(String daemon) {
    Set<String> seen = new java.util.HashSet<>();
    return tasks(daemon, DesiredStatus.STOPPED).stream()
        .filter(t -> "STOPPED".equals(t.lastStatus()) && seen.add(t.taskArn()))
        .toList();
  }

  private static void await(BooleanSupplier condition, Supplier<String> state)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out; last state: " + state.get());
      }
      Thread.sleep(50);
    }
  }
}
