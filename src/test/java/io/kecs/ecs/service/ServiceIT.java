package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;

/** Services through the AWS SDK: scheduling, scaling, rolling deployments, circuit breaker. */
class ServiceIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();

  private String register(String family, String image, KeyValuePair... env) {
    return ecs.registerTaskDefinition(
            r ->
                r.family(family)
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC)
                    .cpu("256")
                    .memory("512")
                    .containerDefinitions(c -> c.name("app").image(image).environment(env)))
        .taskDefinition()
        .taskDefinitionArn();
  }

  private Service create(String name, String taskDefinition, int count, boolean circuitBreaker) {
    return ecs.createService(
            r ->
                r.cluster("apps")
                    .serviceName(name)
                    .taskDefinition(taskDefinition)
                    .desiredCount(count)
                    .launchType(LaunchType.FARGATE)
                    .deploymentConfiguration(
                        d ->
                            d.deploymentCircuitBreaker(
                                b -> b.enable(circuitBreaker).rollback(circuitBreaker)))
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))))
        .service();
  }

  private Service describe(String name) {
    return ecs.describeServices(r -> r.cluster("apps").services(name)).services().get(0);
  }

  private Service await(String name, Predicate<Service> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Service s = describe(name);
    while (!condition.test(s)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out; last state: " + s);
      }
      Thread.sleep(50);
      s = describe(name);
    }
    return s;
  }

  @Test
  void createScaleAndReachSteadyState() throws Exception {
    ecs.createCluster(r -> r.clusterName("apps"));
    String v1 = register("web", "nginx:1");
    Service created = create("web", v1, 2, false);
    assertThat(created.status()).isEqualTo("ACTIVE");
    assertThat(created.serviceArn())
        .isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/apps/web");
    assertThat(created.deployments())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.status()).isEqualTo("PRIMARY");
              assertThat(d.rolloutStateAsString()).isEqualTo("IN_PROGRESS");
              assertThat(d.id()).matches("ecs-svc/\\d{19}");
            });
    assertThat(created.deploymentConfiguration().maximumPercent()).isEqualTo(200);

    kecs.waiter().waitUntilServicesStable(r -> r.cluster("apps").services("web"));
    // The deployment completes once its tasks have run through the stabilisation window.
    Service stable =
        await("web", s -> "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
    assertThat(stable.runningCount()).isEqualTo(2);
    assertThat(stable.deployments().get(0).rolloutStateAsString()).isEqualTo("COMPLETED");
    assertThat(stable.events())
        .extracting(ServiceEvent::message)
        .anyMatch(m -> m.startsWith("(service web) has started 2 tasks: (task "))
        .anyMatch(m -> m.equals("(service web) has reached a steady state."));
    assertThat(stable.events().get(0).message())
        .isEqualTo("(service web) has reached a steady state.");
    assertThat(ecs.listTasks(r -> r.cluster("apps").serviceName("web")).taskArns()).hasSize(2);
    assertThat(
            ecs.describeClusters(r -> r.clusters("apps")).clusters().get(0).activeServicesCount())
        .isEqualTo(1);

    ecs.updateService(r -> r.cluster("apps").service("web").desiredCount(3));
    await("web", s -> s.runningCount() == 3);
    ecs.updateService(r -> r.cluster("apps").service("web").desiredCount(1));
    Service scaledIn = await("web", s -> s.runningCount() == 1 && s.deployments().size() == 1);
    assertThat(scaledIn.events())
        .extracting(ServiceEvent::message)
        .anyMatch(m -> m.startsWith("(service web) has stopped 2 running tasks"));
    assertThat(ecs.listServices(r -> r.cluster("apps")).serviceArns())
        .containsExactly(created.serviceArn());
  }

  @Test
  void rollingDeploymentObservedStepByStep() throws Exception {
    ecs.createCluster(r -> r.clusterName("apps"));
    String v1 = register("web", "nginx:1");
    String v2 = register("web", "nginx:2");
    create("web", v1, 2, false);
    kecs.waiter().waitUntilServicesStable(r -> r.cluster("apps").services("web"));
    String firstDeployment = describe("web").deployments().get(0).id();

    ecs.updateService(r -> r.cluster("apps").service("web").taskDefinition(v2));
    Service rolling = describe("web");
    assertThat(rolling.taskDefinition()).isEqualTo(v2);
    assertThat(rolling.deployments()).hasSize(2);
    assertThat(rolling.deployments().get(0))
        .satisfies(
            d -> {
              assertThat(d.status()).isEqualTo("PRIMARY");
              assertThat(d.taskDefinition()).isEqualTo(v2);
              assertThat(d.rolloutStateAsString()).isEqualTo("IN_PROGRESS");
            });
    assertThat(rolling.deployments().get(1))
        .satisfies(
            d -> {
              assertThat(d.status()).isEqualTo("ACTIVE");
              assertThat(d.id()).isEqualTo(firstDeployment);
            });

    // Observe: old tasks keep running until new ones are healthy (min 100%, max 200%).
    List<Integer> oldRunning = new ArrayList<>();
    Service done =
        await(
            "web",
            s -> {
              if (s.deployments().size() == 2) {
                oldRunning.add(s.deployments().get(1).runningCount());
              }
              return s.deployments().size() == 1 && s.runningCount() == 2;
            });
    assertThat(oldRunning).isNotEmpty();
    assertThat(done.deployments().get(0).taskDefinition()).isEqualTo(v2);
    kecs.waiter().waitUntilServicesStable(r -> r.cluster("apps").services("web"));
    await("web", s -> "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
    List<String> tasks = ecs.listTasks(r -> r.cluster("apps").serviceName("web")).taskArns();
    assertThat(ecs.describeTasks(r -> r.cluster("apps").tasks(tasks)).tasks())
        .allSatisfy(t -> assertThat(t.taskDefinitionArn()).isEqualTo(v2));

    List<ServiceDeploymentBrief> history =
        ecs.listServiceDeployments(r -> r.cluster("apps").service("web")).serviceDeployments();
    assertThat(history).hasSize(2);
    assertThat(history.get(0).statusAsString()).isEqualTo("SUCCESSFUL");
    var revisions =
        ecs.describeServiceRevisions(
                r -> r.serviceRevisionArns(history.get(0).targetServiceRevisionArn()))
            .serviceRevisions();
    assertThat(revisions)
        .singleElement()
        .satisfies(rev -> assertThat(rev.taskDefinition()).isEqualTo(v2));
    assertThat(
            ecs.describeServiceDeployments(
                    r -> r.serviceDeploymentArns(history.get(0).serviceDeploymentArn()))
                .serviceDeployments())
        .singleElement()
        .satisfies(sd -> assertThat(sd.finishedAt()).isNotNull());
  }

  @Test
  void stoppedTasksAreReplaced() throws Exception {
    ecs.createCluster(r -> r.clusterName("apps"));
    create("web", register("web", "nginx:1"), 1, false);
    kecs.waiter().waitUntilServicesStable(r -> r.cluster("apps").services("web"));
    String first = ecs.listTasks(r -> r.cluster("apps").serviceName("web")).taskArns().get(0);
    ecs.stopTask(r -> r.cluster("apps").task(first));
    await(
        "web",
        s -> {
          List<String> now = ecs.listTasks(r -> r.cluster("apps").serviceName("web")).taskArns();
          return s.runningCount() == 1 && !now.contains(first) && now.size() == 1;
        });
  }

  @Test
  void circuitBreakerFailsAndRollsBack() throws Exception {
    ecs.createCluster(r -> r.clusterName("apps"));
    String good = register("web", "nginx:1");
    String bad =
        register(
            "web",
            "nginx:broken",
            KeyValuePair.builder()
                .name("KECS_SIMULATE_PULL_ERROR")
                .value("manifest unknown")
                .build());
    create("web", good, 2, true);
    kecs.waiter().waitUntilServicesStable(r -> r.cluster("apps").services("web"));
    // Counts are stable at once; the deployment completes after the stabilisation window, and only
    // a COMPLETED deployment is one to roll back to.
    await("web", s -> "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
    String goodDeployment = describe("web").deployments().get(0).id();

    ecs.updateService(r -> r.cluster("apps").service("web").taskDefinition(bad));
    Service rolledBack =
        await(
            "web",
            s ->
                s.deployments().size() == 1
                    && s.deployments().get(0).taskDefinition().equals(good)
                    && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
    assertThat(rolledBack.deployments().get(0).id()).isNotEqualTo(goodDeployment);
    assertThat(rolledBack.events())
        .extracting(ServiceEvent::message)
        .anyMatch(m -> m.contains("deployment failed: tasks failed to start."))
        .anyMatch(m -> m.contains("Rolling back to deployment"));
    List<ServiceDeploymentBrief> history =
        ecs.listServiceDeployments(r -> r.cluster("apps").service("web")).serviceDeployments();
    assertThat(history)
        .extracting(ServiceDeploymentBrief::statusAsString)
        .containsExactly("SUCCESSFUL", "ROLLBACK_SUCCESSFUL", "SUCCESSFUL");
  }

  @Test
  void deleteDrainsToInactive() throws Exception {
    ecs.createCluster(r -> r.clusterName("apps"));
    create("web", register("web", "nginx:1"), 1, false);
    assertThatThrownBy(() -> ecs.deleteService(r -> r.cluster("apps").service("web")))
        .isInstanceOf(InvalidParameterException.class);
    Service draining =
        ecs.deleteService(r -> r.cluster("apps").service("web").force(true)).service();
    assertThat(draining.status()).isEqualTo("DRAINING");
    kecs.waiter().waitUntilServicesInactive(r -> r.cluster("apps").services("web"));
    assertThat(ecs.listServices(r -> r.cluster("apps")).serviceArns()).isEmpty();
    assertThat(ecs.listTasks(r -> r.cluster("apps")).taskArns()).isEmpty();
    assertThatThrownBy(
            () -> ecs.updateService(r -> r.cluster("apps").service("web").desiredCount(1)))
        .isInstanceOf(ServiceNotActiveException.class);
    assertThatThrownBy(
            () -> ecs.updateService(r -> r.cluster("apps").service("nope").desiredCount(1)))
        .isInstanceOf(ServiceNotFoundException.class);
    // The name can be used again once the old service is INACTIVE.
    assertThat(create("web", register("web", "nginx:1"), 0, false).status()).isEqualTo("ACTIVE");
  }

  @Test
  void invalidServicesAreRefused() {
    ecs.createCluster(r -> r.clusterName("apps"));
    String v1 = register("web", "nginx:1");
    assertThatThrownBy(
            () ->
                ecs.createService(
                    r ->
                        r.cluster("apps")
                            .serviceName("x")
                            .taskDefinition(v1)
                            .launchType(LaunchType.FARGATE)
                            .desiredCount(1)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Network Configuration");
    assertThatThrownBy(
            () ->
                ecs.createService(
                    r -> r.cluster("apps").serviceName("bad name").taskDefinition(v1)))
        .isInstanceOf(InvalidParameterException.class);
    create("web", v1, 0, false);
    assertThatThrownBy(() -> create("web", v1, 1, false))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("idempotent");
    assertThatThrownBy(
            () ->
                ecs.describeServices(
                    r ->
                        r.cluster("apps")
                            .services("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(ecs.describeServices(r -> r.cluster("apps").services("ghost")).failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
  }

  static Deployment primary(Service s) {
    return s.deployments().get(0);
  }
}
