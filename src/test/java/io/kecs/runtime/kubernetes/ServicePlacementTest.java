package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kecs.runtime.WorkloadSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraint;

class ServicePlacementTest {
  private static final String CLUSTER = "arn:aws:ecs:us-east-1:000000000000:cluster/shop";
  private static final String SERVICE = "arn:aws:ecs:us-east-1:000000000000:service/shop/web";
  private static final String DAEMON = "arn:aws:ecs:us-east-1:000000000000:daemon/shop/logs";

  @Test
  void distinctInstanceKeepsTheServicesPodsOnDifferentNodes() {
    PodSpec pod = template(spec(List.of(distinct()), List.of()));
    var terms =
        pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    assertThat(terms).hasSize(1);
    assertThat(terms.get(0).getTopologyKey()).isEqualTo("kubernetes.io/hostname");
    assertThat(terms.get(0).getLabelSelector().getMatchLabels())
        .containsExactly(Map.entry("kecs.io/service", "web"));
    assertThat(pod.getAffinity().getNodeAffinity()).isNull();
  }

  @Test
  void eachExpressibleFormBecomesNodeSelectorTerms() {
    assertThat(terms("attribute:ecs.instance-type == t3.large"))
        .containsExactly("node.kubernetes.io/instance-type In [t3.large]");
    assertThat(terms("attribute:ecs.instance-type != t3.large"))
        .containsExactly("node.kubernetes.io/instance-type NotIn [t3.large]");
    assertThat(terms("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"))
        .containsExactly("topology.kubernetes.io/zone In [us-east-1a, us-east-1b]");
    assertThat(terms("attribute:ecs.availability-zone not_in [us-east-1a, us-east-1b]"))
        .containsExactly("topology.kubernetes.io/zone NotIn [us-east-1a, us-east-1b]");
    assertThat(terms("attribute:ecs.os-type exists")).containsExactly("kubernetes.io/os Exists");
    assertThat(terms("attribute:ecs.os-type !exists"))
        .containsExactly("kubernetes.io/os DoesNotExist");
    // and: one term; or: one term each.
    assertThat(
            terms(
                "attribute:ecs.instance-type == t3.large and attribute:ecs.availability-zone =="
                    + " us-east-1a"))
        .containsExactly(
            "node.kubernetes.io/instance-type In [t3.large],"
                + " topology.kubernetes.io/zone In [us-east-1a]");
    assertThat(
            terms(
                "attribute:ecs.instance-type == t3.large or attribute:ecs.availability-zone =="
                    + " us-east-1a"))
        .containsExactly(
            "node.kubernetes.io/instance-type In [t3.large]",
            "topology.kubernetes.io/zone In [us-east-1a]");
    // not (a or b) is (not a) and (not b).
    assertThat(
            terms(
                "not (attribute:ecs.instance-type == t3.large or attribute:ecs.os-type =="
                    + " windows)"))
        .containsExactly(
            "node.kubernetes.io/instance-type NotIn [t3.large], kubernetes.io/os NotIn [windows]");
  }

  @Test
  void attributeValuesAreReadBackToTheirLabels() {
    // NodeMapper reports amd64 as x86_64: no node has the attribute amd64.
    assertThat(terms("attribute:ecs.cpu-architecture == x86_64"))
        .containsExactly("kubernetes.io/arch In [amd64, x86_64]");
    assertThat(terms("attribute:ecs.cpu-architecture == arm64"))
        .containsExactly("kubernetes.io/arch In [arm64]");
    assertThat(terms("attribute:ecs.os-family == LINUX"))
        .containsExactly("kubernetes.io/os In [linux]");
    assertThat(terms("attribute:ecs.os-family == WINDOWS_SERVER_2022_CORE"))
        .containsExactly(
            "kubernetes.io/os In [windows], node.kubernetes.io/windows-build In [10.0.20348]");
    // The node's name is its container instance's EC2 instance id.
    assertThat(terms("ec2InstanceId in [node-1, node-2]"))
        .containsExactly("field metadata.name In [node-1]", "field metadata.name In [node-2]");
    assertThat(terms("ec2InstanceId != node-1"))
        .containsExactly("field metadata.name NotIn [node-1]");
  }

  @Test
  void expressionsNoNodeOrEveryNodePassesAreSaidAsSuch() {
    // No node passes: a term no node passes keeps the pods Pending, as ECS places nothing.
    assertThat(terms("attribute:ecs.cpu-architecture == amd64"))
        .containsExactly("kubernetes.io/hostname Exists, kubernetes.io/hostname DoesNotExist");
    // Every node passes: the terms say so between them (an empty term would match no node).
    assertThat(terms("attribute:ecs.os-type exists or attribute:ecs.os-type !exists"))
        .containsExactly("kubernetes.io/os Exists", "kubernetes.io/os DoesNotExist");
  }

