package io.kecs.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterQueryTest {
  /** A t2.micro in us-east-1a with a custom attribute, a value-less capability and one task. */
  private static final Instance T2 =
      new Instance(
          "i-0123456789abcdef0",
          true,
          "1.51.0",
          Instant.parse("2024-05-01T10:15:30.250Z"),
          1,
          attributes(
              "ecs.instance-type", "t2.micro",
              "ecs.availability-zone", "us-east-1a",
              "stack", "prod",
              "disk-gb", "100",
              "com.amazonaws.ecs.capability.docker-remote-api.1.17", null),
          Set.of("service:web"));

  private static final Instance M5 =
      new Instance(
          "i-bbbb",
          false,
          null,
          Instant.parse("2023-12-31T23:59:59Z"),
          0,
          attributes("ecs.instance-type", "m5.large", "ecs.availability-zone", "us-east-1d"),
          Set.of());

  private static boolean matches(String expression, Instance target) {
    return ClusterQuery.parse(expression).matches(target);
  }

  @Test
  void visitorsSeeTheParsedStructureWithPrecedence() {
    QueryVisitor<String> printer =
        new QueryVisitor<>() {
          @Override
          public String and(String left, String right) {
            return "(" + left + " AND " + right + ")";
          }

          @Override
          public String or(String left, String right) {
            return "(" + left + " OR " + right + ")";
          }

          @Override
          public String not(String operand) {
            return "NOT " + operand;
          }

          @Override
          public String attribute(String name, Operator op, java.util.List<String> values) {
            return name + " " + op.symbol() + " " + values;
          }

          @Override
          public String other(String subject, Operator op, java.util.List<String> values) {
            return subject + " " + op.symbol() + " " + values;
          }
        };
    assertThat(
            ClusterQuery.parse(
                    "attribute:a == x or not attribute:b not_in [y, z] and task:group exists")
                .accept(printer))
        .isEqualTo("(a == [x] OR (NOT b !in [y, z] AND task:group exists []))");
    assertThat(ClusterQuery.parse("ec2InstanceId != 'i-1'").accept(printer))
        .isEqualTo("ec2InstanceId != [i-1]");
  }

  @Test
  void equalityOnAttributes() {
    assertThat(matches("attribute:ecs.instance-type == t2.micro", T2)).isTrue();
    assertThat(matches("attribute:ecs.instance-type == t2.micro", M5)).isFalse();
    assertThat(matches("attribute:ecs.instance-type equals t2.micro", T2)).isTrue();
    assertThat(matches("attribute:ecs.instance-type != t2.micro", M5)).isTrue();
    assertThat(matches("attribute:ecs.instance-type not_equals t2.micro", T2)).isFalse();
    assertThat(matches("attribute:ecs.instance-type==t2.micro", T2)).isTrue();
  }

  @Test
  void absentAttributesFailPositiveTestsAndPassNegations() {
    assertThat(matches("attribute:stack == prod", M5)).isFalse();
    assertThat(matches("attribute:stack != prod", M5)).isTrue();
    assertThat(matches("attribute:stack in [prod, dev]", M5)).isFalse();
    assertThat(matches("attribute:stack !in [prod, dev]", M5)).isTrue();
    assertThat(matches("attribute:stack =~ p.*", M5)).isFalse();
    assertThat(matches("attribute:stack !~ p.*", M5)).isTrue();
  }

  @Test
  void existence() {
    assertThat(matches("attribute:stack exists", T2)).isTrue();
    assertThat(matches("attribute:stack exists", M5)).isFalse();
    assertThat(matches("attribute:stack !exists", M5)).isTrue();
    assertThat(matches("attribute:stack not_exists", T2)).isFalse();
    // Capabilities carry no value: they exist, but equal nothing.
    assertThat(matches("attribute:com.amazonaws.ecs.capability.docker-remote-api.1.17 exists", T2))
        .isTrue();
  }

  @Test
  void argumentLists() {
    assertThat(matches("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]", T2)).isTrue();
    assertThat(matches("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]", M5))
        .isFalse();
    assertThat(matches("attribute:ecs.availability-zone not_in [us-east-1a]", M5)).isTrue();
    assertThat(matches("ec2InstanceId in ['i-0123456789abcdef0', 'i-wxyx7890']", T2)).isTrue();
    assertThat(matches("ec2InstanceId in [\"i-bbbb\"]", M5)).isTrue();
  }

  @Test
  void patternsMatchTheWholeValue() {
    assertThat(matches("attribute:ecs.instance-type =~ t2.*", T2)).isTrue();
    assertThat(matches("attribute:ecs.instance-type =~ t2.*", M5)).isFalse();
    assertThat(matches("attribute:ecs.instance-type matches micro", T2)).isFalse();
    assertThat(matches("attribute:ecs.instance-type !~ t2.*", M5)).isTrue();
    assertThat(matches("attribute:ecs.instance-type =~ '(t2|m5)\\..*'", M5)).isTrue();
    assertThat(matches("ec2InstanceId =~ i-0123.*", T2)).isTrue();
  }

  @Test
  void compoundExpressionsAndPrecedence() {
    assertThat(
            matches(
                "attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone !="
                    + " us-east-1d",
                T2))
        .isTrue();
    assertThat(matches("attribute:ecs.instance-type =~ t2.* && runningTasksCount > 0", T2))
        .isTrue();
    assertThat(matches("ec2InstanceId == i-bbbb || ec2InstanceId == i-cccc", M5)).isTrue();
    // and binds tighter than or: false or (true and false) = false; (false or true) and false too.
    assertThat(
            matches("ec2InstanceId == x or attribute:stack == prod and runningTasksCount == 5", T2))
        .isFalse();
    assertThat(
            matches(
                "(ec2InstanceId == x or attribute:stack == prod) and runningTasksCount == 1", T2))
        .isTrue();
    assertThat(matches("ec2InstanceId == i-0123456789abcdef0 or runningTasksCount == 5", T2))
        .isTrue();
    assertThat(matches("not(task:group == database)", T2)).isTrue();
    assertThat(matches("!(task:group == service:web)", T2)).isFalse();
    assertThat(matches("not not attribute:stack exists", T2)).isTrue();
    assertThat(matches("NOT (attribute:stack exists) OR agentConnected == false", M5)).isTrue();
  }

  @Test
  void taskGroups() {
    assertThat(matches("task:group == service:web", T2)).isTrue();
    assertThat(matches("task:group != service:web", T2)).isFalse();
    assertThat(matches("task:group != service:web", M5)).isTrue();
    assertThat(matches("task:group exists", T2)).isTrue();
    assertThat(matches("task:group !exists", M5)).isTrue();
    assertThat(matches("task:group =~ service:.*", T2)).isTrue();
    assertThat(matches("task:group in [family:x, service:web]", T2)).isTrue();
  }

  @Test
  void numbersDatesVersionsAndBooleans() {
    assertThat(matches("runningTasksCount > 0", T2)).isTrue();
    assertThat(matches("runningTasksCount > 0", M5)).isFalse();
    assertThat(matches("runningTasksCount <= 0", M5)).isTrue();
    assertThat(matches("runningTasksCount greater_than_equal 1", T2)).isTrue();

    assertThat(matches("registeredAt > 2024-01-01", T2)).isTrue();
    assertThat(matches("registeredAt > 2024-01-01", M5)).isFalse();
    assertThat(matches("registeredAt == 2024-05-01", T2)).isTrue();
    assertThat(matches("registeredAt < 2024-05-01T10:15:31Z", T2)).isTrue();
    assertThat(matches("registeredAt == 2024-05-01T10:15:30", T2)).isTrue();
    assertThat(matches("registeredAt >= 2024-05-01T12:15:30+02:00", T2)).isTrue();
    assertThat(matches("registeredAt less_than 2024-01-01", M5)).isTrue();

    assertThat(matches("agentVersion >= 1.9.0", T2)).isTrue(); // 51 > 9, not text order
    assertThat(matches("agentVersion < 1.51.1", T2)).isTrue();
    assertThat(matches("agentVersion == 1.51", T2)).isTrue();
    assertThat(matches("agentVersion > 1.0.0", M5)).isFalse(); // no version reported
    assertThat(matches("agentVersion != 1.0.0", M5)).isTrue();

    assertThat(matches("agentConnected == true", T2)).isTrue();
    assertThat(matches("agentConnected == FALSE", M5)).isTrue();
    assertThat(matches("agentConnected in [false]", T2)).isFalse();

    assertThat(matches("attribute:disk-gb > 99", T2)).isTrue(); // numeric, not text order
    assertThat(matches("attribute:disk-gb < 2", T2)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "attribute:stack",
        "attribute: == x",
        "attribute:bad name == x",
        "instanceType == t2.micro",
        "ec2InstanceId exists",
        "ec2InstanceId > i-1",
        "runningTasksCount == many",
        "runningTasksCount =~ 1",
        "registeredAt > yesterday",
        "agentVersion > latest",
        "agentConnected == maybe",
        "attribute:x in a, b",
        "attribute:x in [a, b",
        "attribute:x in [a,]",
        "attribute:x =~ '(unclosed'",
        "attribute:x == 'unterminated",
        "attribute:x = y",
        "attribute:x == y and",
        "attribute:x == y & attribute:z exists",
        "(attribute:x == y",
        "attribute:x == y)",
        "(attribute:x) == y",
        "attribute:x == y attribute:z == w",
        "== y",
      })
  void malformedExpressionsAreRefused(String expression) {
    assertThatThrownBy(() -> ClusterQuery.parse(expression))
        .isInstanceOf(InvalidQueryException.class);
  }

  @Test
  void errorsSayWhere() {
    assertThatThrownBy(() -> ClusterQuery.parse("attribute:x == y and foo == z"))
        .hasMessageContaining("unknown subject 'foo'")
        .hasMessageContaining("position 22");
  }

  private static Map<String, String> attributes(String... pairs) {
    java.util.HashMap<String, String> map = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private record Instance(
      String ec2InstanceId,
      boolean agentConnected,
      String version,
      Instant registeredAt,
      int runningTasksCount,
      Map<String, String> attributes,
      Set<String> taskGroups)
      implements QueryTarget {
    @Override
    public Optional<String> agentVersion() {
      return Optional.ofNullable(version);
    }

    @Override
    public boolean hasAttribute(String name) {
      return attributes.containsKey(name);
    }

    @Override
    public Optional<String> attributeValue(String name) {
      return Optional.ofNullable(attributes.get(name));
    }
  }
}
