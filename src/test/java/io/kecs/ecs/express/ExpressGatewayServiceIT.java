package io.kecs.ecs.express;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CreateExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.ECSExpressGatewayService;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceConfiguration;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.UpdatedExpressGatewayService;

/** Express gateway services through the AWS SDK, over the ECS service they create. */
class ExpressGatewayServiceIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private static final String PREFIX = "arn:aws:ecs:us-east-1:000000000000:";
  private static final String INFRA = "arn:aws:iam::000000000000:role/ecsInfrastructureRole";
  private static final String EXEC = "arn:aws:iam::000000000000:role/ecsTaskExecutionRole";

  private final EcsClient ecs = kecs.ecs();

  private ECSExpressGatewayService create(
      java.util.function.Consumer<CreateExpressGatewayServiceRequest.Builder> more) {
    return ecs.createExpressGatewayService(
            r -> {
              r.infrastructureRoleArn(INFRA).executionRoleArn(EXEC);
              more.accept(r);
            })
        .service();
  }

  private ECSExpressGatewayService describe(String arn) {
    return ecs.describeExpressGatewayService(r -> r.serviceArn(arn).includeWithStrings("TAGS"))
        .service();
  }

  private Service ecsService(String cluster, String name) {
    return ecs.describeServices(r -> r.cluster(cluster).services(name)).services().get(0);
  }

  private ECSExpressGatewayService await(String arn, Predicate<ECSExpressGatewayService> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    ECSExpressGatewayService s = describe(arn);
    while (!condition.test(s)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out; last state: " + s);
      }
      Thread.sleep(50);
      s = describe(arn);
    }
    return s;
  }

  @Test
  void createRunsAnEcsServiceFromThePrimaryContainer() throws Exception {
    ECSExpressGatewayService created =
        create(
            r ->
                r.serviceName("web")
                    .primaryContainer(c -> c.image("nginx:1.27"))
                    .scalingTarget(s -> s.minTaskCount(2))
                    .tags(Tag.builder().key("app").value("web").build()));
    assertThat(created.serviceArn()).isEqualTo(PREFIX + "service/default/web");
    assertThat(created.cluster()).isEqualTo(PREFIX + "cluster/default");
    assertThat(created.serviceName()).isEqualTo("web");
    assertThat(created.infrastructureRoleArn()).isEqualTo(INFRA);
    assertThat(created.status().statusCodeAsString()).isEqualTo("ACTIVE");
    assertThat(created.currentDeployment())
        .matches(PREFIX.replace(".", "\\.") + "service-deployment/default/web/\\d+");
    assertThat(created.tags()).containsExactly(Tag.builder().key("app").value("web").build());
    assertThat(created.createdAt()).isNotNull();
    ExpressGatewayServiceConfiguration config = created.activeConfigurations().get(0);
    assertThat(created.activeConfigurations()).hasSize(1);
    assertThat(config.serviceRevisionArn())
        .matches(PREFIX.replace(".", "\\.") + "service-revision/default/web/\\d+");
    assertThat(config.taskDefinitionArn()).isEqualTo(PREFIX + "task-definition/default-web:1");
    assertThat(config.cpu()).isEqualTo("256");
    assertThat(config.memory()).isEqualTo("512");
    assertThat(config.executionRoleArn()).isEqualTo(EXEC);
    assertThat(config.healthCheckPath()).isEqualTo("/ping");
    assertThat(config.primaryContainer().containerPort()).isEqualTo(80);
    assertThat(config.primaryContainer().awsLogsConfiguration().logStreamPrefix()).isEqualTo("ecs");
    assertThat(config.scalingTarget().minTaskCount()).isEqualTo(2);
    assertThat(config.scalingTarget().maxTaskCount()).isEqualTo(20);
    assertThat(config.scalingTarget().autoScalingMetricAsString()).isEqualTo("AVERAGE_CPU");
    assertThat(config.scalingTarget().autoScalingTargetValue()).isEqualTo(60);
    assertThat(config.ingressPaths())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.accessTypeAsString()).isEqualTo("PUBLIC");
              assertThat(p.endpoint()).matches("web-[0-9a-f]{8}\\.ecs\\.us-east-1\\.on\\.aws");
            });

    TaskDefinition def =
        ecs.describeTaskDefinition(r -> r.taskDefinition(config.taskDefinitionArn()))
            .taskDefinition();
    assertThat(def.requiresCompatibilities()).containsExactly(Compatibility.FARGATE);
    assertThat(def.networkMode()).isEqualTo(NetworkMode.AWSVPC);
    ContainerDefinition main = def.containerDefinitions().get(0);
    assertThat(main.name()).isEqualTo("Main");
    assertThat(main.portMappings())
        .singleElement()
        .satisfies(p -> assertThat(p.containerPort()).isEqualTo(80));
    assertThat(main.logConfiguration().options()).containsEntry("awslogs-stream-prefix", "ecs");

    kecs.waiter().waitUntilServicesStable(r -> r.cluster("default").services("web"));
    Service service = ecsService("default", "web");
    assertThat(service.desiredCount()).isEqualTo(2);
    assertThat(service.runningCount()).isEqualTo(2);
    assertThat(service.launchTypeAsString()).isEqualTo("FARGATE");
    assertThat(service.taskDefinition()).isEqualTo(config.taskDefinitionArn());
    assertThat(ecs.listTagsForResource(r -> r.resourceArn(created.serviceArn())).tags())
        .containsExactly(Tag.builder().key("app").value("web").build());

    // Without a name, ECS names the service; KECS uses the image's repository.
    ECSExpressGatewayService unnamed =
        create(r -> r.primaryContainer(c -> c.image("public.ecr.aws/nginx/nginx:latest")));
    assertThat(unnamed.serviceName()).matches("nginx-[0-9a-f]{8}");
  }

  @Test
  void updateDeploysANewRevisionAndDeleteDrainsTheService() throws Exception {
    ECSExpressGatewayService created =
        create(
            r -> r.serviceName("api").primaryContainer(c -> c.image("api:1").containerPort(8080)));
    kecs.waiter().waitUntilServicesStable(r -> r.cluster("default").services("api"));
    String firstRevision = created.activeConfigurations().get(0).serviceRevisionArn();

    UpdatedExpressGatewayService updated =
        ecs.updateExpressGatewayService(
                r ->
                    r.serviceArn(created.serviceArn())
                        .primaryContainer(c -> c.image("api:2").containerPort(8080))
                        .healthCheckPath("/health")
                        .scalingTarget(s -> s.minTaskCount(2).maxTaskCount(4)))
            .service();
    ExpressGatewayServiceConfiguration target = updated.targetConfiguration();
    assertThat(updated.status().statusCodeAsString()).isEqualTo("ACTIVE");
    assertThat(target.serviceRevisionArn()).isNotEqualTo(firstRevision);
    assertThat(target.taskDefinitionArn()).isEqualTo(PREFIX + "task-definition/default-api:2");
    assertThat(target.primaryContainer().image()).isEqualTo("api:2");
    assertThat(target.healthCheckPath()).isEqualTo("/health");
    assertThat(target.scalingTarget().minTaskCount()).isEqualTo(2);
    assertThat(target.executionRoleArn()).isEqualTo(EXEC);
    assertThat(updated.updatedAt()).isAfterOrEqualTo(updated.createdAt());

    ECSExpressGatewayService settled =
        await(created.serviceArn(), s -> s.activeConfigurations().size() == 1);
    assertThat(settled.activeConfigurations().get(0).serviceRevisionArn())
        .isEqualTo(target.serviceRevisionArn());
    kecs.waiter().waitUntilServicesStable(r -> r.cluster("default").services("api"));
    assertThat(ecsService("default", "api").desiredCount()).isEqualTo(2);

    // Scaling alone keeps the task definition but is a new revision too.
    UpdatedExpressGatewayService scaled =
        ecs.updateExpressGatewayService(
                r -> r.serviceArn(created.serviceArn()).scalingTarget(s -> s.minTaskCount(3)))
            .service();
    assertThat(scaled.targetConfiguration().taskDefinitionArn())
        .isEqualTo(target.taskDefinitionArn());
    assertThat(scaled.targetConfiguration().serviceRevisionArn())
        .isNotEqualTo(target.serviceRevisionArn());
    assertThat(ecsService("default", "api").desiredCount()).isEqualTo(3);

    ECSExpressGatewayService deleted =
        ecs.deleteExpressGatewayService(r -> r.serviceArn(created.serviceArn())).service();
    assertThat(deleted.status().statusCodeAsString()).isEqualTo("DRAINING");
    assertThatThrownBy(
            () -> ecs.deleteExpressGatewayService(r -> r.serviceArn(created.serviceArn())))
        .isInstanceOf(ServiceNotActiveException.class);
    assertThatThrownBy(
            () ->
                ecs.updateExpressGatewayService(
                    r -> r.serviceArn(created.serviceArn()).healthCheckPath("/x")))
        .isInstanceOf(ServiceNotActiveException.class);
    kecs.waiter().waitUntilServicesInactive(r -> r.cluster("default").services("api"));
    assertThat(describe(created.serviceArn()).status().statusCodeAsString()).isEqualTo("INACTIVE");

    // The name can be used again once the service is gone.
    assertThat(
            create(r -> r.serviceName("api").primaryContainer(c -> c.image("api:3")))
                .status()
                .statusCodeAsString())
        .isEqualTo("ACTIVE");
  }

  @Test
  void aTaskDefinitionOfTheUsersOwn() throws Exception {
    ecs.createCluster(r -> r.clusterName("apps"));
    String good =
        ecs.registerTaskDefinition(
                r ->
                    r.family("custom")
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .networkMode(NetworkMode.AWSVPC)
                        .cpu("512")
                        .memory("1024")
                        .executionRoleArn(EXEC)
                        .containerDefinitions(
                            c ->
                                c.name("Main")
                                    .image("app:1")
                                    .portMappings(p -> p.containerPort(3000).name("http")),
                            c -> c.name("sidecar").image("envoy:1").essential(false)))
            .taskDefinition()
            .taskDefinitionArn();
    String noMain =
        ecs.registerTaskDefinition(
                r ->
                    r.family("nomain")
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .networkMode(NetworkMode.AWSVPC)
                        .cpu("256")
                        .memory("512")
                        .containerDefinitions(c -> c.name("app").image("app:1")))
            .taskDefinition()
            .taskDefinitionArn();
    ECSExpressGatewayService created =
        ecs.createExpressGatewayService(
                r ->
                    r.infrastructureRoleArn(INFRA)
                        .cluster("apps")
                        .serviceName("custom")
                        .taskDefinitionArn(good)
                        .networkConfiguration(
                            n -> n.subnets("subnet-0a1b2c3d").securityGroups("sg-1")))
            .service();
    ExpressGatewayServiceConfiguration config = created.activeConfigurations().get(0);
    assertThat(config.taskDefinitionArn()).isEqualTo(good);
    assertThat(config.cpu()).isEqualTo("512");
    assertThat(config.primaryContainer().image()).isEqualTo("app:1");
    assertThat(config.primaryContainer().containerPort()).isEqualTo(3000);
    assertThat(config.networkConfiguration().subnets()).containsExactly("subnet-0a1b2c3d");
    assertThat(ecsService("apps", "custom").networkConfiguration().awsvpcConfiguration().subnets())
        .containsExactly("subnet-0a1b2c3d");

    assertThatThrownBy(
            () ->
                ecs.createExpressGatewayService(
                    r -> r.infrastructureRoleArn(INFRA).serviceName("x").taskDefinitionArn(noMain)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Main");
    assertThatThrownBy(
            () ->
                ecs.createExpressGatewayService(
                    r ->
                        r.infrastructureRoleArn(INFRA)
                            .serviceName("x")
                            .taskDefinitionArn(good)
                            .primaryContainer(c -> c.image("app:2"))))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void requestsAreCheckedAsEcsDoes() {
    assertThatThrownBy(() -> create(r -> r.serviceName("x")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.createExpressGatewayService(
                    r ->
                        r.infrastructureRoleArn("not-a-role")
                            .executionRoleArn(EXEC)
                            .primaryContainer(c -> c.image("a"))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                create(r -> r.serviceName("x").primaryContainer(c -> c.image("a")).cluster("nope")))
        .isInstanceOf(ClusterNotFoundException.class);
    assertThatThrownBy(
            () ->
                create(
                    r ->
                        r.serviceName("x")
                            .primaryContainer(c -> c.image("a"))
                            .scalingTarget(s -> s.minTaskCount(5).maxTaskCount(2))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                create(
                    r ->
                        r.serviceName("x")
                            .primaryContainer(c -> c.image("a"))
                            .healthCheckPath("ping")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () -> create(r -> r.serviceName("bad name").primaryContainer(c -> c.image("a"))))
        .isInstanceOf(InvalidParameterException.class);

    create(r -> r.serviceName("dup").primaryContainer(c -> c.image("a")));
    assertThatThrownBy(() -> create(r -> r.serviceName("dup").primaryContainer(c -> c.image("a"))))
        .isInstanceOf(InvalidParameterException.class);

    assertThatThrownBy(() -> describe(PREFIX + "service/default/missing"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> describe("web")).isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> describe(PREFIX + "service/nowhere/web"))
        .isInstanceOf(ClusterNotFoundException.class);
    assertThatThrownBy(
            () ->
                ecs.updateExpressGatewayService(
                    r -> r.serviceArn(PREFIX + "service/default/missing").cpu("512")))
        .isInstanceOf(ServiceNotFoundException.class);
    assertThatThrownBy(
            () ->
                ecs.deleteExpressGatewayService(
                    r -> r.serviceArn(PREFIX + "service/default/missing")))
        .isInstanceOf(ServiceNotFoundException.class);
  }
}