  @Test
  void theServicesAndTheTaskDefinitionsConstraintsAllApply() {
    WorkloadSpec spec =
        spec(
            List.of(memberOf("attribute:ecs.instance-type in [t3.large, m5.large]")),
            List.of(),
            definition(List.of("attribute:ecs.availability-zone != us-east-1c")),
            false);
    assertThat(terms(template(spec)))
        .containsExactly(
            "node.kubernetes.io/instance-type In [t3.large, m5.large],"
                + " topology.kubernetes.io/zone NotIn [us-east-1c]");
  }

  @Test
  void whatCannotBeSaidIsLeftOutWithItsReason() {
    WorkloadSpec spec =
        spec(
            List.of(
                memberOf("task:group == service:db"),
                memberOf("attribute:ecs.instance-type =~ t3.*"),
                memberOf("attribute:ecs.instance-type == t3.large")),
            List.of(spread("attribute:stack"), spread("attribute:ecs.os-family")),
            definition(List.of("registeredAt > 2024-01-01")),
            false);
    ServicePlacement.Plan plan = ServicePlacement.plan(spec);
    assertThat(plan.untranslated())
        .hasSize(5)
        .anyMatch(r -> r.startsWith("memberOf 'task:group == service:db': task:group"))
        .anyMatch(r -> r.contains("regular expression (=~)"))
        .anyMatch(r -> r.startsWith("memberOf 'registeredAt > 2024-01-01'"))
        .anyMatch(r -> r.startsWith("spread on attribute:stack"))
        .anyMatch(r -> r.startsWith("spread on attribute:ecs.os-family"));
    // The expressible constraint still applies.
    assertThat(terms(template(spec)))
        .containsExactly("node.kubernetes.io/instance-type In [t3.large]");
  }

  @Test
  void aConstraintNeedingTooManyTermsIsLeftOut() {
    String zones = anyOf("ecs.availability-zone", "a", "b", "c", "d", "e");
    String types = anyOf("ecs.instance-type", "a", "b", "c", "d", "e");
    // (5 alternatives) and (5 alternatives): 25 terms.
    ServicePlacement.Plan big =
        ServicePlacement.plan(
            spec(List.of(memberOf("(" + zones + ") and (" + types + ")")), List.of()));
    assertThat(big.untranslated())
        .singleElement()
        .asString()
        .contains("more than 16 node selector terms");
    assertThat(big.nodeTerms()).containsExactly(List.of());
    // Each alone fits, both together do not: the second is left out, the first kept.
    ServicePlacement.Plan two =
        ServicePlacement.plan(spec(List.of(memberOf(zones), memberOf(types)), List.of()));
    assertThat(two.nodeTerms()).hasSize(5);
    assertThat(two.untranslated()).singleElement().asString().startsWith("memberOf '" + types);
  }

  private static String anyOf(String attribute, String... values) {
    return Arrays.stream(values)
        .map(v -> "attribute:" + attribute + " == " + v)
        .collect(Collectors.joining(" or "));
  }

