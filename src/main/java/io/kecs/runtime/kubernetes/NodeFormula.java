package io.kecs.runtime.kubernetes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Boolean formula over what a node selector term can test: a node label ({@code In}, {@code
 * NotIn}, {@code Exists}, {@code DoesNotExist}) or the node's name ({@code metadata.name} {@code
 * In} / {@code NotIn} one value). Every test has an exact negation in Kubernetes ({@code NotIn} and
 * {@code DoesNotExist} hold on a node without the label, as their positive forms fail there), so
 * negation is pushed down to the tests as a formula is built, and any formula can be brought to the
 * one form required node affinity takes: alternatives ({@code nodeSelectorTerms}, ORed) of tests
 * (ANDed within a term).
 */
sealed interface NodeFormula {
  /** The formula that holds on every node: an empty conjunction. */
  NodeFormula TRUE = new All(List.of());

  /** The formula that holds on no node: an empty disjunction. */
  NodeFormula FALSE = new Any(List.of());

  /**
   * One requirement: on a label ({@code field} false) or on the node field {@code key} ({@code
   * metadata.name}).
   */
  record Test(boolean field, String key, String operator, List<String> values)
      implements NodeFormula {
    public Test {
      values = List.copyOf(values);
    }

    Test negated() {
      String op =
          switch (operator) {
            case "In" -> "NotIn";
            case "NotIn" -> "In";
            case "Exists" -> "DoesNotExist";
            case "DoesNotExist" -> "Exists";
            default -> throw new IllegalStateException("no negation of " + operator);
          };
      return new Test(field, key, op, values);
    }
  }

  record All(List<NodeFormula> parts) implements NodeFormula {}

  record Any(List<NodeFormula> parts) implements NodeFormula {}

  /** {@code label In values}; no values is a test no node passes. */
  static NodeFormula in(String label, List<String> values) {
    return values.isEmpty() ? FALSE : new Test(false, label, "In", values);
  }

  static NodeFormula exists(String label) {
    return new Test(false, label, "Exists", List.of());
  }

  /** The node's name is one of {@code names}: one field test each, as Kubernetes requires. */
  static NodeFormula nameIn(List<String> names) {
    return new Any(
        names.stream()
            .distinct()
            .map(n -> (NodeFormula) new Test(true, "metadata.name", "In", List.of(n)))
            .toList());
  }

  static NodeFormula and(NodeFormula a, NodeFormula b) {
    return new All(List.of(a, b));
  }

  static NodeFormula or(NodeFormula a, NodeFormula b) {
    return new Any(List.of(a, b));
  }

  static NodeFormula not(NodeFormula f) {
    return switch (f) {
      case Test t -> t.negated();
      case All all -> new Any(all.parts().stream().map(NodeFormula::not).toList());
      case Any any -> new All(any.parts().stream().map(NodeFormula::not).toList());
    };
  }

  /**
   * The formula as alternatives of tests. An empty list holds on no node; a list holding an empty
   * alternative holds on every node (and is just that one). Alternatives no node can pass (a label
   * both required and absent, {@code In} lists with nothing in common) are left out. Empty when
   * more than {@code max} alternatives would be needed.
   */
  static Optional<List<List<Test>>> alternatives(NodeFormula f, int max) {
    List<List<Test>> out =
        switch (f) {
          case Test t -> List.of(List.of(t));
          case Any any -> {
            List<List<Test>> all = new ArrayList<>();
            for (NodeFormula part : any.parts()) {
              Optional<List<List<Test>>> d = alternatives(part, max);
              if (d.isEmpty()) {
                yield null;
              }
              all.addAll(d.get());
            }
            yield all;
          }
          case All all -> {
            List<List<Test>> acc = List.of(List.of());
            for (NodeFormula part : all.parts()) {
              Optional<List<List<Test>>> d = alternatives(part, max);
              if (d.isEmpty()) {
                yield null;
              }
              acc = simplified(product(acc, d.get()));
              if (acc.size() > max) {
                yield null;
              }
            }
            yield acc;
          }
        };
    if (out == null) {
      return Optional.empty();
    }
    List<List<Test>> kept = simplified(out);
    return kept.size() > max ? Optional.empty() : Optional.of(kept);
  }

  /**
   * Alternatives without those no node passes and without repeats; just the empty one when one is
   * empty (it holds on every node).
   */
  private static List<List<Test>> simplified(List<List<Test>> alternatives) {
    List<List<Test>> kept = new ArrayList<>();
    Set<Set<Test>> seen = new HashSet<>();
    for (List<Test> alternative : alternatives) {
      if (alternative.isEmpty()) {
        return List.of(List.of());
      }
      if (satisfiable(alternative) && seen.add(Set.copyOf(alternative))) {
        kept.add(alternative);
      }
    }
    return kept;
  }

  /** Every alternative of {@code a} joined with every alternative of {@code b}. */
  static List<List<Test>> product(List<List<Test>> a, List<List<Test>> b) {
    List<List<Test>> out = new ArrayList<>();
    for (List<Test> x : a) {
      for (List<Test> y : b) {
        LinkedHashSet<Test> joined = new LinkedHashSet<>(x);
        joined.addAll(y);
        out.add(List.copyOf(joined));
      }
    }
    return out;
  }

  /** Whether some node can pass every test of an alternative (each key looked at alone). */
  private static boolean satisfiable(List<Test> alternative) {
    Map<String, List<Test>> byKey = new HashMap<>();
    alternative.forEach(
        t -> byKey.computeIfAbsent(t.field() + t.key(), k -> new ArrayList<>()).add(t));
    for (List<Test> tests : byKey.values()) {
      boolean present = false;
      boolean absent = false;
      Set<String> allowed = null;
      Set<String> refused = new HashSet<>();
      for (Test t : tests) {
        switch (t.operator()) {
          case "In" -> {
            present = true;
            if (allowed == null) {
              allowed = new HashSet<>(t.values());
            } else {
              allowed.retainAll(t.values());
            }
          }
          case "Exists" -> present = true;
          case "DoesNotExist" -> absent = true;
          default -> refused.addAll(t.values());
        }
      }
      if (present && absent) {
        return false;
      }
      if (allowed != null) {
        allowed.removeAll(refused);
        if (allowed.isEmpty()) {
          return false;
        }
      }
    }
    return true;
  }
}
