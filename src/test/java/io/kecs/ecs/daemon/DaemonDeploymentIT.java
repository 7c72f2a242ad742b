package io.kecs.ecs.daemon;

import static io.kecs.ecs.daemon.DaemonFixture.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateDaemonResponse;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentSummary;
import software.amazon.awssdk.services.ecs.model.DaemonRevision;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.UpdateDaemonResponse;

/** Daemon deployments and revisions through the AWS SDK: rollouts, bake time, circuit breaker. */
class DaemonDeploymentIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private static final String PREFIX = "arn:aws:ecs:us-east-1:000000000000:";

  private final EcsClient ecs = kecs.ecs();
  private final DaemonFixture fixture = new DaemonFixture(ecs);

  private CreateDaemonResponse create(
      String name, String definition, List<String> providers, double drain, int bake) {
    return ecs.createDaemon(
        r ->
            r.clusterArn(CLUSTER)
                .daemonName(name)
                .daemonTaskDefinitionArn(definition)
                .capacityProviderArns(providers)
                .deploymentConfiguration(d -> d.drainPercent(drain).bakeTimeInMinutes(bake)));
  }

  private UpdateDaemonResponse update(String daemonArn, String definition, List<String> providers) {
    return ecs.updateDaemon(
        r ->
            r.daemonArn(daemonArn)
                .daemonTaskDefinitionArn(definition)
                .capacityProviderArns(providers));
  }

  @Test
  void newRevisionRollsInstanceByInstance() throws Exception {
    List<String> providers = fixture.clusterWithProviders("mi");
    for (String id : List.of("a", "b", "c", "d")) {
      fixture.instance("i-000000000000000" + id + "0", "mi");
    }
    String v1 = fixture.definition("monitor", "agent:1");
    String v2 = fixture.definition("monitor", "agent:2");
    CreateDaemonResponse created = create("monitor", v1, providers, 25.0, 0);
    DaemonDeployment first = fixture.awaitDeployment(created.deploymentArn(), "SUCCESSFUL");

    UpdateDaemonResponse updated = update(created.daemonArn(), v2, providers);
    assertThat(updated.deploymentArn()).isNotEqualTo(created.deploymentArn());
    assertThat(updated.updatedAt()).isAfterOrEqualTo(updated.createdAt());
    // 25% of 4 instances: one at a time, the old task stopped before the new one starts.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      Map<String, List<Task>> now = fixture.tasksByInstance("monitor");
      assertThat(now.values()).allSatisfy(tasks -> assertThat(tasks).hasSize(1));
      assertThat(now.size()).isGreaterThanOrEqualTo(3);
      if (now.size() == 4
          && now.values().stream()
              .flatMap(List::stream)
              .allMatch(
                  t -> v2.equals(t.taskDefinitionArn()) && "RUNNING".equals(t.lastStatus()))) {
        break;
      }
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(10);
    }
    DaemonDeployment rolled = fixture.awaitDeployment(updated.deploymentArn(), "SUCCESSFUL");
    assertThat(rolled.targetDaemonRevision().totalRunningInstanceCount()).isEqualTo(4);
    assertThat(rolled.sourceDaemonRevisions())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.arn()).isEqualTo(first.targetDaemonRevision().arn());
              assertThat(s.totalRunningInstanceCount()).isZero();
            });

    List<DaemonDeploymentSummary> listed =
        ecs.listDaemonDeployments(r -> r.daemonArn(created.daemonArn())).daemonDeployments();
    assertThat(listed)
        .extracting(DaemonDeploymentSummary::daemonDeploymentArn)
        .containsExactly(updated.deploymentArn(), created.deploymentArn());
    assertThat(listed.get(0).daemonArn()).isEqualTo(created.daemonArn());
    assertThat(listed.get(0).targetDaemonRevisionArn())
        .isEqualTo(rolled.targetDaemonRevision().arn());
    assertThat(
            ecs.listDaemonDeployments(
                    r ->
                        r.daemonArn(created.daemonArn())
                            .maxResults(1)
                            .createdAt(c -> c.before(Instant.now().plusSeconds(60))))
                .nextToken())
        .isNotNull();
    assertThat(
            ecs.listDaemonDeployments(
                    r -> r.daemonArn(created.daemonArn()).status(DaemonDeploymentStatus.STOPPED))
                .daemonDeployments())
        .isEmpty();
    assertThat(
            ecs.listDaemonDeployments(
                    r ->
                        r.daemonArn(created.daemonArn())
                            .createdAt(c -> c.after(Instant.now().plusSeconds(60))))
                .daemonDeployments())
        .isEmpty();

    List<DaemonRevision> revisions =
        ecs.describeDaemonRevisions(
                r ->
                    r.daemonRevisionArns(
                        first.targetDaemonRevision().arn(),
                        rolled.targetDaemonRevision().arn(),
                        PREFIX + "daemon-revision/hosts/monitor/missing"))
            .daemonRevisions();
    assertThat(revisions)
        .extracting(DaemonRevision::daemonTaskDefinitionArn)
        .containsExactly(v1, v2);
    assertThat(
            ecs.describeDaemonRevisions(
                    r -> r.daemonRevisionArns(PREFIX + "daemon-revision/hosts/monitor/missing"))
                .failures())
        .extracting(Failure::reason)
        .containsExactly("MISSING");
  }

  @Test
  void bakeTimeHoldsTheNextBatchAndANewerDeploymentStopsTheOld() throws Exception {
    List<String> providers = fixture.clusterWithProviders("mi");
    fixture.instance("i-0000000000000000a", "mi");
    fixture.instance("i-0000000000000000b", "mi");
    String v1 = fixture.definition("logs", "fluent-bit:1");
    String v2 = fixture.definition("logs", "fluent-bit:2");
    String v3 = fixture.definition("logs", "fluent-bit:3");
    CreateDaemonResponse created = create("logs", v1, providers, 50.0, 1);
    fixture.awaitDeployment(created.deploymentArn(), "SUCCESSFUL");

    UpdateDaemonResponse toV2 = update(created.daemonArn(), v2, providers);
    DaemonFixture.await(
        () -> count(v2) == 1 && count(v1) == 1, () -> fixture.tasksByInstance("logs").toString());
    // The first batch is baking: the second instance keeps v1 for now.
    Thread.sleep(300);
    assertThat(count(v1)).isEqualTo(1);
    DaemonDeployment baking = fixture.deployment(toV2.deploymentArn());
    assertThat(baking.statusAsString()).isEqualTo("IN_PROGRESS");
    assertThat(baking.targetDaemonRevision().totalRunningInstanceCount()).isEqualTo(1);
    assertThat(baking.sourceDaemonRevisions())
        .singleElement()
        .satisfies(s -> assertThat(s.totalRunningInstanceCount()).isEqualTo(1));
    assertThat(baking.deploymentConfiguration().bakeTimeInMinutes()).isEqualTo(1);

    // A newer deployment stops the one under way; both older revisions are its sources.
    UpdateDaemonResponse toV3 =
        ecs.updateDaemon(
            r ->
                r.daemonArn(created.daemonArn())
                    .daemonTaskDefinitionArn(v3)
                    .capacityProviderArns(providers)
                    .deploymentConfiguration(d -> d.bakeTimeInMinutes(0)));
    DaemonDeployment stopped = fixture.deployment(toV2.deploymentArn());
    assertThat(stopped.statusAsString()).isEqualTo("STOPPED");
    assertThat(stopped.stoppedAt()).isNotNull();
    assertThat(stopped.statusReason()).contains("replaced");
    assertThat(fixture.deployment(toV3.deploymentArn()).sourceDaemonRevisions()).hasSize(2);
    fixture.awaitDeployment(toV3.deploymentArn(), "SUCCESSFUL");
    assertThat(count(v3)).isEqualTo(2);
    assertThat(
            ecs.listDaemonDeployments(
                    r -> r.daemonArn(created.daemonArn()).status(DaemonDeploymentStatus.STOPPED))
                .daemonDeployments())
        .extracting(DaemonDeploymentSummary::daemonDeploymentArn)
        .containsExactly(toV2.deploymentArn());
  }

  @Test
  void circuitBreakerRollsBackToTheLastSuccessfulRevision() throws Exception {
    List<String> providers = fixture.clusterWithProviders("mi");
    fixture.instance("i-0000000000000000a", "mi");
    fixture.instance("i-0000000000000000b", "mi");
    String good = fixture.definition("sec", "falco:1");
    String broken =
        fixture.definition(
            "sec",
            "falco:broken",
            KeyValuePair.builder()
                .name("KECS_SIMULATE_PULL_ERROR")
                .value("manifest unknown")
                .build());
    CreateDaemonResponse created = create("sec", good, providers, 50.0, 0);
    DaemonDeployment first = fixture.awaitDeployment(created.deploymentArn(), "SUCCESSFUL");

    UpdateDaemonResponse failing = update(created.daemonArn(), broken, providers);
    DaemonDeployment rolledBack =
        fixture.awaitDeployment(failing.deploymentArn(), "ROLLBACK_SUCCESSFUL");
    assertThat(rolledBack.circuitBreaker().statusAsString()).isEqualTo("TRIGGERED");
    assertThat(rolledBack.circuitBreaker().failureCount())
        .isGreaterThanOrEqualTo(rolledBack.circuitBreaker().threshold());
    assertThat(rolledBack.rollback().rollbackTargetDaemonRevisionArn())
        .isEqualTo(first.targetDaemonRevision().arn());
    assertThat(rolledBack.rollback().rollbackCapacityProviders())
        .containsExactlyElementsOf(providers);
    assertThat(rolledBack.rollback().reason()).contains("circuit breaker");
    assertThat(rolledBack.statusReason()).contains("circuit breaker");
    assertThat(count(good)).isEqualTo(2);
    assertThat(
            ecs.describeDaemon(r -> r.daemonArn(created.daemonArn()))
                .daemon()
                .currentRevisions()
                .get(0)
                .arn())
        .isEqualTo(first.targetDaemonRevision().arn());
  }

  @Test
  void describeAndListAreChecked() {
    fixture.clusterWithProviders("mi");
    assertThatThrownBy(() -> ecs.describeDaemonDeployments(r -> r.daemonDeploymentArns(List.of())))
        .isInstanceOf(InvalidParameterException.class);
    List<String> many =
        java.util.stream.IntStream.range(0, 21)
            .mapToObj(i -> PREFIX + "daemon-deployment/hosts/d/" + i)
            .toList();
    assertThatThrownBy(() -> ecs.describeDaemonDeployments(r -> r.daemonDeploymentArns(many)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.describeDaemonRevisions(r -> r.daemonRevisionArns(many)))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(
            ecs.describeDaemonDeployments(r -> r.daemonDeploymentArns("not-an-arn", many.get(0)))
                .failures())
        .extracting(Failure::arn, Failure::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("not-an-arn", "MISSING"),
            org.assertj.core.groups.Tuple.tuple(many.get(0), "MISSING"));
    assertThatThrownBy(() -> ecs.listDaemonDeployments(r -> r.daemonArn("monitor")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.listDaemonDeployments(
                    r -> r.daemonArn(PREFIX + "daemon/hosts/monitor").maxResults(0)))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(
            ecs.listDaemonDeployments(r -> r.daemonArn(PREFIX + "daemon/hosts/monitor"))
                .daemonDeployments())
        .isEmpty();
  }

  private long count(String definition) {
    return fixture.tasksByInstance(nameOf(definition)).values().stream()
        .flatMap(List::stream)
        .filter(t -> definition.equals(t.taskDefinitionArn()) && "RUNNING".equals(t.lastStatus()))
        .count();
  }

  private static String nameOf(String definition) {
    String family = definition.substring(definition.lastIndexOf('/') + 1);
    return family.substring(0, family.indexOf(':'));
  }
}
