package io.kecs.agent;

import io.kecs.ecs.task.TaskDirectory;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.EphemeralStorage;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.NetworkInterface;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** Two stored tasks as the ECS domain keeps them: a Fargate awsvpc task and an EC2 bridge task. */
final class MetadataFixtures {
  static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123Z");
  static final Instant PULL_STARTED = Instant.parse("2026-01-02T03:04:06.200Z");
  static final Instant PULL_STOPPED = Instant.parse("2026-01-02T03:04:07.300Z");
  static final Instant STARTED = Instant.parse("2026-01-02T03:04:08.400Z");
  static final Instant NOW = Instant.parse("2026-01-02T03:05:00Z");

  private MetadataFixtures() {}

  static TaskDirectory.Entry fargate() {
    String taskArn =
        "arn:aws:ecs:us-west-2:111122223333:task/default/cd189a933e5849daa93386466019ab50";
    TaskDefinition def =
        TaskDefinition.builder()
            .taskDefinitionArn("arn:aws:ecs:us-west-2:111122223333:task-definition/curltest:2")
            .family("curltest")
            .revision(2)
            .networkMode("awsvpc")
            .taskRoleArn("arn:aws:iam::111122223333:role/app")
            .containerDefinitions(
                ContainerDefinition.builder()
                    .name("curl")
                    .image("111122223333.dkr.ecr.us-west-2.amazonaws.com/curltest:latest")
                    .cpu(10)
                    .memory(128)
                    .portMappings(PortMapping.builder().containerPort(80).build())
                    .logConfiguration(
                        LogConfiguration.builder()
                            .logDriver("awslogs")
                            .options(
                                Map.of(
                                    "awslogs-create-group", "true",
                                    "awslogs-group", "/ecs/containerlogs",
                                    "awslogs-region", "us-west-2",
                                    "awslogs-stream-prefix", "ecs"))
                            .build())
                    .build())
            .build();
    Task task =
        Task.builder()
            .taskArn(taskArn)
            .clusterArn("arn:aws:ecs:us-west-2:111122223333:cluster/default")
            .taskDefinitionArn(def.taskDefinitionArn())
            .launchType("FARGATE")
            .availabilityZone("us-west-2d")
            .group("service:MyService")
            .desiredStatus("RUNNING")
            .lastStatus("RUNNING")
            .cpu("256")
            .memory("512")
            .createdAt(CREATED)
            .pullStartedAt(PULL_STARTED)
            .pullStoppedAt(PULL_STOPPED)
            .startedAt(STARTED)
            .ephemeralStorage(EphemeralStorage.builder().sizeInGiB(20).build())
            .attachments(
                Attachment.builder()
                    .id("2d2ac4f4-6a55-4a8a-9b47-2a1f4f4c3f1e")
                    .type("ElasticNetworkInterface")
                    .status("ATTACHED")
                    .details(
                        kv("subnetId", "subnet-0d0eab1bb38d5ca64"),
                        kv("networkInterfaceId", "eni-0f2d4f3d8a4b6c7e1"),
                        kv("macAddress", "0a:de:f6:10:51:e5"),
                        kv("privateIPv4Address", "192.0.2.3"),
                        kv("privateDnsName", "ip-192-0-2-3.us-west-2.compute.internal"))
                    .build())
            .containers(
                Container.builder()
                    .containerArn(
                        "arn:aws:ecs:us-west-2:111122223333:container/default/cd189a933e5849daa93386466019ab50/05966557-f16c-49cb-9352-24b3a0dcd0e1")
                    .taskArn(taskArn)
                    .name("curl")
                    .image("111122223333.dkr.ecr.us-west-2.amazonaws.com/curltest:latest")
                    .imageDigest(
                        "sha256:25f3695bedfb454a50f12d127839a68ad3caf91e451c1da073db34c542c4d2cb")
                    .runtimeId("cd189a933e5849daa93386466019ab50-2495160603")
                    .lastStatus("RUNNING")
                    .cpu("10")
                    .memory("128")
                    .networkInterfaces(
                        NetworkInterface.builder()
                            .attachmentId("2d2ac4f4-6a55-4a8a-9b47-2a1f4f4c3f1e")
                            .privateIpv4Address("192.0.2.3")
                            .build())
                    .build())
            .build();
    return new TaskDirectory.Entry(task, def, Map.of("env", "test"), Map.of());
  }

  static TaskDirectory.Entry ec2Bridge() {
    String taskArn =
        "arn:aws:ecs:us-west-2:111122223333:task/default/158d1c8083dd49d6b527399fd6414f5c";
    TaskDefinition def =
        TaskDefinition.builder()
            .taskDefinitionArn("arn:aws:ecs:us-west-2:111122223333:task-definition/curltest:26")
            .family("curltest")
            .revision(26)
            .networkMode("bridge")
            .containerDefinitions(
                ContainerDefinition.builder()
                    .name("curl")
                    .image("111122223333.dkr.ecr.us-west-2.amazonaws.com/curltest:latest")
                    .memory(128)
                    .dockerLabels(Map.of("team", "web"))
                    .logConfiguration(
                        LogConfiguration.builder()
                            .logDriver("awslogs")
                            .options(
                                Map.of(
                                    "awslogs-group", "/ecs/metadata",
                                    "awslogs-region", "us-west-2",
                                    "awslogs-stream-prefix", "ecs"))
                            .build())
                    .portMappings(PortMapping.builder().containerPort(80).hostPort(8080).build())
                    .build())
            .build();
    Task task =
        Task.builder()
            .taskArn(taskArn)
            .clusterArn("arn:aws:ecs:us-west-2:111122223333:cluster/default")
            .taskDefinitionArn(def.taskDefinitionArn())
            .containerInstanceArn(
                "arn:aws:ecs:us-west-2:111122223333:container-instance/default/6b0b0a6f1d8f4b1c9d2f7e0a1b2c3d4e")
            .launchType("EC2")
            .availabilityZone("us-west-2d")
            .desiredStatus("RUNNING")
            .lastStatus("RUNNING")
            .createdAt(CREATED)
            .pullStartedAt(PULL_STARTED)
            .pullStoppedAt(PULL_STOPPED)
            .startedAt(STARTED)
            .containers(
                Container.builder()
                    .containerArn(
                        "arn:aws:ecs:us-west-2:111122223333:container/default/158d1c8083dd49d6b527399fd6414f5c/abb51bdd-11b4-467f-8f6c-adcfe1fe059d")
                    .taskArn(taskArn)
                    .name("curl")
                    .image("111122223333.dkr.ecr.us-west-2.amazonaws.com/curltest:latest")
                    .imageDigest(
                        "sha256:d691691e9652791a60114e67b365688d20d19940dde7c4736ea30e660d8d3553")
                    .runtimeId("ea32192c8553fbff06c9340478a2ff089b2bb5646fb718b4ee206641c9086d66")
                    .lastStatus("RUNNING")
                    .cpu("0")
                    .memory("128")
                    .networkBindings(
                        NetworkBinding.builder()
                            .bindIP("0.0.0.0")
                            .containerPort(80)
                            .hostPort(8080)
                            .protocol("tcp")
                            .build())
                    .build())
            .build();
    return new TaskDirectory.Entry(task, def, Map.of(), Map.of("rack", "r1"));
  }

  private static KeyValuePair kv(String name, String value) {
    return KeyValuePair.builder().name(name).value(value).build();
  }
}
