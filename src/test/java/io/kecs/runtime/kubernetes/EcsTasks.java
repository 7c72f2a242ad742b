package io.kecs.runtime.kubernetes;

import io.kecs.identity.Arn;
import java.net.URI;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Task;

/** Fargate tasks in one cluster, driven through the AWS SDK, for the Kubernetes runtime tests. */
public final class EcsTasks {
  private final EcsClient ecs;
  private final String cluster;

  public EcsTasks(EcsClient ecs, String cluster) {
    this.ecs = ecs;
    this.cluster = cluster;
    ecs.createCluster(r -> r.clusterName(cluster));
  }

  public static EcsClient client(URI endpoint) {
    return EcsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  public static String id(Task task) {
    return Arn.parse(task.taskArn()).orElseThrow().lastSegment();
  }

  /** The first container is essential, the others not. */
  public void register(String family, String... containers) {
    ContainerDefinition[] defs = new ContainerDefinition[containers.length];
    for (int i = 0; i < containers.length; i++) {
      defs[i] =
          ContainerDefinition.builder()
              .name(containers[i])
              .image("nginx:1.27")
              .essential(i == 0)
              .command("serve", "--fast")
              .build();
    }
    registerDefs(family, defs);
  }

  public void registerWithHealthCheck(String family, String container) {
    registerDefs(
        family,
        ContainerDefinition.builder()
            .name(container)
            .image("nginx:1.27")
            .healthCheck(h -> h.command("CMD-SHELL", "curl -f http://localhost/").interval(5))
            .build());
  }

  private void registerDefs(String family, ContainerDefinition... defs) {
    registerWith(family, r -> {}, defs);
  }

  /** A Fargate definition with more set by {@code more} (a task role, ...). */
  public void registerWith(
      String family,
      java.util.function.Consumer<RegisterTaskDefinitionRequest.Builder> more,
      ContainerDefinition... defs) {
    ecs.registerTaskDefinition(
        r -> {
          r.family(family)
              .requiresCompatibilities(Compatibility.FARGATE)
              .networkMode(NetworkMode.AWSVPC)
              .cpu("256")
              .memory("512")
              .containerDefinitions(defs);
          more.accept(r);
        });
  }

  /** A Fargate definition of one essential container {@code app} serving on port 8080. */
  public void registerServing(String family, String image) {
    registerWith(
        family,
        r -> {},
        ContainerDefinition.builder()
            .name("app")
            .image(image)
            .essential(true)
            .portMappings(p -> p.containerPort(8080))
            .build());
  }

  public Task run(String family) {
    return ecs.runTask(
            r ->
                r.cluster(cluster)
                    .taskDefinition(family)
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(
                        n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345"))))
        .tasks()
        .get(0);
  }

  public Task describe(Task task) {
    return describe(ecs, task);
  }

  public Task await(Task task, Predicate<Task> condition) throws InterruptedException {
    return await(ecs, task, condition);
  }

  /** {@code task} as DescribeTasks answers once {@code condition} holds. */
  public static Task await(EcsClient ecs, Task task, Predicate<Task> condition)
      throws InterruptedException {
    Task[] last = new Task[1];
    return Await.value(
        () -> {
          last[0] = describe(ecs, task);
          return condition.test(last[0]) ? last[0] : null;
        },
        () -> "task never got there; last seen: " + last[0]);
  }

  /** The task as DescribeTasks answers; its cluster is read off its ARN when not given. */
  private static Task describe(EcsClient ecs, Task task) {
    String cluster =
        task.clusterArn() != null
            ? task.clusterArn()
            : Arn.parse(task.taskArn()).orElseThrow().resourcePath().split("/")[0];
    return ecs.describeTasks(r -> r.cluster(cluster).tasks(task.taskArn())).tasks().get(0);
  }
}
