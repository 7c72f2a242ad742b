package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kecs.runtime.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

class WorkloadTranslatorTest {
  private static final String CLUSTER = "arn:aws:ecs:us-east-1:000000000000:cluster/shop";
  private static final String SERVICE = "arn:aws:ecs:us-east-1:000000000000:service/shop/web";

  @Test
  void rollingLimitsAreEcsBoundsAsPodCounts() {
    // 4 tasks, 150 % / 50 %: ECS runs at most 6 and keeps at least 2.
    Deployment d = deployment(spec("web", 4, 150, 50, false));
    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(2);
    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isEqualTo(2);
    // 3 tasks, 200 % / 100 %: 3 more may start, none may go; ceil(1.5) healthy of 3 at 50 %.
    assertThat(WorkloadTranslator.surge(spec("web", 3, 200, 100, false))).isEqualTo(3);
    assertThat(WorkloadTranslator.unavailable(spec("web", 3, 200, 50, false))).isEqualTo(1);
  }

  @Test
  void aStrategyThatCanNeitherAddNorRemoveGetsASurgeOfOne() {
    WorkloadSpec stuck = spec("web", 1, 150, 100, false);
    assertThat(WorkloadTranslator.unavailable(stuck)).isZero();
    assertThat(WorkloadTranslator.surge(stuck)).isEqualTo(1);
  }

  @Test
  void templateNamesTheDeploymentAndNoTask() {
    Deployment d = deployment(spec("web", 2, 200, 100, true));
    var template = d.getSpec().getTemplate();
    assertThat(template.getMetadata().getLabels())
        .containsEntry("kecs.io/service", "web")
        .doesNotContainKey("kecs.io/task-id");
    // '/' is no label character: the label is cut and hashed, the annotation keeps the id.
    assertThat(template.getMetadata().getLabels().get("kecs.io/deployment"))
        .matches("ecs-svc-123-[0-9a-f]{8}");
    assertThat(template.getMetadata().getAnnotations())
        .containsEntry("kecs.io/deployment-id", "ecs-svc/123")
        .containsEntry("kecs.io/service-arn", SERVICE)
        .doesNotContainKey("kecs.io/task-arn");
    assertThat(template.getSpec().getRestartPolicy()).isEqualTo("Always");
    assertThat(d.getSpec().getSelector().getMatchLabels())
        .containsExactly(java.util.Map.entry("kecs.io/service", "web"));
    assertThat(d.getSpec().getPaused()).isTrue();
  }

  @Test
  void daemonsBecomeDaemonSetsWithPercentLimits() {
    WorkloadSpec daemon =
        new WorkloadSpec(
            SERVICE,
            "web",
            CLUSTER,
            true,
            "ecs-svc/123",
            template(),
            definition(),
            0,
            100,
            0,
            false);
    DaemonSet ds = (DaemonSet) WorkloadTranslator.workload(daemon, "shop", PodInputs.NONE);
    assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable().getStrVal())
        .isEqualTo("100%");
    WorkloadSpec none =
        new WorkloadSpec(
            SERVICE,
            "web",
            CLUSTER,
            true,
            "ecs-svc/123",
            template(),
            definition(),
            0,
            100,
            100,
            false);
    DaemonSet one = (DaemonSet) WorkloadTranslator.workload(none, "shop", PodInputs.NONE);
    assertThat(one.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isEqualTo(1);
  }

  @Test
  void serviceHasOnePortPerContainerPortAndProtocol() {
    var service = WorkloadTranslator.service(spec("web", 1, 200, 100, false), "shop").orElseThrow();
    assertThat(service.getSpec().getPorts())
        .extracting(p -> p.getName() + "=" + p.getPort())
        .containsExactly("tcp-8080=8080", "udp-8125=8125");
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
  }

  @Test
  void namesAreDnsLabelsStartingWithALetter() {
    assertThat(WorkloadTranslator.name("Web_API")).startsWith("web-api-");
    assertThat(WorkloadTranslator.name("9lives")).isEqualTo("svc-9lives");
  }

  @Test
  void specHashFollowsWhatCanChangeTheWorkload() {
    String base = WorkloadTranslator.specHash(spec("web", 2, 200, 100, false));
    assertThat(WorkloadTranslator.specHash(spec("web", 2, 200, 100, false))).isEqualTo(base);
    assertThat(WorkloadTranslator.specHash(spec("web", 3, 200, 100, false))).isNotEqualTo(base);
    assertThat(WorkloadTranslator.specHash(spec("web", 2, 200, 100, true))).isNotEqualTo(base);
  }

  private static Deployment deployment(WorkloadSpec spec) {
    return (Deployment) WorkloadTranslator.workload(spec, "shop", PodInputs.NONE);
  }

  private static WorkloadSpec spec(String name, int replicas, int max, int min, boolean halted) {
    return new WorkloadSpec(
        SERVICE,
        name,
        CLUSTER,
        false,
        "ecs-svc/123",
        template(),
        definition(),
        replicas,
        max,
        min,
        halted);
  }

  private static Task template() {
    return Task.builder()
        .taskArn("arn:aws:ecs:us-east-1:000000000000:task/shop/0123456789abcdef0123456789abcdef")
        .clusterArn(CLUSTER)
        .launchType("FARGATE")
        .build();
  }

  private static TaskDefinition definition() {
    return TaskDefinition.builder()
        .taskDefinitionArn("arn:aws:ecs:us-east-1:000000000000:task-definition/web:1")
        .family("web")
        .revision(1)
        .networkMode("awsvpc")
        .cpu("256")
        .memory("512")
        .containerDefinitions(
            List.of(
                ContainerDefinition.builder()
                    .name("app")
                    .image("nginx")
                    .essential(true)
                    .portMappings(
                        PortMapping.builder().containerPort(8080).build(),
                        PortMapping.builder().containerPort(8080).protocol("tcp").build())
                    .build(),
                ContainerDefinition.builder()
                    .name("statsd")
                    .image("statsd")
                    .essential(false)
                    .portMappings(PortMapping.builder().containerPort(8125).protocol("udp").build())
                    .build()))
        .build();
  }
}
