package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.ecs.instance.Ec2Instances;
import io.kecs.testing.KecsTestServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

/** DAEMON services through the AWS SDK: one task per container instance, following instances. */
class DaemonServiceIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();

  private String register(String image) {
    return ecs.registerTaskDefinition(
            r ->
                r.family("agent")
                    .containerDefinitions(
                        c -> c.name("agent").image(image).cpu(128).memory(128).essential(true)))
        .taskDefinition()
        .taskDefinitionArn();
  }

  private String instance(String id, Attribute... attributes) {
    return ecs.registerContainerInstance(
            r ->
                r.cluster("hosts")
                    .instanceIdentityDocument(Ec2Instances.document(id, "m5.large", "us-east-1a"))
                    .instanceIdentityDocumentSignature("c2lnbmF0dXJl")
                    .versionInfo(Ec2Instances.AGENT)
                    .totalResources(Ec2Instances.M5_LARGE)
                    .attributes(attributes))
        .containerInstance()
        .containerInstanceArn();
  }

  private Service describe(String name) {
    return ecs.describeServices(r -> r.cluster("hosts").services(name)).services().get(0);
  }

  /** The service's tasks that should run, by container instance. */
  private Map<String, List<Task>> tasksByInstance(String service) {
    List<String> arns =
        ecs.listTasks(
                r -> r.cluster("hosts").serviceName(service).desiredStatus(DesiredStatus.RUNNING))
            .taskArns();
    Map<String, List<Task>> out = new HashMap<>();
    if (arns.isEmpty()) {
      return out;
    }
    for (Task t : ecs.describeTasks(r -> r.cluster("hosts").tasks(arns)).tasks()) {
      if ("RUNNING".equals(t.desiredStatus())) {
        out.computeIfAbsent(t.containerInstanceArn(), k -> new java.util.ArrayList<>()).add(t);
      }
    }
    return out;
  }

  private Service await(String name, Predicate<Service> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Service s = describe(name);
    while (!condition.test(s)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out; last state: " + s);
      }
      Thread.sleep(50);
      s = describe(name);
    }
    return s;
  }

  private Service createDaemon(String name, String taskDefinition) {
    return ecs.createService(
            r ->
                r.cluster("hosts")
                    .serviceName(name)
                    .taskDefinition(taskDefinition)
                    .schedulingStrategy(SchedulingStrategy.DAEMON))
        .service();
  }

  @Test
  void oneTaskPerInstanceFollowingTheInstances() throws Exception {
    ecs.createCluster(r -> r.clusterName("hosts"));
    String a = instance("i-0000000000000000a");
    String b = instance("i-0000000000000000b");
    String c = instance("i-0000000000000000c");
    Service created = createDaemon("agent", register("agent:1"));
    assertThat(created.schedulingStrategyAsString()).isEqualTo("DAEMON");
    assertThat(created.deploymentConfiguration().maximumPercent()).isEqualTo(100);
    // The desired count is the instances it runs on from the start (waiters rely on it).
    assertThat(created.desiredCount()).isEqualTo(3);

    kecs.waiter().waitUntilServicesStable(r -> r.cluster("hosts").services("agent"));
    Service stable = describe("agent");
    assertThat(stable.desiredCount()).isEqualTo(3);
    assertThat(stable.runningCount()).isEqualTo(3);
    assertThat(tasksByInstance("agent"))
        .containsOnlyKeys(a, b, c)
        .allSatisfy((instance, tasks) -> assertThat(tasks).hasSize(1));
    assertThat(stable.events())
        .extracting(ServiceEvent::message)
        .anyMatch(m -> m.startsWith("(service agent) has started 3 tasks"));

    // A DRAINING instance loses its daemon task; the desired count follows.
    ecs.updateContainerInstancesState(
        r -> r.cluster("hosts").containerInstances(b).status(ContainerInstanceStatus.DRAINING));
    await("agent", s -> s.desiredCount() == 2 && s.runningCount() == 2);
    assertThat(tasksByInstance("agent")).containsOnlyKeys(a, c);

    // A new instance gets a task at once.
    String d = instance("i-0000000000000000d");
    await("agent", s -> s.desiredCount() == 3 && s.runningCount() == 3);
    assertThat(tasksByInstance("agent")).containsOnlyKeys(a, c, d);

    // Back to ACTIVE: the instance gets its task again.
    ecs.updateContainerInstancesState(
        r -> r.cluster("hosts").containerInstances(b).status(ContainerInstanceStatus.ACTIVE));
    await("agent", s -> s.desiredCount() == 4 && s.runningCount() == 4);
  }

  @Test
  void newRevisionRollsInstanceByInstance() throws Exception {
    ecs.createCluster(r -> r.clusterName("hosts"));
    for (String id : List.of("a", "b", "c", "d")) {
      instance("i-000000000000000" + id + "0");
    }
    String v1 = register("agent:1");
    String v2 = register("agent:2");
    createDaemon("agent", v1);
    kecs.waiter().waitUntilServicesStable(r -> r.cluster("hosts").services("agent"));

    ecs.updateService(
        r ->
            r.cluster("hosts")
                .service("agent")
                .taskDefinition(v2)
                .deploymentConfiguration(d -> d.minimumHealthyPercent(75)));
    // Watch the rollout: never two tasks on an instance, never more than one instance without
    // a running task (75% of 4 stay healthy).
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      Map<String, List<Task>> now = tasksByInstance("agent");
      assertThat(now.values()).allSatisfy(tasks -> assertThat(tasks).hasSizeLessThanOrEqualTo(1));
      long running =
          now.values().stream()
              .flatMap(List::stream)
              .filter(t -> "RUNNING".equals(t.lastStatus()))
              .count();
      assertThat(running).isGreaterThanOrEqualTo(3);
      boolean done =
          now.size() == 4
              && now.values().stream()
                  .flatMap(List::stream)
                  .allMatch(
                      t -> v2.equals(t.taskDefinitionArn()) && "RUNNING".equals(t.lastStatus()));
      if (done) {
        break;
      }
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(20);
    }
    Service rolled =
        await(
            "agent",
            s ->
                s.deployments().size() == 1
                    && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
    assertThat(rolled.deployments().get(0).taskDefinition()).isEqualTo(v2);
  }

  @Test
  void placementConstraintsChooseTheInstancesAndDeletionStopsEverything() throws Exception {
    ecs.createCluster(r -> r.clusterName("hosts"));
    String edge =
        instance("i-0000000000000000e", Attribute.builder().name("role").value("edge").build());
    instance("i-0000000000000000f");
    ecs.createService(
        r ->
            r.cluster("hosts")
                .serviceName("proxy")
                .taskDefinition(register("proxy:1"))
                .schedulingStrategy(SchedulingStrategy.DAEMON)
                .placementConstraints(
                    p -> p.type("memberOf").expression("attribute:role == edge")));
    await("proxy", s -> s.runningCount() == 1 && s.desiredCount() == 1);
    assertThat(tasksByInstance("proxy")).containsOnlyKeys(edge);

    // A DAEMON service is deleted without force; its tasks stop and it goes INACTIVE.
    ecs.deleteService(r -> r.cluster("hosts").service("proxy"));
    kecs.waiter().waitUntilServicesInactive(r -> r.cluster("hosts").services("proxy"));
    assertThat(tasksByInstance("proxy")).isEmpty();
  }
}
