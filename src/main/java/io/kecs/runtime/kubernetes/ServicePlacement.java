package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.kecs.runtime.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraint;

/**
 * A service's placement as its pod template says it to Kubernetes' scheduler, which places the
 * workload's pods: the service's {@code placementConstraints} and the task definition's {@code
 * memberOf} constraints become a required node affinity ({@link MemberOfTranslator}; several
 * constraints are ANDed), {@code distinctInstance} a required pod anti-affinity on {@code
 * kubernetes.io/hostname} against the service's own pods, and a {@code spread} strategy a topology
 * spread constraint (maxSkew 1, {@code ScheduleAnyway}: ECS strategies prefer, never refuse) on the
 * node label of the field ({@code instanceId} and {@code host}: {@code kubernetes.io/hostname}).
 * {@code binpack} and {@code random} have nothing to say: the scheduler scores nodes its own way.
 *
 * <p>DAEMON workloads take only the {@code memberOf} constraints: a DaemonSet already runs one pod
 * per node, and an anti-affinity would stop the surge pod it starts next to the old one. What
 * cannot be said is left out, with the reason in {@link Plan#untranslated()}.
 */
final class ServicePlacement {
  /** At most this many node selector terms: more would be an unreadable (and slow) affinity. */
  static final int MAX_TERMS = 16;

  /**
   * @param nodeTerms alternatives of node tests the pods need (ORed); {@code [[]]} for any node,
   *     {@code []} for none
   * @param distinctInstance one pod of the workload per node
   * @param spreadKeys node labels the pods spread over
   * @param untranslated what was left out, and why
   */
  record Plan(
      List<List<NodeFormula.Test>> nodeTerms,
      boolean distinctInstance,
      List<String> spreadKeys,
      List<String> untranslated) {}

  private ServicePlacement() {}

  static Plan plan(WorkloadSpec spec) {
    List<String> untranslated = new ArrayList<>();
    NodeFormula nodes = NodeFormula.TRUE;
    boolean distinct = false;
    for (PlacementConstraint c : spec.placementConstraints()) {
      if ("distinctInstance".equals(c.typeAsString())) {
        distinct = !spec.daemon();
      } else if ("memberOf".equals(c.typeAsString())) {
        nodes = memberOf(nodes, c.expression(), untranslated);
      }
    }
    for (TaskDefinitionPlacementConstraint c : spec.definition().placementConstraints()) {
      if ("memberOf".equals(c.typeAsString())) {
        nodes = memberOf(nodes, c.expression(), untranslated);
      }
    }
    Set<String> spread = new LinkedHashSet<>();
    // ECS takes no strategies for DAEMON services; binpack and random have no pod template form.
    List<PlacementStrategy> strategies = spec.daemon() ? List.of() : spec.placementStrategy();
    for (PlacementStrategy s : strategies) {
      if ("spread".equals(s.typeAsString())) {
        Optional<String> key = spreadKey(s.field());
        if (key.isPresent()) {
          spread.add(key.get());
        } else {
          untranslated.add("spread on " + s.field() + ": the field does not come from one label");
        }
      }
    }
    return new Plan(
        NodeFormula.alternatives(nodes, MAX_TERMS).orElseThrow(),
        distinct,
        List.copyOf(spread),
        List.copyOf(untranslated));
  }

  /** Adds the service's placement to its pod template's spec; {@code selector} selects its pods. */
  static void apply(PodSpec pod, WorkloadSpec spec, Map<String, String> selector) {
    Plan plan = plan(spec);
    boolean anyNode = plan.nodeTerms().size() == 1 && plan.nodeTerms().get(0).isEmpty();
    if (!anyNode) {
      affinity(pod).setNodeAffinity(nodeAffinity(pod, plan.nodeTerms()));
    }
    if (plan.distinctInstance()) {
      Affinity affinity = affinity(pod);
      if (affinity.getPodAntiAffinity() == null) {
        affinity.setPodAntiAffinity(new PodAntiAffinity());
      }
      PodAntiAffinity anti = affinity.getPodAntiAffinity();
      List<PodAffinityTerm> terms = copy(anti.getRequiredDuringSchedulingIgnoredDuringExecution());
      terms.add(
          new PodAffinityTermBuilder()
              .withNewLabelSelector()
              .withMatchLabels(selector)
              .endLabelSelector()
              .withTopologyKey(NodeMapper.HOSTNAME)
              .build());
      anti.setRequiredDuringSchedulingIgnoredDuringExecution(terms);
    }
    if (!plan.spreadKeys().isEmpty()) {
      List<TopologySpreadConstraint> spreads = copy(pod.getTopologySpreadConstraints());
      for (String key : plan.spreadKeys()) {
        spreads.add(
            new TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey(key)
                .withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector()
                .withMatchLabels(selector)
                .endLabelSelector()
                .build());
      }
      pod.setTopologySpreadConstraints(spreads);
    }
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? new ArrayList<>() : new ArrayList<>(list);
  }

