package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.kecs.runtime.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** ECS daemons (and DAEMON services beside them) as DaemonSets. */
/** DaemonSets for ECS Managed Daemons (and their names apart from services). */
class DaemonWorkloadTranslatorTest {
  private static final String CLUSTER = "arn:aws:ecs:us-east-1:000000000000:cluster/hosts";
  private static final String DAEMON = "arn:aws:ecs:us-east-1:000000000000:daemon/hosts/logs";
  private static final String SERVICE = "arn:aws:ecs:us-east-1:000000000000:service/hosts/logs";
  private static final String REVISION = "6f1c2d9e-0000-4000-8000-000000000001";

  private static final TaskDefinition DEF =
      TaskDefinition.builder()
          .taskDefinitionArn("arn:aws:ecs:us-east-1:000000000000:daemon-task-definition/logs:1")
          .family("logs")
          .revision(1)
          .cpu("256")
          .memory("512")
          .containerDefinitions(
              ContainerDefinition.builder()
                  .name("agent")
                  .image("fluent-bit:3")
                  .essential(true)
                  .portMappings(p -> p.containerPort(2020))
                  .build())
          .build();

  private static WorkloadSpec daemon(int minHealthy, List<String> providers, int minReady) {
    Task template =
        Task.builder()
            .clusterArn(CLUSTER)
            .taskDefinitionArn(DEF.taskDefinitionArn())
            .launchType("MANAGED_INSTANCES")
            .group("daemon:logs")
            .startedBy(REVISION)
            .build();
    return new WorkloadSpec(
        DAEMON,
        "logs",
        CLUSTER,
        true,
        REVISION,
        template,
        DEF,
        0,
        100,
        minHealthy,
        false,
        providers,
        minReady,
        List.of(),
        List.of());
  }

  private static DaemonSet daemonSet(WorkloadSpec spec) {
    HasMetadata o = WorkloadTranslator.workload(spec, "hosts-us-east-1", PodInputs.NONE);
    assertThat(o).isInstanceOf(DaemonSet.class);
    return (DaemonSet) o;
  }

  @Test
  void aDaemonIsADaemonSetOnItsProvidersNodesNamedApartFromServices() {
    WorkloadSpec spec = daemon(50, List.of("mi"), 120);
    assertThat(spec.ecsDaemon()).isTrue();
    DaemonSet ds = daemonSet(spec);
    assertThat(ds.getMetadata().getName()).isEqualTo("daemon-logs");
    assertThat(ds.getMetadata().getLabels())
        .containsEntry("kecs.io/daemon", "daemon-logs")
        .containsEntry("app.kubernetes.io/managed-by", "kecs")
        .doesNotContainKey("kecs.io/service");
    assertThat(ds.getMetadata().getAnnotations())
        .containsEntry("kecs.io/daemon-arn", DAEMON)
        .containsEntry("kecs.io/deployment-id", REVISION)
        .doesNotContainKey("kecs.io/service-arn");
    assertThat(ds.getSpec().getSelector().getMatchLabels())
        .containsExactly(java.util.Map.entry("kecs.io/daemon", "daemon-logs"));
    var template = ds.getSpec().getTemplate();
    assertThat(template.getMetadata().getLabels()).containsEntry("kecs.io/daemon", "daemon-logs");
    assertThat(template.getMetadata().getAnnotations())
        .containsEntry("kecs.io/daemon-arn", DAEMON)
        .containsEntry("kecs.io/deployment-id", REVISION);
    assertThat(template.getSpec().getNodeSelector())
        .containsEntry("kecs.io/capacity-provider", "mi");
    var rolling = ds.getSpec().getUpdateStrategy().getRollingUpdate();
    assertThat(rolling.getMaxUnavailable().getStrVal()).isEqualTo("50%");
    assertThat(rolling.getMaxSurge().getStrVal()).isEqualTo("0%");
    assertThat(ds.getSpec().getMinReadySeconds()).isEqualTo(120);
    // Ports are mapped, but ECS gives daemons no load balancing or discovery.
    assertThat(WorkloadTranslator.service(spec, "hosts-us-east-1")).isEmpty();
    assertThat(WorkloadTranslator.deploymentObjectName(spec)).startsWith("daemon-logs-");

    WorkloadSpec service =
        new WorkloadSpec(
            SERVICE, "logs", CLUSTER, true, "ecs-svc/1", spec.template(), DEF, 0, 100, 0, false);
    assertThat(service.ecsDaemon()).isFalse();
    DaemonSet serviceSet = daemonSet(service);
    assertThat(serviceSet.getMetadata().getName()).isEqualTo("logs");
    assertThat(serviceSet.getSpec().getSelector().getMatchLabels())
        .containsExactly(java.util.Map.entry("kecs.io/service", "logs"));
    assertThat(serviceSet.getSpec().getMinReadySeconds()).isNull();
    assertThat(WorkloadTranslator.service(service, "hosts-us-east-1")).isPresent();
  }

  @Test
  void workloadNamesFollowTheOwnersArn() {
    assertThat(WorkloadTranslator.nameOf(DAEMON)).isEqualTo("daemon-logs");
    assertThat(WorkloadTranslator.nameOf(SERVICE)).isEqualTo("logs");
    String odd = "arn:aws:ecs:us-east-1:000000000000:daemon/hosts/Log_Agent";
    assertThat(WorkloadTranslator.nameOf(odd)).matches("daemon-log-agent-[0-9a-f]{8}");
  }

  @Test
  void aDrainOfNoHostsStillMovesOneHostAtATime() {
    var rolling = daemonSet(daemon(100, List.of("mi"), 0)).getSpec().getUpdateStrategy();
    assertThat(rolling.getRollingUpdate().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(
            daemonSet(daemon(0, List.of("mi"), 0))
                .getSpec()
                .getUpdateStrategy()
                .getRollingUpdate()
                .getMaxUnavailable()
                .getStrVal())
        .isEqualTo("100%");
  }

  @Test
  void theBakeTimeAndProvidersArePartOfWhatKecsApplied() {
    String hash = WorkloadTranslator.specHash(daemon(75, List.of("mi"), 0));
    assertThat(WorkloadTranslator.specHash(daemon(75, List.of("mi"), 60))).isNotEqualTo(hash);
    assertThat(WorkloadTranslator.specHash(daemon(75, List.of("mi", "gpu"), 0))).isNotEqualTo(hash);
    assertThat(WorkloadTranslator.specHash(daemon(75, List.of("mi"), 0))).isEqualTo(hash);
  }
}
