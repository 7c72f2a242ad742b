package io.kecs.ecs.taskdef;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** Task definitions, their revisions and statuses survive a restart of the control plane. */
class TaskDefinitionRestartIT {
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

  @Test
  void definitionsAndRevisionCountersSurviveARestart() throws Exception {
    ServerConfig config = ServerConfig.forTests().withDataDir(dataDir);
    TaskDefinition registered = null;
    DaemonTaskDefinition daemon;
    try (KecsServer server = KecsServer.start(config);
        EcsClient ecs = client(server)) {
      ContainerDefinition app =
          ContainerDefinition.builder()
              .name("app")
              .image("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1")
              .portMappings(p -> p.containerPort(8080).name("http").appProtocol("http"))
              .healthCheck(h -> h.command("CMD-SHELL", "curl -f localhost:8080").startPeriod(10))
              .dependsOn(d -> d.containerName("init").condition("SUCCESS"))
              .mountPoints(m -> m.sourceVolume("data").containerPath("/data"))
              .build();
      ContainerDefinition init =
          ContainerDefinition.builder().name("init").image("busybox").essential(false).build();
      for (int i = 0; i < 2; i++) {
        registered =
            ecs.registerTaskDefinition(
                    r ->
                        r.family("app")
                            .requiresCompatibilities(Compatibility.FARGATE)
                            .networkMode(NetworkMode.AWSVPC)
                            .cpu("0.5 vCPU")
                            .memory("1 GB")
                            .executionRoleArn("arn:aws:iam::000000000000:role/exec")
                            .volumes(
                                v ->
                                    v.name("data")
                                        .efsVolumeConfiguration(
                                            e ->
                                                e.fileSystemId("fs-1")
                                                    .transitEncryption("ENABLED")
                                                    .authorizationConfig(a -> a.iam("ENABLED"))))
                            .containerDefinitions(app, init))
                .taskDefinition();
      }
      ecs.deregisterTaskDefinition(r -> r.taskDefinition("app:2"));
      ecs.registerDaemonTaskDefinition(
          r -> r.family("mon").containerDefinitions(c -> c.name("a").image("busybox").memory(16)));
      daemon =
          ecs.describeDaemonTaskDefinition(r -> r.daemonTaskDefinition("mon"))
              .daemonTaskDefinition();
    }
    try (KecsServer server = KecsServer.start(config);
        EcsClient ecs = client(server)) {
      TaskDefinition second =
          ecs.describeTaskDefinition(r -> r.taskDefinition("app:2")).taskDefinition();
      assertThat(second.status().toString()).isEqualTo("INACTIVE");
      assertThat(second.toBuilder().status("ACTIVE").deregisteredAt(null).build())
          .isEqualTo(registered);
      assertThat(
              ecs.describeTaskDefinition(r -> r.taskDefinition("app")).taskDefinition().revision())
          .isEqualTo(1);
      assertThat(
              ecs.registerTaskDefinition(
                      r ->
                          r.family("app")
                              .containerDefinitions(c -> c.name("a").image("busybox").memory(8)))
                  .taskDefinition()
                  .revision())
          .isEqualTo(3);
      assertThat(
              ecs.describeDaemonTaskDefinition(r -> r.daemonTaskDefinition("mon:1"))
                  .daemonTaskDefinition())
          .isEqualTo(daemon);
    }
  }
}
