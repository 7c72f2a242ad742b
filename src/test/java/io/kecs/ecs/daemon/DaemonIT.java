package io.kecs.ecs.daemon;

import static io.kecs.ecs.daemon.DaemonFixture.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.CreateDaemonResponse;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDetail;
import software.amazon.awssdk.services.ecs.model.DaemonNotActiveException;
import software.amazon.awssdk.services.ecs.model.DaemonNotFoundException;
import software.amazon.awssdk.services.ecs.model.DaemonRevision;
import software.amazon.awssdk.services.ecs.model.DaemonSummary;
import software.amazon.awssdk.services.ecs.model.DeleteDaemonResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;

/** ECS Managed Daemons through the AWS SDK: create, describe, list, tags, instances, delete. */
class DaemonIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private static final String PREFIX = "arn:aws:ecs:us-east-1:000000000000:";

  private final EcsClient ecs = kecs.ecs();
  private final DaemonFixture fixture = new DaemonFixture(ecs);

  private CreateDaemonResponse create(String name, String definition, String... providers) {
    return ecs.createDaemon(
        r ->
            r.clusterArn(CLUSTER)
                .daemonName(name)
                .daemonTaskDefinitionArn(definition)
                .capacityProviderArns(providers)
                .propagateTags("DAEMON")
                .enableECSManagedTags(true)
                .tags(Tag.builder().key("team").value("obs").build()));
  }

  private DaemonDetail describe(String arn) {
    return ecs.describeDaemon(r -> r.daemonArn(arn)).daemon();
  }

  @Test
  void oneTaskOnEachInstanceOfTheProviders() throws Exception {
    List<String> providers = fixture.clusterWithProviders("mi", "mi2");
    String a = fixture.instance("i-0000000000000000a", "mi");
    String b = fixture.instance("i-0000000000000000b", "mi");
    fixture.instance("i-0000000000000000c", "mi2");
    fixture.instance("i-0000000000000000d", null);
    String def = fixture.definition("monitor", "datadog/agent:7");

    CreateDaemonResponse created = create("monitor", def, providers.get(0));
    assertThat(created.daemonArn()).isEqualTo(PREFIX + "daemon/hosts/monitor");
    assertThat(created.statusAsString()).isEqualTo("ACTIVE");
    assertThat(created.deploymentArn())
        .matches(PREFIX.replace(".", "\\.") + "daemon-deployment/hosts/monitor/[A-Za-z0-9]{21}");

    DaemonDeployment done = fixture.awaitDeployment(created.deploymentArn(), "SUCCESSFUL");
    assertThat(done.targetDaemonRevision().totalRunningInstanceCount()).isEqualTo(2);
    assertThat(done.targetDaemonRevision().capacityProviders())
        .singleElement()
        .satisfies(p -> assertThat(p.runningInstanceCount()).isEqualTo(2));
    assertThat(done.circuitBreaker().statusAsString()).isEqualTo("MONITORING_COMPLETE");
    assertThat(done.circuitBreaker().threshold()).isEqualTo(3);
    assertThat(done.alarms().statusAsString()).isEqualTo("DISABLED");
    assertThat(done.deploymentConfiguration().drainPercent()).isEqualTo(25.0);
    assertThat(done.startedAt()).isNotNull();
    assertThat(done.finishedAt()).isNotNull();

    assertThat(fixture.tasksByInstance("monitor"))
        .containsOnlyKeys(a, b)
        .allSatisfy((instance, tasks) -> assertThat(tasks).hasSize(1));
    Task task = fixture.tasksByInstance("monitor").get(a).get(0);
    assertThat(task.group()).isEqualTo("daemon:monitor");
    assertThat(task.taskDefinitionArn()).isEqualTo(def);
    assertThat(task.launchTypeAsString()).isEqualTo("MANAGED_INSTANCES");
    assertThat(task.capacityProviderName()).isEqualTo("mi");
    assertThat(ecs.listTagsForResource(r -> r.resourceArn(task.taskArn())).tags())
        .extracting(Tag::key)
        .contains("team", "aws:ecs:clusterName", "aws:ecs:daemonName");

    DaemonDetail detail = describe(created.daemonArn());
    assertThat(detail.clusterArn()).isEqualTo(PREFIX + "cluster/hosts");
    assertThat(detail.deploymentArn()).isEqualTo(created.deploymentArn());
    assertThat(detail.currentRevisions())
        .singleElement()
        .satisfies(
            rev -> {
              assertThat(rev.arn()).isEqualTo(done.targetDaemonRevision().arn());
              assertThat(rev.totalRunningCount()).isEqualTo(2);
              assertThat(rev.capacityProviders())
                  .singleElement()
                  .satisfies(
                      p -> {
                        assertThat(p.arn()).isEqualTo(providers.get(0));
                        assertThat(p.runningCount()).isEqualTo(2);
                      });
            });
    assertThat(task.startedBy()).isEqualTo(rev(detail).substring(rev(detail).lastIndexOf('/') + 1));

    DaemonRevision revision =
        ecs.describeDaemonRevisions(r -> r.daemonRevisionArns(rev(detail)))
            .daemonRevisions()
            .get(0);
    assertThat(revision.daemonRevisionArn())
        .matches(PREFIX.replace(".", "\\.") + "daemon-revision/hosts/monitor/[0-9a-f-]{36}");
    assertThat(revision.daemonTaskDefinitionArn()).isEqualTo(def);
    assertThat(revision.containerImages())
        .singleElement()
        .satisfies(i -> assertThat(i.image()).isEqualTo("datadog/agent:7"));
    assertThat(revision.propagateTagsAsString()).isEqualTo("DAEMON");
    assertThat(revision.enableECSManagedTags()).isTrue();
    assertThat(revision.enableExecuteCommand()).isFalse();

    assertThat(ecs.listTagsForResource(r -> r.resourceArn(created.daemonArn())).tags())
        .containsExactly(Tag.builder().key("team").value("obs").build());
    assertThat(ecs.listDaemons(r -> r.clusterArn(CLUSTER)).daemonSummariesList())
        .extracting(DaemonSummary::daemonArn)
        .containsExactly(created.daemonArn());
    assertThat(
            ecs.listDaemons(r -> r.clusterArn(CLUSTER).capacityProviderArns("mi2"))
                .daemonSummariesList())
        .isEmpty();
    assertThat(
            ecs.listDaemons(r -> r.clusterArn(CLUSTER).capacityProviderArns(providers.get(0)))
                .daemonSummariesList())
        .hasSize(1);
  }

  private static String rev(DaemonDetail d) {
    return d.currentRevisions().get(0).arn();
  }

  @Test
  void drainedInstancesLoseTheirTaskAndNewInstancesGetOne() throws Exception {
    List<String> providers = fixture.clusterWithProviders("mi");
    String a = fixture.instance("i-0000000000000000a", "mi");
    String b = fixture.instance("i-0000000000000000b", "mi");
    CreateDaemonResponse created =
        create("logs", fixture.definition("logs", "fluent-bit:3"), providers.get(0));
    fixture.awaitDeployment(created.deploymentArn(), "SUCCESSFUL");

    ecs.updateContainerInstancesState(
        r -> r.cluster(CLUSTER).containerInstances(b).status(ContainerInstanceStatus.DRAINING));
    DaemonFixture.await(
        () -> fixture.tasksByInstance("logs").keySet().equals(java.util.Set.of(a)),
        () -> fixture.tasksByInstance("logs").toString());

    String c = fixture.instance("i-0000000000000000c", "mi");
    DaemonFixture.await(
        () -> fixture.tasksByInstance("logs").keySet().equals(java.util.Set.of(a, c)),
        () -> fixture.tasksByInstance("logs").toString());
    DaemonFixture.await(
        () -> describe(created.daemonArn()).currentRevisions().get(0).totalRunningCount() == 2,
        () -> describe(created.daemonArn()).toString());
  }

  @Test
  void deleteDrainsBatchByBatchThenTheDaemonIsGone() throws Exception {
    List<String> providers = fixture.clusterWithProviders("mi");
    fixture.instance("i-0000000000000000a", "mi");
    fixture.instance("i-0000000000000000b", "mi");
    String def = fixture.definition("sec", "falco:1");
    // Half the instances at a time, a minute's bake between batches: the second batch waits.
    CreateDaemonResponse held =
        ecs.createDaemon(
            r ->
                r.clusterArn(CLUSTER)
                    .daemonName("held")
                    .daemonTaskDefinitionArn(def)
                    .capacityProviderArns(providers)
                    .deploymentConfiguration(d -> d.drainPercent(50.0).bakeTimeInMinutes(1)));
    fixture.awaitDeployment(held.deploymentArn(), "SUCCESSFUL");
    // A provider a daemon uses cannot be deleted.
    assertThat(
            ecs.deleteCapacityProvider(r -> r.cluster(CLUSTER).capacityProvider("mi"))
                .capacityProvider())
        .satisfies(
            p -> {
              assertThat(p.statusAsString()).isEqualTo("ACTIVE");
              assertThat(p.updateStatusAsString()).isEqualTo("DELETE_FAILED");
              assertThat(p.updateStatusReason()).contains("still use it");
            });

    DeleteDaemonResponse deleted = ecs.deleteDaemon(r -> r.daemonArn(held.daemonArn()));
    assertThat(deleted.statusAsString()).isEqualTo("DELETE_IN_PROGRESS");
    assertThat(deleted.deploymentArn()).isNotEqualTo(held.deploymentArn());
    assertThat(deleted.updatedAt()).isAfterOrEqualTo(deleted.createdAt());
    DaemonFixture.await(
        () -> fixture.tasksByInstance("held").size() == 1,
        () -> fixture.tasksByInstance("held").toString());
    DaemonDetail deleting = describe(held.daemonArn());
    assertThat(deleting.statusAsString()).isEqualTo("DELETE_IN_PROGRESS");
    assertThat(deleting.deploymentArn()).isEqualTo(deleted.deploymentArn());
    DaemonDeployment draining = fixture.deployment(deleted.deploymentArn());
    assertThat(draining.statusAsString()).isEqualTo("IN_PROGRESS");
    assertThat(draining.targetDaemonRevision()).isNull();
    assertThat(draining.sourceDaemonRevisions())
        .singleElement()
        .satisfies(src -> assertThat(src.totalRunningInstanceCount()).isEqualTo(1));
    assertThat(fixture.deployment(held.deploymentArn()).statusAsString()).isEqualTo("SUCCESSFUL");
    assertThatThrownBy(() -> ecs.deleteDaemon(r -> r.daemonArn(held.daemonArn())))
        .isInstanceOf(DaemonNotActiveException.class);
    assertThatThrownBy(
            () ->
                ecs.updateDaemon(
                    r ->
                        r.daemonArn(held.daemonArn())
                            .daemonTaskDefinitionArn("sec")
                            .capacityProviderArns("mi")))
        .isInstanceOf(DaemonNotActiveException.class);
    Thread.sleep(300);
    assertThat(fixture.tasksByInstance("held")).hasSize(1);

    // Without a bake time the whole daemon drains at once and leaves.
    CreateDaemonResponse quick =
        ecs.createDaemon(
            r ->
                r.clusterArn(CLUSTER)
                    .daemonName("quick")
                    .daemonTaskDefinitionArn(def)
                    .capacityProviderArns(providers));
    fixture.awaitDeployment(quick.deploymentArn(), "SUCCESSFUL");
    String deletion = ecs.deleteDaemon(r -> r.daemonArn(quick.daemonArn())).deploymentArn();
    DaemonFixture.await(
        () -> {
          try {
            describe(quick.daemonArn());
            return false;
          } catch (DaemonNotFoundException gone) {
            return true;
          }
        },
        () -> "daemon still there");
    assertThat(fixture.tasksByInstance("quick")).isEmpty();
    assertThat(fixture.deployment(deletion).statusAsString()).isEqualTo("SUCCESSFUL");
    assertThat(fixture.deployment(deletion).finishedAt()).isNotNull();
    assertThat(ecs.listDaemons(r -> r.clusterArn(CLUSTER)).daemonSummariesList())
        .extracting(DaemonSummary::daemonArn)
        .containsExactly(held.daemonArn());
    assertThatThrownBy(() -> ecs.deleteDaemon(r -> r.daemonArn(quick.daemonArn())))
        .isInstanceOf(DaemonNotFoundException.class);

    // The name can be used again, with a history of its own.
    CreateDaemonResponse again = create("quick", def, providers.get(0));
    assertThat(again.statusAsString()).isEqualTo("ACTIVE");
    assertThat(ecs.listDaemonDeployments(r -> r.daemonArn(again.daemonArn())).daemonDeployments())
        .hasSize(1);
  }

  @Test
  void requestsAreCheckedAsEcsDoes() {
    List<String> providers = fixture.clusterWithProviders("mi");
    String def = fixture.definition("mon", "agent:1");
    ecs.createCapacityProvider(
        r ->
            r.name("asg")
                .autoScalingGroupProvider(
                    g ->
                        g.autoScalingGroupArn(
                            "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:"
                                + "1d6d2c5e-0a3b-4c9e-9a53-3f7cf0f26f5b:autoScalingGroupName/asg")));

    assertThatThrownBy(() -> create("mon", def, "asg"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Managed Instances");
    assertThatThrownBy(() -> create("mon", def, "FARGATE"))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> create("mon", def, "nope"))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> create("mon", "unknown-family", providers.get(0)))
        .isInstanceOf(ClientException.class);
    assertThatThrownBy(() -> create("bad name", def, providers.get(0)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.createDaemon(
                    r ->
                        r.clusterArn("nowhere")
                            .daemonName("mon")
                            .daemonTaskDefinitionArn(def)
                            .capacityProviderArns(providers)))
        .isInstanceOf(ClusterNotFoundException.class);
    assertThatThrownBy(
            () ->
                ecs.createDaemon(
                    r ->
                        r.clusterArn(CLUSTER)
                            .daemonName("mon")
                            .daemonTaskDefinitionArn(def)
                            .capacityProviderArns(providers)
                            .deploymentConfiguration(d -> d.drainPercent(150.0))))
        .isInstanceOf(InvalidParameterException.class);

    // Idempotent with the same client token, refused without.
    CreateDaemonResponse first =
        ecs.createDaemon(
            r ->
                r.clusterArn(CLUSTER)
                    .daemonName("mon")
                    .daemonTaskDefinitionArn(def)
                    .capacityProviderArns(providers)
                    .clientToken("token-1"));
    CreateDaemonResponse again =
        ecs.createDaemon(
            r ->
                r.clusterArn(CLUSTER)
                    .daemonName("mon")
                    .daemonTaskDefinitionArn(def)
                    .capacityProviderArns(providers)
                    .clientToken("token-1"));
    assertThat(again.deploymentArn()).isEqualTo(first.deploymentArn());
    assertThatThrownBy(() -> create("mon", def, providers.get(0)))
        .isInstanceOf(InvalidParameterException.class);

    assertThatThrownBy(() -> describe(PREFIX + "daemon/hosts/missing"))
        .isInstanceOf(DaemonNotFoundException.class);
    assertThatThrownBy(() -> describe(PREFIX + "daemon/elsewhere/mon"))
        .isInstanceOf(ClusterNotFoundException.class);
    assertThatThrownBy(() -> describe("mon")).isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> describe(PREFIX + "service/hosts/mon"))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.listDaemons(r -> r.clusterArn("nowhere")))
        .isInstanceOf(ClusterNotFoundException.class);
    assertThatThrownBy(() -> ecs.listDaemons(r -> r.clusterArn(CLUSTER).maxResults(101)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.listDaemons(r -> r.clusterArn(CLUSTER).nextToken("garbage")))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void listDaemonsPages() {
    List<String> providers = fixture.clusterWithProviders("mi");
    String def = fixture.definition("mon", "agent:1");
    for (String name : List.of("a", "b", "c")) {
      create(name, def, providers.get(0));
    }
    var first = ecs.listDaemons(r -> r.clusterArn(CLUSTER).maxResults(2));
    assertThat(first.daemonSummariesList())
        .extracting(DaemonSummary::daemonArn)
        .containsExactly(PREFIX + "daemon/hosts/a", PREFIX + "daemon/hosts/b");
    var second =
        ecs.listDaemons(r -> r.clusterArn(CLUSTER).maxResults(2).nextToken(first.nextToken()));
    assertThat(second.daemonSummariesList())
        .extracting(DaemonSummary::daemonArn)
        .containsExactly(PREFIX + "daemon/hosts/c");
    assertThat(second.nextToken()).isNull();
  }
}