  @Test
  void spreadStrategiesBecomeTopologySpreadConstraints() {
    PodSpec pod =
        template(
            spec(
                List.of(),
                List.of(
                    spread("attribute:ecs.availability-zone"),
                    spread("instanceId"),
                    spread("host"),
                    PlacementStrategy.builder().type("binpack").field("memory").build(),
                    PlacementStrategy.builder().type("random").build())));
    List<TopologySpreadConstraint> spreads = pod.getTopologySpreadConstraints();
    assertThat(spreads)
        .extracting(TopologySpreadConstraint::getTopologyKey)
        .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
    assertThat(spreads)
        .allSatisfy(
            s -> {
              assertThat(s.getMaxSkew()).isEqualTo(1);
              assertThat(s.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
              assertThat(s.getLabelSelector().getMatchLabels())
                  .containsExactly(Map.entry("kecs.io/service", "web"));
            });
    assertThat(pod.getAffinity()).isNull();
  }

  @Test
  void daemonServicesTakeOnlyMemberOf() {
    WorkloadSpec spec =
        spec(
            List.of(distinct(), memberOf("attribute:ecs.os-type == linux")),
            List.of(spread("attribute:ecs.availability-zone")),
            definition(List.of()),
            true);
    DaemonSet ds = (DaemonSet) WorkloadTranslator.workload(spec, "shop", PodInputs.NONE);
    PodSpec pod = ds.getSpec().getTemplate().getSpec();
    assertThat(terms(pod)).containsExactly("kubernetes.io/os In [linux]");
    assertThat(pod.getAffinity().getPodAntiAffinity()).isNull();
    assertThat(pod.getTopologySpreadConstraints()).isNullOrEmpty();
    assertThat(ServicePlacement.plan(spec).untranslated()).isEmpty();
  }

  @Test
  void constraintsJoinTheCapacityProvidersAffinity() {
    // An ECS daemon on two providers already has one term; each alternative is joined to it.
    WorkloadSpec spec =
        new WorkloadSpec(
            DAEMON,
            "logs",
            CLUSTER,
            true,
            "rev-1",
            Task.builder().clusterArn(CLUSTER).launchType("MANAGED_INSTANCES").build(),
            definition(List.of("attribute:ecs.os-type == linux or ec2InstanceId == node-9")),
            0,
            100,
            50,
            false,
            List.of("blue", "green"),
            0,
            List.of(),
            List.of());
    DaemonSet ds = (DaemonSet) WorkloadTranslator.workload(spec, "shop", PodInputs.NONE);
    assertThat(terms(ds.getSpec().getTemplate().getSpec()))
        .containsExactly(
            "kecs.io/capacity-provider In [blue, green], kubernetes.io/os In [linux]",
            "kecs.io/capacity-provider In [blue, green], field metadata.name In [node-9]");
  }

  @Test
  void placementIsPartOfTheSpecHashOnlyWhenThereIsSome() {
    WorkloadSpec plain = spec(List.of(), List.of());
    WorkloadSpec placed = spec(List.of(distinct()), List.of());
    WorkloadSpec unplaced =
        new WorkloadSpec(
            SERVICE,
            "web",
            CLUSTER,
            false,
            "ecs-svc/1",
            template(),
            definition(List.of()),
            2,
            200,
            100,
            false);
    assertThat(WorkloadTranslator.specHash(plain)).isEqualTo(WorkloadTranslator.specHash(unplaced));
    assertThat(WorkloadTranslator.specHash(placed))
        .isNotEqualTo(WorkloadTranslator.specHash(plain));
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static List<String> terms(String expression) {
    return terms(template(spec(List.of(memberOf(expression)), List.of())));
  }

  /** The required node affinity, one string per term: {@code key Op [values]}, comma-joined. */
  private static List<String> terms(PodSpec pod) {
    return pod
        .getAffinity()
        .getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms()
        .stream()
        .map(ServicePlacementTest::term)
        .toList();
  }

  private static String term(NodeSelectorTerm t) {
    return java.util.stream.Stream.concat(
            t.getMatchExpressions().stream().map(r -> requirement("", r)),
            t.getMatchFields().stream().map(r -> requirement("field ", r)))
        .collect(Collectors.joining(", "));
  }

  private static String requirement(String prefix, NodeSelectorRequirement r) {
    return prefix
        + r.getKey()
        + " "
        + r.getOperator()
        + (r.getValues() == null || r.getValues().isEmpty() ? "" : " " + r.getValues());
  }

  private static PodSpec template(WorkloadSpec spec) {
    Deployment d = (Deployment) WorkloadTranslator.workload(spec, "shop", PodInputs.NONE);
    return d.getSpec().getTemplate().getSpec();
  }

  private static PlacementConstraint distinct() {
    return PlacementConstraint.builder().type("distinctInstance").build();
  }

  private static PlacementConstraint memberOf(String expression) {
    return PlacementConstraint.builder().type("memberOf").expression(expression).build();
  }

  private static PlacementStrategy spread(String field) {
    return PlacementStrategy.builder().type("spread").field(field).build();
  }

  private static WorkloadSpec spec(
      List<PlacementConstraint> constraints, List<PlacementStrategy> strategy) {
    return spec(constraints, strategy, definition(List.of()), false);
  }

  private static WorkloadSpec spec(
      List<PlacementConstraint> constraints,
      List<PlacementStrategy> strategy,
      TaskDefinition def,
      boolean daemon) {
    return new WorkloadSpec(
            SERVICE, "web", CLUSTER, daemon, "ecs-svc/1", template(), def, 2, 200, 100, false)
        .withPlacement(constraints, strategy);
  }

  private static Task template() {
    return Task.builder().clusterArn(CLUSTER).launchType("EC2").group("service:web").build();
  }

  private static TaskDefinition definition(List<String> memberOf) {
    return TaskDefinition.builder()
        .taskDefinitionArn("arn:aws:ecs:us-east-1:000000000000:task-definition/web:1")
        .family("web")
        .revision(1)
        .networkMode("bridge")
        .containerDefinitions(
            ContainerDefinition.builder().name("app").image("nginx").memory(128).build())
        .placementConstraints(
            memberOf.stream()
                .map(
                    e ->
                        TaskDefinitionPlacementConstraint.builder()
                            .type("memberOf")
                            .expression(e)
                            .build())
                .toList())
        .build();
  }
}
