package io.kecs.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** Listener rule semantics, as tables of conditions and requests. */
class RuleEvaluatorTest {
  private static HttpRequestView request(
      String host,
      String path,
      String method,
      Map<String, List<String>> headers,
      String query,
      String source)
      throws Exception {
    return new HttpRequestView(
        host, path, method, headers, RequestViews.query(query), InetAddress.getByName(source));
  }

  private static HttpRequestView get(String host, String path) throws Exception {
    return request(host, path, "GET", Map.of(), null, "127.0.0.1");
  }

  static Stream<Arguments> conditions() throws Exception {
    RuleCondition host =
        RuleCondition.builder()
            .field("host-header")
            .hostHeaderConfig(h -> h.values("*.example.com", "api.test"))
            .build();
    RuleCondition path =
        RuleCondition.builder()
            .field("path-pattern")
            .pathPatternConfig(p -> p.values("/img/*", "/v?/users"))
            .build();
    RuleCondition legacyPath =
        RuleCondition.builder().field("path-pattern").values("/old*").build();
    RuleCondition header =
        RuleCondition.builder()
            .field("http-header")
            .httpHeaderConfig(h -> h.httpHeaderName("User-Agent").values("*Mobile*"))
            .build();
    RuleCondition method =
        RuleCondition.builder()
            .field("http-request-method")
            .httpRequestMethodConfig(m -> m.values("POST", "PUT"))
            .build();
    RuleCondition query =
        RuleCondition.builder()
            .field("query-string")
            .queryStringConfig(
                q ->
                    q.values(
                        QueryStringKeyValuePair.builder().key("version").value("v1").build(),
                        QueryStringKeyValuePair.builder().value("*beta*").build()))
            .build();
    RuleCondition source =
        RuleCondition.builder()
            .field("source-ip")
            .sourceIpConfig(s -> s.values("10.1.0.0/16", "::1/128"))
            .build();
    return Stream.of(
        Arguments.of(host, get("www.example.com", "/"), true),
        Arguments.of(host, get("WWW.Example.COM", "/"), true),
        Arguments.of(host, get("example.com", "/"), false),
        Arguments.of(host, get("api.test", "/"), true),
        Arguments.of(path, get("a", "/img/cat.png"), true),
        Arguments.of(path, get("a", "/IMG/cat.png"), false),
        Arguments.of(path, get("a", "/v2/users"), true),
        Arguments.of(path, get("a", "/v10/users"), false),
        Arguments.of(legacyPath, get("a", "/older"), true),
        Arguments.of(
            header,
            request("a", "/", "GET", Map.of("user-agent", List.of("x mobile y")), null, "1.2.3.4"),
            true),
        Arguments.of(
            header,
            request("a", "/", "GET", Map.of("user-agent", List.of("desktop")), null, "1.2.3.4"),
            false),
        Arguments.of(header, get("a", "/"), false),
        Arguments.of(method, request("a", "/", "PUT", Map.of(), null, "1.2.3.4"), true),
        Arguments.of(method, request("a", "/", "put", Map.of(), null, "1.2.3.4"), false),
        Arguments.of(method, get("a", "/"), false),
        Arguments.of(query, request("a", "/", "GET", Map.of(), "Version=V1", "1.2.3.4"), true),
        Arguments.of(query, request("a", "/", "GET", Map.of(), "x=my%20beta", "1.2.3.4"), true),
        Arguments.of(query, request("a", "/", "GET", Map.of(), "version=v2", "1.2.3.4"), false),
        Arguments.of(query, get("a", "/"), false),
        Arguments.of(source, request("a", "/", "GET", Map.of(), null, "10.1.200.3"), true),
        Arguments.of(source, request("a", "/", "GET", Map.of(), null, "10.2.0.1"), false),
        Arguments.of(source, request("a", "/", "GET", Map.of(), null, "::1"), true));
  }

  @ParameterizedTest
  @MethodSource("conditions")
  void matchesAsElbv2Does(RuleCondition condition, HttpRequestView request, boolean matches) {
    assertThat(ConditionMatcher.matches(condition, request)).isEqualTo(matches);
  }

  private static Rule rule(String priority, String tag, RuleCondition... conditions) {
    return Rule.builder()
        .priority(priority)
        .isDefault("default".equals(priority))
        .conditions(conditions)
        .actions(
            Action.builder()
                .type("fixed-response")
                .fixedResponseConfig(f -> f.statusCode("200").messageBody(tag))
                .build())
        .build();
  }

  private static RuleCondition path(String pattern) {
    return RuleCondition.builder()
        .field("path-pattern")
        .pathPatternConfig(p -> p.values(pattern))
        .build();
  }

  @Test
  void lowestMatchingPriorityWinsThenTheDefault() throws Exception {
    List<Rule> rules =
        List.of(
            rule("default", "default"),
            rule("20", "any-api", path("/api/*")),
            rule("5", "users", path("/api/users*")),
            rule("100", "never", path("/nothing")));
    assertThat(body(rules, get("a", "/api/users/1"))).isEqualTo("users");
    assertThat(body(rules, get("a", "/api/orders"))).isEqualTo("any-api");
    assertThat(body(rules, get("a", "/"))).isEqualTo("default");
  }

  @Test
  void allConditionsOfARuleMustMatch() throws Exception {
    RuleCondition post =
        RuleCondition.builder()
            .field("http-request-method")
            .httpRequestMethodConfig(m -> m.values("POST"))
            .build();
    List<Rule> rules =
        List.of(rule("default", "default"), rule("1", "post-api", path("/api"), post));
    assertThat(body(rules, get("a", "/api"))).isEqualTo("default");
    assertThat(body(rules, request("a", "/api", "POST", Map.of(), null, "1.1.1.1")))
        .isEqualTo("post-api");
  }

  @Test
  void authenticateActionsAreSkippedForTheFinalOne() {
    Action auth = Action.builder().type("authenticate-oidc").order(1).build();
    Action fixed =
        Action.builder()
            .type("fixed-response")
            .order(2)
            .fixedResponseConfig(f -> f.statusCode("200"))
            .build();
    assertThat(RuleEvaluator.finalAction(List.of(auth, fixed))).contains(fixed);
  }

  private static String body(List<Rule> rules, HttpRequestView r) {
    return RuleEvaluator.choose(rules, r)
        .orElseThrow()
        .actions()
        .get(0)
        .fixedResponseConfig()
        .messageBody();
  }
}
