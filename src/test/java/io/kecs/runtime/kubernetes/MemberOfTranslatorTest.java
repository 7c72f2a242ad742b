package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.kecs.query.ClusterQuery;
import io.kecs.query.QueryTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The translation is exact: on random nodes, the node affinity Kubernetes would evaluate on the
 * labels picks the same nodes ECS picks by evaluating the expression on the attributes {@link
 * NodeMapper} makes of those labels.
 */
class MemberOfTranslatorTest {
  private static final Map<String, List<String>> LABELS =
      Map.of(
          AttributeLabels.ZONE, List.of("us-east-1a", "us-east-1b"),
          AttributeLabels.INSTANCE_TYPE, List.of("t3.small", "m5.large"),
          AttributeLabels.ARCH, List.of("amd64", "arm64", "x86_64"),
          AttributeLabels.OS, List.of("linux", "windows", "plan9"),
          AttributeLabels.WINDOWS_BUILD, List.of("10.0.17763", "10.0.20348", "6.1.0"));
  private static final Map<String, List<String>> VALUES =
      Map.of(
          "ecs.availability-zone", List.of("us-east-1a", "us-east-1b", "us-east-1c"),
          "ecs.instance-type", List.of("t3.small", "m5.large"),
          "ecs.cpu-architecture", List.of("x86_64", "arm64", "amd64"),
          "ecs.os-type", List.of("linux", "windows"),
          "ecs.os-family",
              List.of("LINUX", "WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2022_CORE", "plan9"),
          "ec2InstanceId", List.of("node-0", "node-1", "node-2"));
  private static final List<String> OPERATORS =
      List.of("==", "!=", "in", "not_in", "exists", "!exists");

  @Test
  void nodeAffinityPicksTheNodesEcsWouldPick() {
    Random random = new Random(20240501);
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      nodes.add(node(random, i));
    }
    int compared = 0;
    for (int i = 0; i < 2000; i++) {
      String expression = expression(random, 3);
      MemberOfTranslator.Outcome outcome = MemberOfTranslator.translate(expression);
      assertThat(outcome.refusal()).as(expression).isNull();
      Optional<List<List<NodeFormula.Test>>> terms =
          NodeFormula.alternatives(outcome.formula(), ServicePlacement.MAX_TERMS);
      if (terms.isEmpty()) {
        continue; // too big to be said: left out, not wrong
      }
      compared++;
      ClusterQuery query = ClusterQuery.parse(expression);
      for (Node node : nodes) {
        assertThat(passes(terms.get(), node))
            .as("%s on %s", expression, node.getMetadata().getLabels())
            .isEqualTo(query.matches(target(node)));
      }
    }
    assertThat(compared).isGreaterThan(1500);
  }

  @Test
  void whatNodeLabelsDoNotShowIsRefusedWithTheReason() {
    assertThat(refusal("task:group == service:db")).contains("task:group");
    assertThat(refusal("attribute:ecs.instance-type =~ t3.*")).contains("regular expression (=~)");
    assertThat(refusal("attribute:ecs.instance-type !~ t3.*")).contains("regular expression (!~)");
    assertThat(refusal("attribute:ecs.instance-type > t3")).contains("ordering (>)");
    assertThat(refusal("ec2InstanceId =~ node-.*")).contains("regular expression");
    assertThat(refusal("registeredAt > 2024-01-01")).contains("registeredAt");
    assertThat(refusal("agentConnected == true")).contains("agentConnected");
    assertThat(refusal("runningTasksCount == 0")).contains("runningTasksCount");
    assertThat(refusal("attribute:stack == prod")).contains("attribute:stack");
    assertThat(refusal("attribute:ecs.ami-id == ami-1")).contains("attribute:ecs.ami-id");
    // A part that cannot be said takes the whole expression with it.
    assertThat(refusal("attribute:ecs.instance-type == t3.small and task:group == service:db"))
        .contains("task:group");
    assertThat(refusal("not (attribute:ecs.os-type == linux or attribute:x exists)"))
        .contains("attribute:x");
    assertThat(refusal("attribute:ecs.instance-type ==")).contains("Invalid query expression");
  }

  private static String refusal(String expression) {
    return MemberOfTranslator.translate(expression).refusal();
  }

  private static String expression(Random random, int depth) {
    int kind = depth == 0 ? 0 : random.nextInt(4);
    return switch (kind) {
      case 1 ->
          "(" + expression(random, depth - 1) + ") and (" + expression(random, depth - 1) + ")";
      case 2 ->
          "(" + expression(random, depth - 1) + ") or (" + expression(random, depth - 1) + ")";
      case 3 -> "not (" + expression(random, depth - 1) + ")";
      default -> comparison(random);
    };
  }

  private static String comparison(Random random) {
    List<String> subjects = new ArrayList<>(VALUES.keySet());
    subjects.sort(null);
    String subject = subjects.get(random.nextInt(subjects.size()));
    boolean instance = subject.equals("ec2InstanceId");
    List<String> ops = instance ? OPERATORS.subList(0, 4) : OPERATORS;
    String op = ops.get(random.nextInt(ops.size()));
    String lhs = instance ? subject : "attribute:" + subject;
    List<String> values = VALUES.get(subject);
    return switch (op) {
      case "exists", "!exists" -> lhs + " " + op;
      case "in", "not_in" -> {
        List<String> some = new ArrayList<>();
        for (String v : values) {
          if (random.nextBoolean()) {
            some.add(v);
          }
        }
        if (some.isEmpty()) {
          some.add(values.get(0));
        }
        yield lhs + " " + op + " [" + String.join(", ", some) + "]";
      }
      default -> lhs + " " + op + " " + values.get(random.nextInt(values.size()));
    };
  }

  private static Node node(Random random, int i) {
    Map<String, String> labels = new LinkedHashMap<>();
    LABELS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              int pick = random.nextInt(e.getValue().size() + 1);
              if (pick < e.getValue().size()) {
                labels.put(e.getKey(), e.getValue().get(pick));
              }
            });
    return new NodeBuilder()
        .withNewMetadata()
        .withName("node-" + (i % 4))
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  /** How Kubernetes reads required node affinity: any term whose every requirement holds. */
  private static boolean passes(List<List<NodeFormula.Test>> terms, Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    return terms.stream()
        .anyMatch(
            term ->
                term.stream()
                    .allMatch(
                        t -> {
                          String value =
                              t.field() ? node.getMetadata().getName() : labels.get(t.key());
                          return switch (t.operator()) {
                            case "In" -> value != null && t.values().contains(value);
                            case "NotIn" -> value == null || !t.values().contains(value);
                            case "Exists" -> value != null;
                            case "DoesNotExist" -> value == null;
                            default -> throw new AssertionError(t.operator());
                          };
                        }));
  }

  /** The container instance ECS would see for the node. */
  private static QueryTarget target(Node node) {
    Map<String, String> attributes = NodeMapper.of(node).attributes();
    return new QueryTarget() {
      @Override
      public String ec2InstanceId() {
        return node.getMetadata().getName();
      }

      @Override
      public boolean agentConnected() {
        return true;
      }

      @Override
      public Optional<String> agentVersion() {
        return Optional.empty();
      }

      @Override
      public Instant registeredAt() {
        return Instant.EPOCH;
      }

      @Override
      public int runningTasksCount() {
        return 0;
      }

      @Override
      public boolean hasAttribute(String name) {
        return attributes.containsKey(name);
      }

      @Override
      public Optional<String> attributeValue(String name) {
        return Optional.ofNullable(attributes.get(name));
      }

      @Override
      public Set<String> taskGroups() {
        return Set.of();
      }
    };
  }
}
