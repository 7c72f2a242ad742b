package io.kecs.elbv2.dataplane;

import static io.kecs.elbv2.dataplane.LoadBalancerFixture.fixed;
import static io.kecs.elbv2.dataplane.LoadBalancerFixture.forward;
import static io.kecs.elbv2.dataplane.LoadBalancerFixture.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.testing.KecsTestServer;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/**
 * Traffic through load balancers to real ip targets on loopback: every condition type, redirect,
 * fixed response, weighted and sticky forwarding, health checks, draining, 502 and 503. The test
 * server's ELBv2 second is 100 ms, so a 5 s interval is half a second.
 */
class Elbv2DataPlaneIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();
  private static LoadBalancerFixture f;
  private TestTarget a;
  private TestTarget b;

  @BeforeAll
  static void fixture() {
    f = new LoadBalancerFixture(kecs.endpoint());
  }

  @AfterAll
  static void close() {
    f.close();
  }

  @BeforeEach
  void targets() throws Exception {
    a = new TestTarget("a");
    b = new TestTarget("b");
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
  }

  private static RuleCondition path(String p) {
    return RuleCondition.builder()
        .field("path-pattern")
        .pathPatternConfig(c -> c.values(p))
        .build();
  }

  private static void rule(Listener l, int priority, Action action, RuleCondition... conditions) {
    f.elb.createRule(
        r ->
            r.listenerArn(l.listenerArn())
                .priority(priority)
                .conditions(conditions)
                .actions(action));
  }

  @Test
  void rulesChooseByHostPathHeaderQueryMethodAndSourceIp() throws Exception {
    LoadBalancer lb = f.alb("rules");
    TargetGroup ga = f.group("ga", g -> {});
    TargetGroup gb = f.group("gb", g -> {});
    f.register(ga, "127.0.0.1", a.port());
    f.register(gb, "127.0.0.1", b.port());
    Listener l = f.listener(lb, 80, forward(ga));
    rule(l, 1, forward(gb), path("/b/*"));
    rule(
        l,
        2,
        fixed(200, "wrong host"),
        RuleCondition.builder()
            .field("host-header")
            .hostHeaderConfig(h -> h.values("shop.example.com"))
            .build(),
        path("/h"));
    rule(
        l,
        3,
        fixed(200, "host"),
        RuleCondition.builder()
            .field("host-header")
            .hostHeaderConfig(h -> h.values("RULES-*.ELB.localhost"))
            .build(),
        path("/h"));
    rule(
        l,
        4,
        fixed(200, "canary"),
        RuleCondition.builder()
            .field("http-header")
            .httpHeaderConfig(h -> h.httpHeaderName("X-Canary").values("y?s"))
            .build());
    rule(
        l,
        5,
        fixed(200, "beta"),
        RuleCondition.builder()
            .field("query-string")
            .queryStringConfig(q -> q.values(v -> v.key("beta").value("on")))
            .build());
    rule(
        l,
        6,
        fixed(405, "no deleting"),
        RuleCondition.builder()
            .field("http-request-method")
            .httpRequestMethodConfig(m -> m.values("DELETE"))
            .build());
    rule(
        l,
        7,
        fixed(200, "ten"),
        RuleCondition.builder()
            .field("source-ip")
            .sourceIpConfig(s -> s.values("10.0.0.0/8"))
            .build(),
        path("/ip"));
    rule(
        l,
        8,
        fixed(200, "loopback"),
        RuleCondition.builder()
            .field("source-ip")
            .sourceIpConfig(s -> s.values("127.0.0.0/8"))
            .build(),
        path("/ip"));
    rule(
        l,
        9,
        Action.builder()
            .type(ActionTypeEnum.REDIRECT)
            .redirectConfig(
                c -> c.path("/new/#{path}").query("from=old&#{query}").statusCode("HTTP_301"))
            .build(),
        path("/old/*"));

    assertThat(f.get(lb, "/").body()).isEqualTo("a");
    assertThat(f.get(lb, "/b/x").body()).isEqualTo("b");
    assertThat(f.get(lb, "/B/x").body()).isEqualTo("a"); // paths are case-sensitive
    assertThat(f.get(lb, "/h").body()).isEqualTo("host");
    assertThat(f.send(HttpRequest.newBuilder(f.uri(lb, "/")).header("X-Canary", "YES")).body())
        .isEqualTo("canary");
    assertThat(f.get(lb, "/?x=1&beta=ON").body()).isEqualTo("beta");
    HttpResponse<String> deleted = f.send(HttpRequest.newBuilder(f.uri(lb, "/")).DELETE());
    assertThat(deleted.statusCode()).isEqualTo(405);
    assertThat(deleted.body()).isEqualTo("no deleting");
    assertThat(f.get(lb, "/ip").body()).isEqualTo("loopback");
    HttpResponse<String> moved = f.get(lb, "/old/page?id=7");
    assertThat(moved.statusCode()).isEqualTo(301);
    assertThat(moved.headers().firstValue("location"))
        .hasValue(
            "http://"
                + lb.dnsName()
                + ":"
                + kecs.endpoint().getPort()
                + "/new/old/page?from=old&id=7");

    // What the target saw: the client's Host and the headers an ALB adds.
    f.send(HttpRequest.newBuilder(f.uri(lb, "/seen")).header("X-Forwarded-For", "203.0.113.9"));
    Map<String, List<String>> seen = a.lastHeaders.get();
    assertThat(seen.get("Host")).containsExactly(lb.dnsName() + ":" + kecs.endpoint().getPort());
    assertThat(seen.get("X-forwarded-for")).containsExactly("203.0.113.9, 127.0.0.1");
    assertThat(seen.get("X-forwarded-proto")).containsExactly("http");
    assertThat(seen.get("X-forwarded-port")).containsExactly("80");
    assertThat(seen.get("X-amzn-trace-id").get(0)).startsWith("Root=1-");
  }

  @Test
  void listenerByHostPortElseTheLowest() throws Exception {
    LoadBalancer lb = f.alb("ports");
    f.listener(lb, 8080, fixed(200, "8080"));
    f.listener(lb, 80, fixed(200, "80"));
    assertThat(f.get(lb, "/").body()).isEqualTo("80");
    HttpResponse<String> r =
        f.http.send(
            HttpRequest.newBuilder(java.net.URI.create("http://" + lb.dnsName() + ":8080/"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).isEqualTo("8080");
  }

  @Test
  void weightedForwardSplitsAndGroupStickinessHolds() throws Exception {
    LoadBalancer lb = f.alb("weights");
    TargetGroup ga = f.group("wa", g -> {});
    TargetGroup gb = f.group("wb", g -> {});
    f.register(ga, "127.0.0.1", a.port());
    f.register(gb, "127.0.0.1", b.port());
    Listener l = f.listener(lb, 80, weighted(ga, 1, gb, 3, false));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      counts.merge(f.get(lb, "/").body(), 1, Integer::sum);
    }
    assertThat(counts.keySet()).containsExactlyInAnyOrder("a", "b");
    assertThat(counts.get("a") / 1000.0).isBetween(0.20, 0.30);

    f.elb.modifyListener(
        r -> r.listenerArn(l.listenerArn()).defaultActions(weighted(ga, 1, gb, 1, true)));
    HttpResponse<String> first = f.get(lb, "/");
    String cookie = first.headers().firstValue("set-cookie").orElseThrow();
    assertThat(cookie).startsWith("AWSALBTG=").contains("Max-Age=120");
    String pair = cookie.substring(0, cookie.indexOf(';'));
    for (int i = 0; i < 30; i++) {
      HttpResponse<String> r =
          f.send(HttpRequest.newBuilder(f.uri(lb, "/")).header("Cookie", pair));
      assertThat(r.body()).isEqualTo(first.body());
    }
  }

  @Test
  void targetStickinessKeepsAClientOnItsTarget() throws Exception {
    LoadBalancer lb = f.alb("sticky");
    TargetGroup g = f.group("sg", t -> t.healthCheckEnabled(false));
    f.register(g, "127.0.0.1", a.port());
    f.register(g, "127.0.0.1", b.port());
    f.listener(lb, 80, forward(g));
    Map<String, Integer> spread = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> r = f.get(lb, "/");
      assertThat(r.headers().firstValue("set-cookie")).isEmpty();
      spread.merge(r.body(), 1, Integer::sum);
    }
    assertThat(spread).containsOnlyKeys("a", "b"); // round robin without stickiness

    f.elb.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(g.targetGroupArn())
                .attributes(
                    x -> x.key("stickiness.enabled").value("true"),
                    x -> x.key("stickiness.lb_cookie.duration_seconds").value("300")));
    HttpResponse<String> first = f.get(lb, "/");
    String cookie = first.headers().firstValue("set-cookie").orElseThrow();
    assertThat(cookie).startsWith("AWSALB=").contains("Max-Age=300");
    String pair = cookie.substring(0, cookie.indexOf(';'));
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r =
          f.send(HttpRequest.newBuilder(f.uri(lb, "/")).header("Cookie", pair));
      assertThat(r.body()).isEqualTo(first.body());
    }
  }

  private static Action weighted(TargetGroup x, int wx, TargetGroup y, int wy, boolean sticky) {
    return Action.builder()
        .type(ActionTypeEnum.FORWARD)
        .forwardConfig(
            c ->
                c.targetGroups(
                        t -> t.targetGroupArn(x.targetGroupArn()).weight(wx),
                        t -> t.targetGroupArn(y.targetGroupArn()).weight(wy))
                    .targetGroupStickinessConfig(s -> s.enabled(sticky).durationSeconds(120)))
        .build();
  }

  @Test
  void unhealthyTargetLeavesTheRotationAndComesBack() throws Exception {
    LoadBalancer lb = f.alb("health");
    TargetGroup g =
        f.group("hg", t -> t.healthCheckPath("/healthz").matcher(m -> m.httpCode("200-299")));
    f.register(g, "127.0.0.1", a.port());
    f.register(g, "127.0.0.1", b.port());
    TargetHealth before =
        f.elb
            .describeTargetHealth(r -> r.targetGroupArn(g.targetGroupArn()))
            .targetHealthDescriptions()
            .get(0)
            .targetHealth();
    assertThat(before.stateAsString()).isEqualTo("unused");
    f.listener(lb, 80, forward(g));
    f.awaitHealth(g, "127.0.0.1", a.port(), state("healthy"));
    f.awaitHealth(g, "127.0.0.1", b.port(), state("healthy"));
    assertThat(a.lastHeaders.get().get("User-agent")).containsExactly("ELB-HealthChecker/2.0");

    b.status.set(500);
    TargetHealth sick = f.awaitHealth(g, "127.0.0.1", b.port(), state("unhealthy"));
    assertThat(sick.reasonAsString()).isEqualTo("Target.ResponseCodeMismatch");
    assertThat(sick.description()).contains("[500]");
    for (int i = 0; i < 40; i++) {
      assertThat(f.get(lb, "/").body()).isEqualTo("a");
    }
    b.status.set(202);
    f.awaitHealth(g, "127.0.0.1", b.port(), state("healthy"));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      counts.merge(f.get(lb, "/").body(), 1, Integer::sum);
    }
    assertThat(counts).containsOnlyKeys("a", "b");

    b.close();
    TargetHealth gone = f.awaitHealth(g, "127.0.0.1", b.port(), state("unhealthy"));
    assertThat(gone.reasonAsString()).isEqualTo("Target.FailedHealthChecks");
  }

  @Test
  void deregisteredTargetDrainsForTheDelayThenGoes() throws Exception {
    LoadBalancer lb = f.alb("drain");
    TargetGroup g = f.group("dg", t -> {});
    f.elb.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(g.targetGroupArn())
                .attributes(x -> x.key("deregistration_delay.timeout_seconds").value("20")));
    f.register(g, "127.0.0.1", a.port());
    f.register(g, "127.0.0.1", b.port());
    f.listener(lb, 80, forward(g));
    f.awaitHealth(g, "127.0.0.1", b.port(), state("healthy"));
    long start = System.nanoTime();
    f.elb.deregisterTargets(
        r -> r.targetGroupArn(g.targetGroupArn()).targets(t -> t.id("127.0.0.1").port(b.port())));
    TargetHealth draining = f.awaitHealth(g, "127.0.0.1", b.port(), state("draining"));
    assertThat(draining.reasonAsString()).isEqualTo("Target.DeregistrationInProgress");
    for (int i = 0; i < 20; i++) {
      assertThat(f.get(lb, "/").body()).isEqualTo("a");
    }
    TargetHealth after = f.awaitHealth(g, "127.0.0.1", b.port(), state("unused"));
    assertThat(after.reasonAsString()).isEqualTo("Target.NotRegistered");
    // 20 ELBv2 seconds of 100 ms each.
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1900);
  }

  @Test
  void refusingTargetGives502NoTargetsGives503AndKecsKeepsServing() throws Exception {
    LoadBalancer lb = f.alb("errors");
    TargetGroup g = f.group("eg", t -> {});
    f.listener(lb, 80, forward(g));
    HttpResponse<String> none = f.get(lb, "/");
    assertThat(none.statusCode()).isEqualTo(503);
    assertThat(none.body()).contains("503 Service Temporarily Unavailable");

    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    f.register(g, "127.0.0.1", closed);
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> bad = f.get(lb, "/");
      assertThat(bad.statusCode()).isEqualTo(502);
      assertThat(bad.body()).contains("502 Bad Gateway");
    }
    TargetHealth h = f.awaitHealth(g, "127.0.0.1", closed, state("unhealthy"));
    assertThat(h.reasonAsString()).isEqualTo("Target.FailedHealthChecks");
    assertThat(f.elb.describeLoadBalancers().loadBalancers()).hasSize(1);
    f.register(g, "127.0.0.1", a.port());
    f.awaitHealth(g, "127.0.0.1", a.port(), state("healthy"));
    for (int i = 0; i < 5; i++) {
      assertThat(f.get(lb, "/").body()).isEqualTo("a");
    }
  }

  @Test
  void otherHostsStillReachTheApi() throws Exception {
    HttpResponse<String> r =
        f.http.send(
            HttpRequest.newBuilder(
                    java.net.URI.create(
                        "http://nothing-1.us-east-1.elb.localhost:"
                            + kecs.endpoint().getPort()
                            + "/_kecs/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }
}
