package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.clock.ManualScheduler;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.task.TaskLifecycle;
import io.kecs.ecs.task.TaskStore;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.registry.LoadBalancerTargets;
import io.kecs.runtime.simulated.SimulatedRuntime;
import io.kecs.runtime.simulated.SimulationTimings;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The load balancer side of a service's tasks against a target group whose health the test sets, as
 * a data plane's health checks would: registration, ELB health as task health, an unhealthy
 * target's task stopped after the grace period, DEACTIVATING until its target has drained.
 */
class ServiceTargetsTest {
  private static final String TG =
      "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0123456789abcdef";
  private static final String CLUSTER = "arn:aws:ecs:us-east-1:000000000000:cluster/c";
  private static final String SERVICE = "arn:aws:ecs:us-east-1:000000000000:service/c/web";
  private static final String TASK = "arn:aws:ecs:us-east-1:000000000000:task/c/0123";

  private final ManualScheduler clock = new ManualScheduler();
  private final Database db = Database.inMemory();
  private final AwsJsonCodec codec = new AwsJsonCodec();
  private final ServiceStore services =
      new ServiceStore(new RecordTable<>(db, codec, "service", Service.class));
  private final TaskStore tasks = new TaskStore(new RecordTable<>(db, codec, "task", Task.class));
  private final TaskLifecycle lifecycle =
      new TaskLifecycle(
          tasks,
          new SimulatedRuntime(clock, SimulationTimings.FAST),
          definitions(),
          clock,
          db.gate());
  private final FakeTargets elb = new FakeTargets();
  private final LoadBalancerRules rules = new LoadBalancerRules();
  private final ServiceTargets targets =
      new ServiceTargets(services, tasks, lifecycle, clock, rules, db.gate());

  ServiceTargetsTest() {
    rules.connect(elb);
    lifecycle.deactivateBeforeStop(targets::mustDeactivate);
    services.put(
        Service.builder()
            .serviceArn(SERVICE)
            .serviceName("web")
            .clusterArn(CLUSTER)
            .status("ACTIVE")
            .healthCheckGracePeriodSeconds(30)
            .loadBalancers(
                LoadBalancer.builder()
                    .targetGroupArn(TG)
                    .containerName("app")
                    .containerPort(80)
                    .build())
            .events(List.of())
            .build());
    lifecycle.discovered(
        Task.builder()
            .taskArn(TASK)
            .clusterArn(CLUSTER)
            .group("service:web")
            .taskDefinitionArn("arn:aws:ecs:us-east-1:000000000000:task-definition/web:1")
            .lastStatus("RUNNING")
            .desiredStatus("RUNNING")
            .startedAt(clock.now())
            .healthStatus("UNKNOWN")
            .version(1L)
            .attachments(
                Attachment.builder()
                    .type("ElasticNetworkInterface")
                    .status("ATTACHED")
                    .details(
                        KeyValuePair.builder().name("privateIPv4Address").value("10.0.0.7").build())
                    .build())
            .build());
  }

  @AfterEach
  void close() {
    targets.close();
    db.close();
  }

  @Test
  void runningTaskIsRegisteredOnceAsItsIpAndContainerPort() {
    targets.reconcile(TASK);
    targets.reconcile(TASK);
    assertThat(elb.registrations).isEqualTo(1);
    assertThat(elb.health).containsOnlyKeys("10.0.0.7:80");
    assertThat(events())
        .containsExactly("(service web) registered 1 targets in (target-group " + TG + ")");
  }

  @Test
  void targetHealthIsTaskHealth() {
    targets.reconcile(TASK);
    assertThat(targets.passes(task())).isTrue(); // initial, registration in progress
    elb.set("initial", "Elb.InitialHealthChecking");
    assertThat(targets.passes(task())).isFalse();
    elb.set("healthy", null);
    assertThat(targets.passes(task())).isTrue();
    elb.set("unhealthy", "Target.ResponseCodeMismatch");
    assertThat(targets.passes(task())).isFalse();
  }

  @Test
  void unhealthyTargetStopsItsTaskAfterTheGracePeriodThroughDeactivating() {
    targets.reconcile(TASK);
    elb.set("unhealthy", "Target.ResponseCodeMismatch");
    targets.reconcile(TASK);
    assertThat(task().lastStatus()).as("within the grace period").isEqualTo("RUNNING");

    clock.advance(Duration.ofSeconds(31));
    targets.reconcile(TASK);
    Task stopping = task();
    assertThat(stopping.desiredStatus()).isEqualTo("STOPPED");
    assertThat(stopping.lastStatus()).isEqualTo("DEACTIVATING");
    assertThat(stopping.stoppedReason())
        .isEqualTo("Task failed ELB health checks in (target-group " + TG + ")");
    assertThat(CircuitBreaker.isFailure(stopping, null)).isTrue();
    assertThat(events())
        .contains(
            "(service web) (task 0123) (port 80) is unhealthy in (target-group "
                + TG
                + ") due to (reason Health checks failed).",
            "(service web) has stopped 1 running tasks: (task 0123).");

    targets.reconcile(TASK);
    assertThat(elb.health.get("10.0.0.7:80").state()).isEqualTo("draining");
    assertThat(task().lastStatus()).as("still draining").isEqualTo("DEACTIVATING");
    assertThat(events())
        .contains("(service web) deregistered 1 targets in (target-group " + TG + ")");

    elb.health.clear(); // the deregistration delay is over
    targets.reconcile(TASK);
    assertThat(task().lastStatus()).isEqualTo("STOPPING");
  }

  @Test
  void withoutElbv2NothingIsHeld() {
    rules.connect(null);
    assertThat(targets.mustDeactivate(task())).isFalse();
    assertThat(lifecycle.requestStop(TASK, "UserInitiated", "bye").lastStatus())
        .isEqualTo("STOPPING");
  }

  private Task task() {
    return tasks.get(TASK).orElseThrow();
  }

  private List<String> events() {
    return services.get(SERVICE).orElseThrow().events().stream()
        .map(ServiceEvent::message)
        .toList();
  }

  private static TaskDefinitionSource definitions() {
    return new TaskDefinitionSource() {
      @Override
      public Optional<TaskDefinition> resolve(Scope scope, String reference) {
        return Optional.empty();
      }

      @Override
      public Optional<TaskDefinition> byArn(String arn) {
        return Optional.empty();
      }
    };
  }

  /** One target group, in memory, whose targets' health the test sets. */
  private static final class FakeTargets implements LoadBalancerTargets {
    final Map<String, Health> health = new HashMap<>();
    int registrations;

    void set(String state, String reason) {
      health.replaceAll(
          (k, v) ->
              new Health(state, reason, "unhealthy".equals(state) ? "Health checks failed" : null));
    }

    @Override
    public Optional<TargetGroup> find(Scope scope, String arn) {
      return Optional.of(new TargetGroup(arn, "ip", "HTTP", 80, List.of("lb"), 300));
    }

    @Override
    public void register(Scope scope, String arn, String id, int port) {
      registrations++;
      health.put(
          id + ":" + port,
          new Health(
              "initial", "Elb.RegistrationInProgress", "Target registration is in progress"));
    }

    @Override
    public void deregister(Scope scope, String arn, String id, int port) {
      health.put(
          id + ":" + port,
          new Health("draining", "Target.DeregistrationInProgress", "Target deregistration"));
    }

    @Override
    public Health health(Scope scope, String arn, String id, int port) {
      return health.getOrDefault(
          id + ":" + port, new Health("unused", "Target.NotRegistered", "not registered"));
    }
  }
}
