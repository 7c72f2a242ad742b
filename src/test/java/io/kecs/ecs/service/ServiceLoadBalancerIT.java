package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.testing.KecsTestServer;
import io.kecs.testing.LoadBalancers;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * ECS services behind ELBv2 target groups, both APIs of the same KECS through the AWS SDK: tasks
 * registered as ip targets, deregistered with the delay while DEACTIVATING, ECS's events, task sets
 * into their own groups.
 */
class ServiceLoadBalancerIT {
  static final String CLUSTER = "lb";

  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();
  private final LoadBalancers elb = new LoadBalancers(kecs.endpoint());

  @AfterEach
  void close() {
    elb.close();
  }

  static String fargateDefinition(EcsClient ecs) {
    return ecs.registerTaskDefinition(
            r ->
                r.family("web")
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC)
                    .cpu("256")
                    .memory("512")
                    .containerDefinitions(
                        c -> c.name("app").image("nginx").portMappings(p -> p.containerPort(80))))
        .taskDefinition()
        .taskDefinitionArn();
  }

  private void createService(String name, String def, int count, String tg) {
    ecs.createCluster(r -> r.clusterName(CLUSTER));
    ecs.createService(
        r ->
            r.cluster(CLUSTER)
                .serviceName(name)
                .taskDefinition(def)
                .desiredCount(count)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                .loadBalancers(lb -> lb.targetGroupArn(tg).containerName("app").containerPort(80)));
  }

  private List<TargetHealthDescription> targets(String tg) {
    return elb.client().describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions();
  }

  private List<Task> tasks(String service, String desired) {
    List<String> arns =
        ecs.listTasks(r -> r.cluster(CLUSTER).serviceName(service).desiredStatus(desired))
            .taskArns();
    return arns.isEmpty()
        ? List.of()
        : ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks();
  }

  private List<String> events(String service) {
    return ecs
        .describeServices(r -> r.cluster(CLUSTER).services(service))
        .services()
        .get(0)
        .events()
        .stream()
        .map(ServiceEvent::message)
        .toList();
  }

  static String ip(Task t) {
    return t.attachments().get(0).details().stream()
        .filter(d -> d.name().equals("privateIPv4Address"))
        .findFirst()
        .orElseThrow()
        .value();
  }

  @Test
  void tasksAreRegisteredThenDrainedWhileDeactivating() throws Exception {
    String tg = elb.servedGroup("web", TargetTypeEnum.IP);
    elb.deregistrationDelay(tg, 5);
    createService("web", fargateDefinition(ecs), 2, tg);

    List<TargetHealthDescription> registered =
        TaskSetFixture.await(() -> targets(tg), l -> l.size() == 2);
    List<Task> running =
        TaskSetFixture.await(
            () -> tasks("web", "RUNNING"),
            l -> l.size() == 2 && l.stream().allMatch(t -> "RUNNING".equals(t.lastStatus())));
    Set<String> taskTargets = running.stream().map(t -> ip(t) + ":80").collect(Collectors.toSet());
    assertThat(
            registered.stream()
                .map(d -> d.target().id() + ":" + d.target().port())
                .collect(Collectors.toSet()))
        .isEqualTo(taskTargets);
    assertThat(registered)
        .allSatisfy(d -> assertThat(d.targetHealth().stateAsString()).isEqualTo("initial"));
    assertThat(TaskSetFixture.await(() -> events("web"), e -> !e.isEmpty()))
        .contains("(service web) registered 1 targets in (target-group " + tg + ")");

    ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(0));
    List<Task> deactivating =
        TaskSetFixture.await(
            () -> tasks("web", "STOPPED"),
            l -> l.size() == 2 && l.stream().allMatch(t -> "DEACTIVATING".equals(t.lastStatus())));
    assertThat(deactivating).allSatisfy(t -> assertThat(t.desiredStatus()).isEqualTo("STOPPED"));
    assertThat(targets(tg))
        .hasSize(2)
        .allSatisfy(d -> assertThat(d.targetHealth().stateAsString()).isEqualTo("draining"));

    TaskSetFixture.await(() -> targets(tg), List::isEmpty);
    TaskSetFixture.await(
        () -> tasks("web", "STOPPED"),
        l -> l.size() == 2 && l.stream().allMatch(t -> "STOPPED".equals(t.lastStatus())));
    assertThat(events("web"))
        .contains(
            "(service web) deregistered 1 targets in (target-group " + tg + ")",
            "(service web) has begun draining connections on 1 tasks.");
  }

  @Test
  void stopTaskDeregistersBeforeTheTaskStops() throws Exception {
    String tg = elb.servedGroup("web", TargetTypeEnum.IP);
    elb.deregistrationDelay(tg, 1);
    createService("web", fargateDefinition(ecs), 1, tg);
    TaskSetFixture.await(() -> targets(tg), l -> l.size() == 1);
    Task task =
        TaskSetFixture.await(
                () -> tasks("web", "RUNNING"),
                l -> l.size() == 1 && "RUNNING".equals(l.get(0).lastStatus()))
            .get(0);

    Task stopping =
        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()).reason("by hand")).task();
    assertThat(stopping.lastStatus()).isEqualTo("DEACTIVATING");
    assertThat(stopping.desiredStatus()).isEqualTo("STOPPED");

    Task stopped =
        TaskSetFixture.await(
            () -> ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task.taskArn())).tasks().get(0),
            t -> "STOPPED".equals(t.lastStatus()));
    assertThat(stopped.stoppedReason()).isEqualTo("by hand");
    // The scheduler replaces it, and the replacement is registered instead.
    List<TargetHealthDescription> now =
        TaskSetFixture.await(
            () -> targets(tg), l -> l.size() == 1 && !l.get(0).target().id().equals(ip(task)));
    assertThat(now.get(0).target().port()).isEqualTo(80);
  }

  @Test
  void withoutDelayTasksStopAtOnce() throws Exception {
    String tg = elb.servedGroup("web", TargetTypeEnum.IP);
    elb.deregistrationDelay(tg, 0);
    createService("web", fargateDefinition(ecs), 1, tg);
    TaskSetFixture.await(() -> targets(tg), l -> l.size() == 1);
    ecs.deleteService(r -> r.cluster(CLUSTER).service("web").force(true));
    TaskSetFixture.await(() -> targets(tg), List::isEmpty);
    TaskSetFixture.await(
        () -> tasks("web", "STOPPED"),
        l -> l.size() == 1 && "STOPPED".equals(l.get(0).lastStatus()));
  }

  @Test
  void eachTaskSetRegistersIntoItsOwnTargetGroup() throws Exception {
    String blue = elb.group("blue", TargetTypeEnum.IP);
    String green = elb.group("green", TargetTypeEnum.IP);
    elb.forwardTo("bg", 80, blue);
    elb.forwardTo("bg-test", 8080, green);
    String def = fargateDefinition(ecs);
    ecs.createCluster(r -> r.clusterName(CLUSTER));
    ecs.createService(
        r ->
            r.cluster(CLUSTER)
                .serviceName("bg")
                .desiredCount(1)
                .deploymentController(d -> d.type(DeploymentControllerType.EXTERNAL)));
    String a = taskSet("bg", def, blue);
    String b = taskSet("bg", def, green);

    List<TargetHealthDescription> inBlue =
        TaskSetFixture.await(() -> targets(blue), l -> l.size() == 1);
    List<TargetHealthDescription> inGreen =
        TaskSetFixture.await(() -> targets(green), l -> l.size() == 1);
    String blueTask =
        ip(
            ecs.describeTasks(
                    r ->
                        r.cluster(CLUSTER)
                            .tasks(ecs.listTasks(x -> x.cluster(CLUSTER).startedBy(a)).taskArns()))
                .tasks()
                .get(0));
    assertThat(inBlue.get(0).target().id()).isEqualTo(blueTask);
    assertThat(inGreen.get(0).target().id()).isNotEqualTo(blueTask);
    assertThat(b).isNotEqualTo(a);
  }

  private String taskSet(String service, String def, String tg) {
    return ecs.createTaskSet(
            r ->
                r.cluster(CLUSTER)
                    .service(service)
                    .taskDefinition(def)
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets("subnet-1")))
                    .loadBalancers(
                        lb -> lb.targetGroupArn(tg).containerName("app").containerPort(80))
                    .scale(s -> s.value(100.0).unit("PERCENT")))
        .taskSet()
        .id();
  }

  @Test
  void bridgeTasksAreInstanceTargetsOnTheirHostPort() throws Exception {
    String tg = elb.servedGroup("web", TargetTypeEnum.INSTANCE);
    elb.deregistrationDelay(tg, 0);
    ecs.createCluster(r -> r.clusterName(CLUSTER));
    ecs.registerContainerInstance(
        r ->
            r.cluster(CLUSTER)
                .instanceIdentityDocument(
                    "{\"instanceId\":\"i-0123456789abcdef0\",\"region\":\"us-east-1\","
                        + "\"instanceType\":\"m5.large\"}"));
    ecs.registerTaskDefinition(
        r ->
            r.family("bridge")
                .networkMode(NetworkMode.BRIDGE)
                .containerDefinitions(
                    c ->
                        c.name("app")
                            .image("nginx")
                            .memory(128)
                            .portMappings(p -> p.containerPort(80).hostPort(0))));
    ecs.createService(
        r ->
            r.cluster(CLUSTER)
                .serviceName("web")
                .taskDefinition("bridge")
                .desiredCount(1)
                .launchType(LaunchType.EC2)
                .loadBalancers(lb -> lb.targetGroupArn(tg).containerName("app").containerPort(80)));

    TargetHealthDescription target =
        TaskSetFixture.await(() -> targets(tg), l -> l.size() == 1).get(0);
    Task task =
        TaskSetFixture.await(
                () -> tasks("web", "RUNNING"),
                l -> l.size() == 1 && "RUNNING".equals(l.get(0).lastStatus()))
            .get(0);
    assertThat(target.target().id()).isEqualTo("i-0123456789abcdef0");
    assertThat(target.target().port())
        .isEqualTo(task.containers().get(0).networkBindings().get(0).hostPort())
        .isBetween(32768, 60999);

    ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(0));
    TaskSetFixture.await(() -> targets(tg), List::isEmpty);
  }

  @Test
  void rollingDeploymentMovesTheTargetsToTheNewTasks() throws Exception {
    String tg = elb.servedGroup("web", TargetTypeEnum.IP);
    elb.deregistrationDelay(tg, 1);
    createService("web", fargateDefinition(ecs), 2, tg);
    Set<String> before =
        TaskSetFixture.await(() -> targets(tg), l -> l.size() == 2).stream()
            .map(d -> d.target().id())
            .collect(Collectors.toSet());

    ecs.updateService(r -> r.cluster(CLUSTER).service("web").forceNewDeployment(true));
    TaskSetFixture.await(
        () -> ecs.describeServices(r -> r.cluster(CLUSTER).services("web")).services().get(0),
        s ->
            s.deployments().size() == 1
                && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
    List<TargetHealthDescription> after =
        TaskSetFixture.await(
            () -> targets(tg),
            l -> l.size() == 2 && l.stream().noneMatch(d -> before.contains(d.target().id())));
    Set<String> running =
        tasks("web", "RUNNING").stream().map(ServiceLoadBalancerIT::ip).collect(Collectors.toSet());
    assertThat(after.stream().map(d -> d.target().id()).collect(Collectors.toSet()))
        .isEqualTo(running);
  }
}
