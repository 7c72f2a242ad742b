package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import io.kecs.testing.RawCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/** Service answers and refusals checked against what ECS sends (issue 11), through the AWS SDK. */
class ServiceFidelityIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();

  private String bridgeDefinition() {
    return ecs.registerTaskDefinition(
            r ->
                r.family("web")
                    .requiresCompatibilities(Compatibility.EC2)
                    .networkMode(NetworkMode.BRIDGE)
                    .containerDefinitions(
                        c ->
                            c.name("app")
                                .image("nginx")
                                .memory(128)
                                .portMappings(p -> p.containerPort(80))))
        .taskDefinition()
        .taskDefinitionArn();
  }

  private Service createEc2(String name) {
    return ecs.createService(
            r ->
                r.cluster("apps")
                    .serviceName(name)
                    .taskDefinition("web")
                    .desiredCount(0)
                    .launchType(LaunchType.EC2))
        .service();
  }

  private static void assertListsPresent(Service s) {
    assertThat(s.hasLoadBalancers()).as("loadBalancers sent").isTrue();
    assertThat(s.hasServiceRegistries()).as("serviceRegistries sent").isTrue();
    assertThat(s.hasPlacementConstraints()).as("placementConstraints sent").isTrue();
    assertThat(s.hasPlacementStrategy()).as("placementStrategy sent").isTrue();
    assertThat(s.hasEvents()).as("events sent").isTrue();
    assertThat(s.loadBalancers()).isEmpty();
  }

  @Test
  void emptyListsAreSentAsEmptyArrays() throws Exception {
    ecs.createCluster(r -> r.clusterName("apps"));
    bridgeDefinition();
    assertListsPresent(createEc2("web"));
    assertListsPresent(ecs.updateService(r -> r.cluster("apps").service("web")).service());
    assertListsPresent(
        ecs.describeServices(r -> r.cluster("apps").services("web")).services().get(0));
    String raw =
        RawCalls.ecs(
                kecs.endpoint(),
                "DescribeServices",
                "{\"cluster\":\"apps\",\"services\":[\"web\"]}")
            .body();
    assertThat(raw)
        .contains("\"loadBalancers\":[]")
        .contains("\"serviceRegistries\":[]")
        .contains("\"placementConstraints\":[]")
        .contains("\"placementStrategy\":[]");

    ecs.createService(
        r ->
            r.cluster("apps")
                .serviceName("ext")
                .desiredCount(0)
                .deploymentController(d -> d.type(DeploymentControllerType.EXTERNAL)));
    TaskSet set =
        ecs.createTaskSet(
                r ->
                    r.cluster("apps")
                        .service("ext")
                        .taskDefinition("web")
                        .launchType(LaunchType.EC2))
            .taskSet();
    assertThat(set.hasLoadBalancers()).isTrue();
    assertThat(set.hasServiceRegistries()).isTrue();
  }

  @Test
  void platformVersionIsRefusedOnEc2() {
    ecs.createCluster(r -> r.clusterName("apps"));
    bridgeDefinition();
    String expected = "The platform version must be null when specifying an EC2 launch type.";
    assertThatThrownBy(
            () ->
                ecs.createService(
                    r ->
                        r.cluster("apps")
                            .serviceName("web")
                            .taskDefinition("web")
                            .launchType(LaunchType.EC2)
                            .platformVersion("1.4.0")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining(expected);
    createEc2("web");
    assertThatThrownBy(
            () ->
                ecs.updateService(r -> r.cluster("apps").service("web").platformVersion("LATEST")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining(expected);
    ecs.createService(
        r ->
            r.cluster("apps")
                .serviceName("ext")
                .desiredCount(0)
                .deploymentController(d -> d.type(DeploymentControllerType.EXTERNAL)));
    assertThatThrownBy(
            () ->
                ecs.createTaskSet(
                    r ->
                        r.cluster("apps")
                            .service("ext")
                            .taskDefinition("web")
                            .launchType(LaunchType.EC2)
                            .platformVersion("1.4.0")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void taggingNeedsTheLongArnFormat() {
    ecs.createCluster(r -> r.clusterName("apps"));
    bridgeDefinition();
    createEc2("web");
    String shortArn = "arn:aws:ecs:us-east-1:000000000000:service/web";
    assertThatThrownBy(() -> ecs.listTagsForResource(r -> r.resourceArn(shortArn)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Long arn format must be used for tagging operations");
    assertThatThrownBy(
            () -> ecs.tagResource(r -> r.resourceArn(shortArn).tags(t -> t.key("a").value("b"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Long arn format must be used for tagging operations");
    assertThat(
            ecs.listTagsForResource(
                    r -> r.resourceArn("arn:aws:ecs:us-east-1:000000000000:service/apps/web"))
                .tags())
        .isEmpty();
  }

  @Test
  void describeFailuresNameTheServiceWithoutItsCluster() {
    ecs.createCluster(r -> r.clusterName("apps"));
    var failures = ecs.describeServices(r -> r.cluster("apps").services("nope")).failures();
    assertThat(failures)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/nope");
              assertThat(f.reason()).isEqualTo("MISSING");
            });
  }

  @Test
  void loadBalancerOnAnUnmappedPortGetsEcsText() {
    ecs.createCluster(r -> r.clusterName("apps"));
    bridgeDefinition();
    assertThatThrownBy(
            () ->
                ecs.createService(
                    r ->
                        r.cluster("apps")
                            .serviceName("web")
                            .taskDefinition("web")
                            .launchType(LaunchType.EC2)
                            .loadBalancers(
                                l ->
                                    l.targetGroupArn(
                                            "arn:aws:elasticloadbalancing:us-east-1:000000000000:"
                                                + "targetgroup/tg/0123456789abcdef")
                                        .containerName("app")
                                        .containerPort(8080))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("The container app did not have a container port 8080 defined.");
  }

  private java.util.Map<String, Long> byProvider(String service, int count) throws Exception {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    java.util.List<String> arns = java.util.List.of();
    while (System.nanoTime() < deadline) {
      arns = ecs.listTasks(r -> r.cluster("apps").serviceName(service)).taskArns();
      if (arns.size() == count) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(arns).hasSize(count);
    java.util.List<String> found = arns;
    return ecs.describeTasks(r -> r.cluster("apps").tasks(found)).tasks().stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                t -> t.capacityProviderName(), java.util.stream.Collectors.counting()));
  }

  @Test
  void scaleOutCountsTheBaseOnce() throws Exception {
    ecs.createCluster(
        r ->
            r.clusterName("apps")
                .capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(
                    i -> i.capacityProvider("FARGATE").base(2).weight(1),
                    i -> i.capacityProvider("FARGATE_SPOT").weight(4)));
    ecs.registerTaskDefinition(
        r ->
            r.family("fg")
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("256")
                .memory("512")
                .containerDefinitions(c -> c.name("app").image("nginx")));
    ecs.createService(
        r ->
            r.cluster("apps")
                .serviceName("split")
                .taskDefinition("fg")
                .desiredCount(3)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
    byProvider("split", 3);
    kecs.waiter().waitUntilServicesStable(r -> r.cluster("apps").services("split"));
    ecs.updateService(r -> r.cluster("apps").service("split").desiredCount(7));
    assertThat(byProvider("split", 7))
        .isEqualTo(java.util.Map.of("FARGATE", 3L, "FARGATE_SPOT", 4L));
    kecs.waiter().waitUntilServicesStable(r -> r.cluster("apps").services("split"));
    ecs.updateService(r -> r.cluster("apps").service("split").desiredCount(12));
    assertThat(byProvider("split", 12))
        .isEqualTo(java.util.Map.of("FARGATE", 4L, "FARGATE_SPOT", 8L));
  }
}
