package io.kecs.ecs.service;

import static io.kecs.ecs.service.TaskSetFixture.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.TaskSetField;

/** Task sets of EXTERNAL and CODE_DEPLOY services through the AWS SDK, blue/green end to end. */
class TaskSetIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();
  private final TaskSetFixture f = new TaskSetFixture(kecs);

  @Test
  void blueGreenDeployment() throws Exception {
    Service service = f.createExternal("web", 2);
    assertThat(service.taskSets()).isEmpty();
    assertThat(service.deployments()).isEmpty();
    String blue = f.register("nginx:1");
    String green = f.register("nginx:2");

    TaskSet a =
        ecs.createTaskSet(
                r ->
                    r.cluster(CLUSTER)
                        .service("web")
                        .taskDefinition(blue)
                        .externalId("blue")
                        .launchType(LaunchType.FARGATE)
                        .networkConfiguration(
                            n -> n.awsvpcConfiguration(v -> v.subnets("subnet-1")))
                        .loadBalancers(
                            lb ->
                                lb.targetGroupArn(f.targetGroup())
                                    .containerName("app")
                                    .containerPort(80))
                        .scale(s -> s.value(100.0).unit("PERCENT"))
                        .tags(Tag.builder().key("color").value("blue").build()))
            .taskSet();
    assertThat(a.id()).matches("ecs-svc/\\d{19}");
    assertThat(a.taskSetArn())
        .isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-set/apps/web/" + a.id());
    assertThat(a.serviceArn()).isEqualTo(service.serviceArn());
    assertThat(a.clusterArn()).isEqualTo(service.clusterArn());
    assertThat(a.status()).isEqualTo("ACTIVE");
    assertThat(a.externalId()).isEqualTo("blue");
    assertThat(a.taskDefinition()).isEqualTo(blue);
    assertThat(a.computedDesiredCount()).isEqualTo(2);
    assertThat(a.runningCount()).isZero();
    assertThat(a.pendingCount()).isZero();
    assertThat(a.scale().value()).isEqualTo(100.0);
    assertThat(a.scale().unitAsString()).isEqualTo("PERCENT");
    assertThat(a.launchTypeAsString()).isEqualTo("FARGATE");
    assertThat(a.platformVersion()).isEqualTo("LATEST");
    assertThat(a.networkConfiguration().awsvpcConfiguration().assignPublicIpAsString())
        .isEqualTo("DISABLED");
    assertThat(a.loadBalancers()).singleElement();
    assertThat(a.stabilityStatusAsString()).isEqualTo("STABILIZING");
    assertThat(a.stabilityStatusAt()).isEqualTo(a.createdAt());
    assertThat(a.updatedAt()).isEqualTo(a.createdAt());
    assertThat(a.tags()).containsExactly(Tag.builder().key("color").value("blue").build());

    TaskSet primaryA =
        ecs.updateServicePrimaryTaskSet(
                r -> r.cluster(CLUSTER).service("web").primaryTaskSet(a.id()))
            .taskSet();
    assertThat(primaryA.status()).isEqualTo("PRIMARY");
    Service following = f.describe("web");
    assertThat(following.taskDefinition()).isEqualTo(blue);
    assertThat(following.launchTypeAsString()).isEqualTo("FARGATE");
    assertThat(following.loadBalancers()).singleElement();

    TaskSet steadyA = f.awaitSet("web", a.id(), ts -> TaskSetFixture.steady(ts, 2));
    assertThat(steadyA.stabilityStatusAt()).isAfterOrEqualTo(a.createdAt());
    assertThat(f.describe("web").runningCount()).isEqualTo(2);
    assertThat(f.tasksOf(a.id()))
        .hasSize(2)
        .allSatisfy(
            t -> {
              assertThat(t.group()).isEqualTo("service:web");
              assertThat(t.startedBy()).isEqualTo(a.id());
              assertThat(t.taskDefinitionArn()).isEqualTo(blue);
              assertThat(t.launchTypeAsString()).isEqualTo("FARGATE");
            });
    assertThat(ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("web")).taskArns()).hasSize(2);

    // Green next to blue, both at 100%: the service runs twice its desired count.
    TaskSet b =
        ecs.createTaskSet(
                r ->
                    r.cluster(service.clusterArn())
                        .service(service.serviceArn())
                        .taskDefinition(green)
                        .launchType(LaunchType.FARGATE)
                        .networkConfiguration(
                            n -> n.awsvpcConfiguration(v -> v.subnets("subnet-1")))
                        .scale(s -> s.value(100.0).unit("PERCENT")))
            .taskSet();
    f.awaitSet("web", b.taskSetArn(), ts -> TaskSetFixture.steady(ts, 2));
    Service both = TaskSetFixture.await(() -> f.describe("web"), s -> s.runningCount() == 4);
    assertThat(both.taskSets())
        .extracting(TaskSet::id, TaskSet::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(a.id(), "PRIMARY"),
            org.assertj.core.groups.Tuple.tuple(b.id(), "ACTIVE"));
    assertThat(both.taskSets()).allSatisfy(ts -> assertThat(ts.tags()).isEmpty());
    assertThat(both.events())
        .extracting(ServiceEvent::message)
        .anyMatch(m -> m.startsWith("(service web, taskSet " + b.id() + ") has started 2 tasks"))
        .anyMatch(m -> m.equals("(service web) has reached a steady state."));

    // Switch traffic: green becomes primary and the service follows it.
    TaskSet primaryB =
        ecs.updateServicePrimaryTaskSet(
                r -> r.cluster(CLUSTER).service("web").primaryTaskSet(b.taskSetArn()))
            .taskSet();
    assertThat(primaryB.status()).isEqualTo("PRIMARY");
    assertThat(f.describeSet("web", a.id()).status()).isEqualTo("ACTIVE");
    assertThat(f.describe("web").taskDefinition()).isEqualTo(green);
    assertThat(f.describe("web").loadBalancers()).isEmpty();

    // Blue must be scaled down (or forced) before it goes; the primary never goes without force.
    assertThatThrownBy(
            () -> ecs.deleteTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(a.id())))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("scaled above 0");
    assertThatThrownBy(
            () -> ecs.deleteTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(b.id())))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Primary TaskSet cannot be deleted");

    TaskSet scaledDown =
        ecs.updateTaskSet(
                r ->
                    r.cluster(CLUSTER)
                        .service("web")
                        .taskSet(a.id())
                        .scale(s -> s.value(0.0).unit("PERCENT")))
            .taskSet();
    assertThat(scaledDown.computedDesiredCount()).isZero();
    assertThat(scaledDown.scale().value()).isZero();
    assertThat(scaledDown.stabilityStatusAsString()).isEqualTo("STABILIZING");
    f.awaitSet("web", a.id(), ts -> TaskSetFixture.steady(ts, 0));
    assertThat(f.tasksOf(a.id())).isEmpty();
    assertThat(f.describe("web").runningCount()).isEqualTo(2);

    TaskSet draining =
        ecs.deleteTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(a.taskSetArn())).taskSet();
    assertThat(draining.status()).isEqualTo("DRAINING");
    DescribeTaskSetsResponse gone =
        TaskSetFixture.await(
            () ->
                ecs.describeTaskSets(
                    r -> r.cluster(CLUSTER).service("web").taskSets(a.id(), b.id())),
            d -> d.taskSets().size() == 1);
    assertThat(gone.taskSets()).extracting(TaskSet::id).containsExactly(b.id());
    assertThat(gone.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.arn()).isEqualTo(a.taskSetArn());
              assertThat(f.reason()).isEqualTo("MISSING");
            });
    assertThat(f.describe("web").taskSets()).extracting(TaskSet::id).containsExactly(b.id());
    assertThat(f.tasksOf(b.id())).hasSize(2);
  }

  @Test
  void scaleFollowsTheServiceDesiredCount() throws Exception {
    f.createExternal("web", 4);
    TaskSet half = f.createSet("web", f.register("nginx:1"), 50);
    assertThat(half.computedDesiredCount()).isEqualTo(2);

    Service three =
        ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(3)).service();
    assertThat(three.taskSets().get(0).computedDesiredCount()).isEqualTo(2); // ceil(1.5)
    Service five =
        ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(5)).service();
    assertThat(five.taskSets().get(0).computedDesiredCount()).isEqualTo(3);
    f.awaitSet("web", half.id(), ts -> TaskSetFixture.steady(ts, 3));

    ecs.updateTaskSet(
        r ->
            r.cluster(CLUSTER)
                .service("web")
                .taskSet(half.id())
                .scale(s -> s.value(20.0).unit("PERCENT")));
    f.awaitSet("web", half.id(), ts -> TaskSetFixture.steady(ts, 1));
    assertThat(f.tasksOf(half.id())).hasSize(1);
    assertThat(f.describe("web").events())
        .extracting(ServiceEvent::message)
        .anyMatch(m -> m.startsWith("(service web, taskSet " + half.id() + ") has stopped 2"));
  }

  @Test
  void stoppedTasksAreReplaced() throws Exception {
    f.createExternal("web", 1);
    TaskSet ts = f.createSet("web", f.register("nginx:1"), 100);
    f.awaitSet("web", ts.id(), x -> TaskSetFixture.steady(x, 1));
    String first = f.tasksOf(ts.id()).get(0).taskArn();
    ecs.stopTask(r -> r.cluster(CLUSTER).task(first));
    TaskSetFixture.await(
        () -> f.tasksOf(ts.id()),
        tasks ->
            tasks.size() == 1
                && !tasks.get(0).taskArn().equals(first)
                && "RUNNING".equals(tasks.get(0).lastStatus()));
    f.awaitSet("web", ts.id(), x -> TaskSetFixture.steady(x, 1));
  }

  @Test
  void codeDeployServicesStartWithAPrimaryTaskSet() throws Exception {
    ecs.createCluster(r -> r.clusterName(CLUSTER));
    String v1 = f.register("nginx:1");
    Service service =
        ecs.createService(
                r ->
                    r.cluster(CLUSTER)
                        .serviceName("web")
                        .taskDefinition(v1)
                        .desiredCount(2)
                        .launchType(LaunchType.FARGATE)
                        .networkConfiguration(
                            n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                        .loadBalancers(
                            lb ->
                                lb.targetGroupArn(f.targetGroup())
                                    .containerName("app")
                                    .containerPort(80))
                        .deploymentController(d -> d.type(DeploymentControllerType.CODE_DEPLOY)))
            .service();
    assertThat(service.deployments()).isEmpty();
    TaskSet initial = service.taskSets().get(0);
    assertThat(service.taskSets()).hasSize(1);
    assertThat(initial.status()).isEqualTo("PRIMARY");
    assertThat(initial.taskDefinition()).isEqualTo(v1);
    assertThat(initial.scale().value()).isEqualTo(100.0);
    assertThat(initial.computedDesiredCount()).isEqualTo(2);
    assertThat(initial.loadBalancers()).singleElement();

    f.awaitSet("web", initial.id(), ts -> TaskSetFixture.steady(ts, 2));
    assertThat(f.tasksOf(initial.id())).hasSize(2);
    assertThat(f.describe("web").runningCount()).isEqualTo(2);

    ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(3));
    f.awaitSet(
        "web", initial.id(), ts -> ts.computedDesiredCount() == 3 && TaskSetFixture.steady(ts, 3));

    assertThatThrownBy(() -> f.createSet("web", v1, 100))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("CODE_DEPLOY");
    assertThatThrownBy(
            () -> ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(v1)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining(
            "Unable to update task definition on services with a CODE_DEPLOY deployment"
                + " controller. Use AWS CodeDeploy to trigger a new deployment.");
  }

  @Test
  void tagsClientTokensAndForcedDeletion() throws Exception {
    f.createExternal("web", 1);
    String v1 = f.register("nginx:1");
    java.util.function.Supplier<TaskSet> create =
        () ->
            ecs.createTaskSet(
                    r ->
                        r.cluster(CLUSTER)
                            .service("web")
                            .taskDefinition("web") // latest ACTIVE revision
                            .clientToken("token-1")
                            .networkConfiguration(
                                n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                            .capacityProviderStrategy(s -> s.capacityProvider("FARGATE"))
                            .scale(s -> s.value(100.0))
                            .tags(Tag.builder().key("team").value("web").build()))
                .taskSet();
    ecs.putClusterCapacityProviders(
        r ->
            r.cluster(CLUSTER)
                .capacityProviders("FARGATE")
                .defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE")));
    TaskSet first = create.get();
    assertThat(create.get().id()).isEqualTo(first.id());
    assertThat(f.describe("web").taskSets()).hasSize(1);
    assertThat(first.taskDefinition()).isEqualTo(v1);
    assertThat(first.launchType()).isNull();
    assertThat(first.capacityProviderStrategy()).singleElement();
    assertThat(first.scale().unitAsString()).isEqualTo("PERCENT");

    assertThat(f.describeSet("web", first.id()).tags()).isEmpty();
    ecs.tagResource(
        r ->
            r.resourceArn(first.taskSetArn())
                .tags(Tag.builder().key("stage").value("canary").build()));
    TaskSet withTags =
        ecs.describeTaskSets(
                r ->
                    r.cluster(CLUSTER)
                        .service("web")
                        .taskSets(first.taskSetArn())
                        .include(TaskSetField.TAGS))
            .taskSets()
            .get(0);
    assertThat(withTags.tags()).extracting(Tag::key).containsExactlyInAnyOrder("team", "stage");
    assertThat(ecs.listTagsForResource(r -> r.resourceArn(first.taskSetArn())).tags()).hasSize(2);

    f.awaitSet("web", first.id(), ts -> TaskSetFixture.steady(ts, 1));
    TaskSet forced =
        ecs.deleteTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(first.id()).force(true))
            .taskSet();
    assertThat(forced.status()).isEqualTo("DRAINING");
    assertThat(forced.computedDesiredCount()).isZero();
    TaskSetFixture.await(
        () -> f.describe("web"), s -> s.taskSets().isEmpty() && s.runningCount() == 0);
    assertThat(f.tasksOf(first.id())).isEmpty();
  }

  @Test
  void deletingTheServiceDrainsItsTaskSets() throws Exception {
    f.createExternal("web", 2);
    TaskSet ts = f.createSet("web", f.register("nginx:1"), 100);
    f.awaitSet("web", ts.id(), x -> TaskSetFixture.steady(x, 2));
    assertThat(
            ecs.deleteService(r -> r.cluster(CLUSTER).service("web").force(true))
                .service()
                .status())
        .isEqualTo("DRAINING");
    // Poll with a generous deadline first (the SDK waiter gives up after 40 tries), then check
    // that the services-inactive waiter agrees.
    TaskSetFixture.await(() -> f.describe("web"), s -> "INACTIVE".equals(s.status()));
    kecs.waiter().waitUntilServicesInactive(r -> r.cluster(CLUSTER).services("web"));
    assertThat(f.describe("web").taskSets()).isEmpty();
    assertThat(ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns()).isEmpty();
    assertThatThrownBy(() -> f.createSet("web", f.register("nginx:1"), 100))
        .isInstanceOf(ServiceNotActiveException.class);
    assertThatThrownBy(
            () -> ecs.describeTaskSets(r -> r.cluster(CLUSTER).service("web").taskSets(ts.id())))
        .isInstanceOf(ServiceNotActiveException.class);
  }
}
