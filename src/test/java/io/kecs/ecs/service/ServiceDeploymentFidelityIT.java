package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.testing.KecsTestServer;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

/**
 * Deployments checked against ECS (issue 11): the stabilisation window, the circuit breaker's two
 * stages and the launch throttle, through the AWS SDK on the simulated runtime.
 */
class ServiceDeploymentFidelityIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();

  private static KeyValuePair env(String name, String value) {
    return KeyValuePair.builder().name(name).value(value).build();
  }

  private String register(Consumer<ContainerDefinition.Builder> container) {
    return ecs.registerTaskDefinition(
            r ->
                r.family("web")
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC)
                    .cpu("256")
                    .memory("512")
                    .containerDefinitions(
                        c -> {
                          c.name("app").image("nginx");
                          container.accept(c);
                        }))
        .taskDefinition()
        .taskDefinitionArn();
  }

  private void create(String taskDefinition, int count, boolean breaker) {
    ecs.createCluster(r -> r.clusterName("apps"));
    ecs.createService(
        r ->
            r.cluster("apps")
                .serviceName("web")
                .taskDefinition(taskDefinition)
                .desiredCount(count)
                .launchType(LaunchType.FARGATE)
                .deploymentConfiguration(
                    d -> d.deploymentCircuitBreaker(b -> b.enable(breaker).rollback(breaker)))
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
  }

  private Service describe() {
    return ecs.describeServices(r -> r.cluster("apps").services("web")).services().get(0);
  }

  private Service await(Predicate<Service> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Service s = describe();
    while (!condition.test(s) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      s = describe();
    }
    assertThat(condition.test(s)).as("timed out; last state: %s", s).isTrue();
    return s;
  }

  private static boolean rolledBackTo(Service s, String taskDefinition) {
    return s.deployments().size() == 1
        && s.deployments().get(0).taskDefinition().equals(taskDefinition)
        && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString());
  }

  @Test
  void tasksCrashingAfterRunningNeverCompleteTheDeploymentAndTripTheBreaker() throws Exception {
    String good = register(c -> {});
    // Exits 1 shortly after RUNNING, well inside the stabilisation window (300 ms in tests).
    String crashing =
        register(
            c ->
                c.environment(
                    env("KECS_SIMULATE_EXIT_CODE", "1"), env("KECS_SIMULATE_RUN_SECONDS", "0.05")));
    create(good, 2, true);
    // The SDK's services-stable waiter only compares counts; a rollback needs a COMPLETED one.
    await(s -> rolledBackTo(s, good));

    ecs.updateService(r -> r.cluster("apps").service("web").taskDefinition(crashing));
    String bad = describe().deployments().get(0).id();
    Service rolledBack = await(s -> rolledBackTo(s, good));
    assertThat(rolledBack.events())
        .extracting(ServiceEvent::message)
        .noneMatch(m -> m.contains("(deployment " + bad + ") deployment completed"))
        .anyMatch(m -> m.contains("(deployment " + bad + ") deployment failed"))
        .anyMatch(m -> m.contains("Rolling back to deployment"));
  }

  @Test
  void aFirstDeploymentThatCrashesFailsInsteadOfLoopingForever() throws Exception {
    create(
        register(
            c ->
                c.environment(
                    env("KECS_SIMULATE_EXIT_CODE", "1"), env("KECS_SIMULATE_RUN_SECONDS", "0.05"))),
        2,
        true);
    Service failed = await(s -> "FAILED".equals(s.deployments().get(0).rolloutStateAsString()));
    assertThat(failed.events())
        .extracting(ServiceEvent::message)
        .noneMatch(m -> m.contains("has reached a steady state"));
    // A FAILED deployment launches nothing more: its last tasks crash and none replace them.
    await(s -> s.runningCount() == 0 && s.pendingCount() == 0);
    int stopped = ecs.listTasks(r -> r.cluster("apps").desiredStatus("STOPPED")).taskArns().size();
    Thread.sleep(1000);
    assertThat(ecs.listTasks(r -> r.cluster("apps").desiredStatus("STOPPED")).taskArns())
        .hasSizeLessThanOrEqualTo(stopped + 2);
  }

  @Test
  void tasksReplacedForFailingHealthChecksTripTheBreaker() throws Exception {
    String good =
        register(c -> c.healthCheck(h -> h.command("CMD-SHELL", "true").interval(5).retries(1)));
    String unhealthy =
        register(
            c ->
                c.healthCheck(h -> h.command("CMD-SHELL", "true").interval(5).retries(1))
                    .environment(env("KECS_SIMULATE_HEALTH", "UNHEALTHY")));
    create(good, 2, true);
    // The SDK's services-stable waiter only compares counts; a rollback needs a COMPLETED one.
    await(s -> rolledBackTo(s, good));

    ecs.updateService(r -> r.cluster("apps").service("web").taskDefinition(unhealthy));
    Service rolledBack = await(s -> rolledBackTo(s, good));
    assertThat(rolledBack.events())
        .extracting(ServiceEvent::message)
        .anyMatch(m -> m.contains("due to an unhealthy container health check"))
        .anyMatch(m -> m.contains("deployment failed"));
  }

  @Test
  void tasksThatKeepFailingToStartAreThrottled() throws Exception {
    create(
        register(c -> c.environment(env("KECS_SIMULATE_PULL_ERROR", "manifest unknown"))),
        1,
        false);
    await(
        s ->
            s.events().stream()
                .anyMatch(
                    e ->
                        e.message()
                            .equals(
                                "(service web) is unable to consistently start tasks"
                                    + " successfully.")));
  }
}
