package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import io.kecs.testing.LoadBalancers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** ECS's checks of {@code loadBalancers} against real ELBv2 target groups, one by one. */
class ServiceLoadBalancerRulesIT {
  static final String CLUSTER = "lb";

  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();
  private final LoadBalancers elb = new LoadBalancers(kecs.endpoint());

  @AfterEach
  void close() {
    elb.close();
  }

  private CreateServiceRequest.Builder fargate(String def, LoadBalancer... lbs) {
    return CreateServiceRequest.builder()
        .cluster(CLUSTER)
        .serviceName("web")
        .taskDefinition(def)
        .desiredCount(0)
        .launchType(LaunchType.FARGATE)
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
        .loadBalancers(lbs);
  }

  private static LoadBalancer lb(String tg, String container, int port) {
    return LoadBalancer.builder()
        .targetGroupArn(tg)
        .containerName(container)
        .containerPort(port)
        .build();
  }

  private String refusal(CreateServiceRequest r) {
    return assertThatThrownBy(() -> ecs.createService(r))
        .isInstanceOf(InvalidParameterException.class)
        .actual()
        .getMessage();
  }

  @Test
  void createServiceChecksEachLoadBalancer() {
    ecs.createCluster(r -> r.clusterName(CLUSTER));
    String def = ServiceLoadBalancerIT.fargateDefinition(ecs);
    String served = elb.servedGroup("ip", TargetTypeEnum.IP);
    String lonely = elb.group("lonely", TargetTypeEnum.IP);
    String instance = elb.group("inst", TargetTypeEnum.INSTANCE);
    elb.forwardTo("inst-lb", 80, instance);
    String unknown = served.substring(0, served.lastIndexOf('/') + 1) + "0000000000000000";

    assertThat(refusal(fargate(def, lb(unknown, "app", 80)).build()))
        .contains("Unable to assume role and validate the specified targetGroupArn");
    assertThat(refusal(fargate(def, lb(lonely, "app", 80)).build()))
        .contains(
            "The target group with targetGroupArn "
                + lonely
                + " does not have an associated load balancer.");
    assertThat(refusal(fargate(def, lb(instance, "app", 80)).build()))
        .contains(
            "The provided target group "
                + instance
                + " has target type instance, which is incompatible with the awsvpc network mode"
                + " specified in the task definition.");
    assertThat(refusal(fargate(def, lb(served, "nope", 80)).build()))
        .contains("The container nope does not exist in the task definition.");
    assertThat(refusal(fargate(def, lb(served, "app", 8080)).build()))
        .contains("The container app did not have a container port 8080 defined.");
    List<LoadBalancer> six = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      six.add(lb(served, "app", 80));
    }
    assertThat(refusal(fargate(def).loadBalancers(six).build())).contains("at most 5");

    assertThat(ecs.createService(fargate(def, lb(served, "app", 80)).build()).service())
        .satisfies(s -> assertThat(s.loadBalancers()).singleElement());
    assertThatThrownBy(
            () ->
                ecs.updateService(
                    r -> r.cluster(CLUSTER).service("web").loadBalancers(lb(lonely, "app", 80))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("does not have an associated load balancer.");
  }

  @Test
  void bridgeTasksNeedInstanceTargets() {
    ecs.createCluster(r -> r.clusterName(CLUSTER));
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
    String ip = elb.servedGroup("ip", TargetTypeEnum.IP);
    String instance = elb.servedGroup("inst", TargetTypeEnum.INSTANCE);
    CreateServiceRequest.Builder bridge =
        CreateServiceRequest.builder()
            .cluster(CLUSTER)
            .serviceName("web")
            .taskDefinition("bridge")
            .desiredCount(0)
            .launchType(LaunchType.EC2);
    assertThat(refusal(bridge.loadBalancers(lb(ip, "app", 80)).build()))
        .contains(
            "has target type ip, which is incompatible with the bridge network mode specified in"
                + " the task definition.");
    assertThat(ecs.createService(bridge.loadBalancers(lb(instance, "app", 80)).build()).service())
        .satisfies(s -> assertThat(s.loadBalancers()).singleElement());
  }

  @Test
  void createTaskSetChecksItsTargetGroup() {
    ecs.createCluster(r -> r.clusterName(CLUSTER));
    String def = ServiceLoadBalancerIT.fargateDefinition(ecs);
    String lonely = elb.group("lonely", TargetTypeEnum.IP);
    ecs.createService(
        r ->
            r.cluster(CLUSTER)
                .serviceName("web")
                .deploymentController(d -> d.type(DeploymentControllerType.EXTERNAL)));
    assertThatThrownBy(
            () ->
                ecs.createTaskSet(
                    r ->
                        r.cluster(CLUSTER)
                            .service("web")
                            .taskDefinition(def)
                            .launchType(LaunchType.FARGATE)
                            .networkConfiguration(
                                n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                            .loadBalancers(lb(lonely, "app", 80))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("does not have an associated load balancer.");
  }
}