  /** The constraints so far and the expression, unless it cannot be said or would need too much. */
  private static NodeFormula memberOf(
      NodeFormula sofar, String expression, List<String> untranslated) {
    MemberOfTranslator.Outcome outcome = MemberOfTranslator.translate(expression);
    if (outcome.refusal() != null) {
      untranslated.add("memberOf '" + expression + "': " + outcome.refusal());
      return sofar;
    }
    NodeFormula both = NodeFormula.and(sofar, outcome.formula());
    if (NodeFormula.alternatives(both, MAX_TERMS).isEmpty()) {
      untranslated.add(
          "memberOf '"
              + expression
              + "': more than "
              + MAX_TERMS
              + " node selector terms would be needed");
      return sofar;
    }
    return both;
  }

  /** The node label a spread strategy's field is read from. */
  private static Optional<String> spreadKey(String field) {
    if (field == null || field.equalsIgnoreCase("instanceId") || field.equalsIgnoreCase("host")) {
      return Optional.of(NodeMapper.HOSTNAME);
    }
    return field.startsWith("attribute:")
        ? AttributeLabels.label(field.substring("attribute:".length()))
        : Optional.empty();
  }

  private static Affinity affinity(PodSpec pod) {
    if (pod.getAffinity() == null) {
      pod.setAffinity(new Affinity());
    }
    return pod.getAffinity();
  }

  /**
   * The required node affinity: the pod's own terms (capacity providers) each joined with each
   * alternative of the plan. No alternative at all becomes a term no node passes, so the pods stay
   * Pending and the service reports that it cannot place them, as ECS would.
   */
  private static NodeAffinity nodeAffinity(PodSpec pod, List<List<NodeFormula.Test>> alternatives) {
    NodeAffinity affinity =
        pod.getAffinity().getNodeAffinity() == null
            ? new NodeAffinity()
            : pod.getAffinity().getNodeAffinity();
    NodeSelector required = affinity.getRequiredDuringSchedulingIgnoredDuringExecution();
    List<NodeSelectorTerm> own =
        required == null
                || required.getNodeSelectorTerms() == null
                || required.getNodeSelectorTerms().isEmpty()
            ? List.of(new NodeSelectorTerm())
            : required.getNodeSelectorTerms();
    List<List<NodeFormula.Test>> wanted =
        alternatives.isEmpty()
            ? List.of(
                List.of(
                    new NodeFormula.Test(false, NodeMapper.HOSTNAME, "Exists", List.of()),
                    new NodeFormula.Test(false, NodeMapper.HOSTNAME, "DoesNotExist", List.of())))
            : alternatives;
    List<NodeSelectorTerm> terms = new ArrayList<>();
    for (NodeSelectorTerm term : own) {
      for (List<NodeFormula.Test> alternative : wanted) {
        NodeSelectorTermBuilder b = new NodeSelectorTermBuilder(term);
        for (NodeFormula.Test t : alternative) {
          NodeSelectorRequirement r =
              new NodeSelectorRequirement(
                  t.key(), t.operator(), t.values().isEmpty() ? null : t.values());
          if (t.field()) {
            b.addToMatchFields(r);
          } else {
            b.addToMatchExpressions(r);
          }
        }
        terms.add(b.build());
      }
    }
    affinity.setRequiredDuringSchedulingIgnoredDuringExecution(new NodeSelector(terms));
    return affinity;
  }
}
