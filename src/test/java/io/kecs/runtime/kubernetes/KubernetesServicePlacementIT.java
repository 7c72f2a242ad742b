package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementConstraintType;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraint;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraintType;

/**
 * A service's placement constraints and strategies (and its task definition's) reach the pod
 * template of its Deployment / DaemonSet, where Kubernetes' scheduler honours them.
 */
class KubernetesServicePlacementIT {
  @RegisterExtension static KubernetesKecs kecs = new KubernetesKecs();

  private static EcsClient ecs;

  @BeforeAll
  static void start() {
    ecs = kecs.ecs();
  }

  @Test
  void distinctInstanceMemberOfAndSpreadShapeTheDeploymentsPods() throws Exception {
    kecs.tasks("placed");
    register("api", "attribute:ecs.os-type == linux");
    Service created =
        ecs.createService(
                r ->
                    r.cluster("placed")
                        .serviceName("api")
                        .taskDefinition("api")
                        .desiredCount(3)
                        .launchType(LaunchType.EC2)
                        .placementConstraints(
                            PlacementConstraint.builder()
                                .type(PlacementConstraintType.DISTINCT_INSTANCE)
                                .build(),
                            memberOf("attribute:ecs.instance-type in [t3.large, m6i.large]"))
                        .placementStrategy(
                            spread("attribute:ecs.availability-zone"),
                            PlacementStrategy.builder()
                                .type(PlacementStrategyType.BINPACK)
                                .field("memory")
                                .build()))
            .service();
    String first = created.deployments().get(0).id();

    PodSpec pod = template(awaitWorkload("Deployment", "api", first)).getSpec();
    var anti =
        pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    assertThat(anti).hasSize(1);
    assertThat(anti.get(0).getTopologyKey()).isEqualTo("kubernetes.io/hostname");
    assertThat(anti.get(0).getLabelSelector().getMatchLabels())
        .isEqualTo(Map.of("kecs.io/service", "api"));
    // The service's memberOf and the task definition's, ANDed in one term.
    assertThat(requirements(pod))
        .containsExactly(
            List.of(
                "node.kubernetes.io/instance-type In [t3.large, m6i.large]",
                "kubernetes.io/os In [linux]"));
    List<TopologySpreadConstraint> spreads = pod.getTopologySpreadConstraints();
    assertThat(spreads).hasSize(1);
    assertThat(spreads.get(0).getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
    assertThat(spreads.get(0).getMaxSkew()).isEqualTo(1);
    assertThat(spreads.get(0).getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
    assertThat(spreads.get(0).getLabelSelector().getMatchLabels())
        .isEqualTo(Map.of("kecs.io/service", "api"));

    // New constraints are a new ECS deployment: the template follows, the old placement goes.
    Service updated =
        ecs.updateService(
                r ->
                    r.cluster("placed")
                        .service("api")
                        .placementConstraints(
                            memberOf(
                                "attribute:ecs.availability-zone != us-east-1c or"
                                    + " ec2InstanceId == node-7"))
                        .placementStrategy(spread("host")))
            .service();
    String second = updated.deployments().get(0).id();
    assertThat(second).isNotEqualTo(first);
    PodSpec next = template(awaitWorkload("Deployment", "api", second)).getSpec();
    assertThat(next.getAffinity().getPodAntiAffinity()).isNull();
    assertThat(requirements(next))
        .containsExactly(
            List.of(
                "topology.kubernetes.io/zone NotIn [us-east-1c]", "kubernetes.io/os In [linux]"),
            List.of("field metadata.name In [node-7]", "kubernetes.io/os In [linux]"));
    assertThat(next.getTopologySpreadConstraints())
        .extracting(TopologySpreadConstraint::getTopologyKey)
        .containsExactly("kubernetes.io/hostname");
  }

  @Test
  void aDaemonServiceTakesOnlyItsMemberOfConstraints() throws Exception {
    kecs.tasks("hosts");
    register("agent", null);
    Service created =
        ecs.createService(
                r ->
                    r.cluster("hosts")
                        .serviceName("agent")
                        .taskDefinition("agent")
                        .schedulingStrategy(SchedulingStrategy.DAEMON)
                        .launchType(LaunchType.EC2)
                        .placementConstraints(
                            PlacementConstraint.builder()
                                .type(PlacementConstraintType.DISTINCT_INSTANCE)
                                .build(),
                            memberOf("attribute:ecs.cpu-architecture == arm64"),
                            // Not said to Kubernetes (logged): the rest still applies.
                            memberOf("task:group != service:db")))
            .service();
    PodSpec pod =
        template(awaitWorkload("DaemonSet", "agent", created.deployments().get(0).id())).getSpec();
    assertThat(requirements(pod)).containsExactly(List.of("kubernetes.io/arch In [arm64]"));
    assertThat(pod.getAffinity().getPodAntiAffinity()).isNull();
    assertThat(pod.getTopologySpreadConstraints()).isNullOrEmpty();
  }

  private static void register(String family, String memberOf) {
    ecs.registerTaskDefinition(
        r -> {
          r.family(family)
              .requiresCompatibilities(Compatibility.EC2)
              .networkMode(NetworkMode.BRIDGE)
              .containerDefinitions(
                  ContainerDefinition.builder()
                      .name("app")
                      .image("nginx:1.27")
                      .memory(128)
                      .essential(true)
                      .build());
          if (memberOf != null) {
            r.placementConstraints(
                TaskDefinitionPlacementConstraint.builder()
                    .type(TaskDefinitionPlacementConstraintType.MEMBER_OF)
                    .expression(memberOf)
                    .build());
          }
        });
  }

  private static PlacementConstraint memberOf(String expression) {
    return PlacementConstraint.builder()
        .type(PlacementConstraintType.MEMBER_OF)
        .expression(expression)
        .build();
  }

  private static PlacementStrategy spread(String field) {
    return PlacementStrategy.builder().type(PlacementStrategyType.SPREAD).field(field).build();
  }

  /** The service's workload once its template is the given ECS deployment's. */
  private static HasMetadata awaitWorkload(String kind, String service, String deploymentId)
      throws InterruptedException {
    Predicate<HasMetadata> current =
        w ->
            deploymentId.equals(
                template(w).getMetadata().getAnnotations().get("kecs.io/deployment-id"));
    HasMetadata[] found = new HasMetadata[1];
    kecs.awaitTrue(
        () -> {
          List<? extends HasMetadata> all =
              kind.equals("Deployment")
                  ? kecs.k8s()
                      .client()
                      .apps()
                      .deployments()
                      .inAnyNamespace()
                      .withLabel("kecs.io/service", service)
                      .list()
                      .getItems()
                  : kecs.k8s()
                      .client()
                      .apps()
                      .daemonSets()
                      .inAnyNamespace()
                      .withLabel("kecs.io/service", service)
                      .list()
                      .getItems();
          found[0] = all.isEmpty() ? null : all.get(0);
          return found[0] != null && current.test(found[0]);
        });
    return found[0];
  }

  private static PodTemplateSpec template(HasMetadata workload) {
    return workload instanceof Deployment d
        ? d.getSpec().getTemplate()
        : ((DaemonSet) workload).getSpec().getTemplate();
  }

  /** The required node affinity's terms, each as its requirements. */
  private static List<List<String>> requirements(PodSpec pod) {
    return pod
        .getAffinity()
        .getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms()
        .stream()
        .map(
            t ->
                java.util.stream.Stream.concat(
                        t.getMatchFields().stream().map(r -> "field " + text(r)),
                        t.getMatchExpressions().stream().map(KubernetesServicePlacementIT::text))
                    .toList())
        .toList();
  }

  private static String text(NodeSelectorRequirement r) {
    return r.getKey()
        + " "
        + r.getOperator()
        + (r.getValues() == null || r.getValues().isEmpty() ? "" : " " + r.getValues());
  }
}
