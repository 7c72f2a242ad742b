package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import io.kecs.testing.LoadBalancers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** A task left DEACTIVATING by a stopped control plane finishes stopping after the restart. */
class ServiceLoadBalancerRestartIT {
  @TempDir Path dataDir;

  private static EcsClient client(KecsServer server) {
    return EcsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  private static List<Task> stopping(EcsClient ecs) {
    List<String> arns =
        ecs.listTasks(r -> r.cluster("lb").serviceName("web").desiredStatus("STOPPED")).taskArns();
    return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster("lb").tasks(arns)).tasks();
  }

  @Test
  void deactivatingTaskStopsAfterARestart() throws Exception {
    ServerConfig config = ServerConfig.forTests().withDataDir(dataDir);
    String tg;
    try (KecsServer kecs = KecsServer.start(config);
        EcsClient ecs = client(kecs);
        LoadBalancers elb = new LoadBalancers(kecs.endpoint())) {
      tg = elb.servedGroup("web", TargetTypeEnum.IP);
      elb.deregistrationDelay(tg, 10);
      ecs.createCluster(r -> r.clusterName("lb"));
      String def = ServiceLoadBalancerIT.fargateDefinition(ecs);
      ecs.createService(
          r ->
              r.cluster("lb")
                  .serviceName("web")
                  .taskDefinition(def)
                  .desiredCount(1)
                  .launchType(LaunchType.FARGATE)
                  .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                  .loadBalancers(
                      lb -> lb.targetGroupArn(tg).containerName("app").containerPort(80)));
      TaskSetFixture.await(
          () -> elb.client().describeTargetHealth(r -> r.targetGroupArn(tg)),
          h -> h.targetHealthDescriptions().size() == 1);
      ecs.updateService(r -> r.cluster("lb").service("web").desiredCount(0));
      TaskSetFixture.await(
          () -> stopping(ecs), l -> l.size() == 1 && "DEACTIVATING".equals(l.get(0).lastStatus()));
    }
    try (KecsServer kecs = KecsServer.start(config);
        EcsClient ecs = client(kecs);
        LoadBalancers elb = new LoadBalancers(kecs.endpoint())) {
      // ELBv2 finishes the drains a stopped KECS left (at once today; within the delay would do
      // too), and ECS then stops the task.
      Task stopped =
          TaskSetFixture.await(
                  () -> stopping(ecs),
                  l -> l.size() == 1 && "STOPPED".equals(l.get(0).lastStatus()))
              .get(0);
      assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
      assertThat(
              elb.client()
                  .describeTargetHealth(r -> r.targetGroupArn(tg))
                  .targetHealthDescriptions())
          .isEmpty();
    }
  }
}
