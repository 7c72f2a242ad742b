package io.kecs.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** Redirect locations, weighted and sticky group choice, matchers and the health state machine. */
class DataPlaneUnitsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "||||||http://web.elb.localhost:8080/a/b?x=1",
        "HTTPS||443|||HTTP_301|https://web.elb.localhost:443/a/b?x=1",
        "|example.com||/new/#{path}|y=2&#{query}||http://example.com:8080/new/a/b?y=2&x=1",
        "#{protocol}|#{host}|#{port}|/#{path}|#{query}||http://web.elb.localhost:8080/a/b?x=1",
      })
  void redirectsFillPlaceholders(
      String protocol,
      String host,
      String port,
      String path,
      String query,
      String code,
      String location) {
    RedirectActionConfig c =
        RedirectActionConfig.builder()
            .protocol(protocol)
            .host(host)
            .port(port)
            .path(path)
            .query(query)
            .statusCode(code == null ? "HTTP_302" : code)
            .build();
    assertThat(Redirects.location(c, "HTTP", "web.elb.localhost", 8080, "/a/b", "x=1"))
        .isEqualTo(location);
    assertThat(Redirects.status(c)).isEqualTo(code == null ? 302 : 301);
  }

  private static Action forward(boolean sticky, int... weights) {
    TargetGroupTuple[] groups = new TargetGroupTuple[weights.length];
    for (int i = 0; i < weights.length; i++) {
      groups[i] = TargetGroupTuple.builder().targetGroupArn("tg" + i).weight(weights[i]).build();
    }
    return Action.builder()
        .type("forward")
        .forwardConfig(
            f ->
                f.targetGroups(groups)
                    .targetGroupStickinessConfig(s -> s.enabled(sticky).durationSeconds(60)))
        .build();
  }

  @Test
  void weightsSplitTheRangeAndZeroGetsNothing() {
    Action a = forward(false, 1, 0, 3);
    assertThat(ForwardChooser.choose(a, null, n -> 0).targetGroupArn()).isEqualTo("tg0");
    assertThat(ForwardChooser.choose(a, null, n -> 1).targetGroupArn()).isEqualTo("tg2");
    assertThat(ForwardChooser.choose(a, null, n -> 3).targetGroupArn()).isEqualTo("tg2");
    assertThat(ForwardChooser.choose(a, null, n -> 0).stickySeconds()).isNull();
  }

  @Test
  void stickinessKeepsTheCookiesGroupWhileItHasWeight() {
    Action a = forward(true, 1, 1);
    String cookie = ForwardChooser.encode("tg1");
    assertThat(ForwardChooser.choose(a, cookie, n -> 0))
        .isEqualTo(new ForwardChooser.Choice("tg1", 60));
    Action drained = forward(true, 1, 0);
    assertThat(ForwardChooser.choose(drained, cookie, n -> 0).targetGroupArn()).isEqualTo("tg0");
  }

  @ParameterizedTest
  @CsvSource({
    "200,200,true",
    ",200,true",
    ",204,false",
    "200-299,204,true",
    "200;302,302,false",
    "'200,302',302,true"
  })
  void httpCodeMatcher(String spec, int status, boolean matches) {
    assertThat(HttpCodeMatcher.matches(spec, status)).isEqualTo(matches);
  }

  @Test
  void healthMovesByThresholds() {
    Instant t = Instant.EPOCH;
    LiveHealth h = LiveHealth.registered(t);
    assertThat(h.health().reasonAsString()).isEqualTo("Elb.RegistrationInProgress");
    h = h.after(ProbeResult.PASSED, 2, 2, t);
    assertThat(h.state()).isEqualTo("initial");
    assertThat(h.health().reasonAsString()).isEqualTo("Elb.InitialHealthChecking");
    h = h.after(ProbeResult.PASSED, 2, 2, t);
    assertThat(h.state()).isEqualTo("healthy");
    h = h.after(ProbeResult.codeMismatch(503), 2, 2, t);
    assertThat(h.state()).isEqualTo("healthy");
    h = h.after(ProbeResult.codeMismatch(503), 2, 2, t);
    assertThat(h.state()).isEqualTo("unhealthy");
    assertThat(h.health().reasonAsString()).isEqualTo("Target.ResponseCodeMismatch");
    assertThat(h.health().description()).contains("[503]");
    h = h.after(ProbeResult.timeout(), 2, 2, t);
    assertThat(h.health().reasonAsString()).isEqualTo("Target.Timeout");
    h = h.after(ProbeResult.PASSED, 2, 2, t);
    assertThat(h.state()).isEqualTo("unhealthy");
    h = h.after(ProbeResult.PASSED, 2, 2, t);
    assertThat(h.state()).isEqualTo("healthy");
    assertThat(h.health().reason()).isNull();
  }

  @Test
  void listenerByHostPortElseLowestServed() {
    Listener l80 = Listener.builder().listenerArn("a").port(80).protocol("HTTP").build();
    Listener l8080 = Listener.builder().listenerArn("b").port(8080).protocol("HTTP").build();
    Listener tls = Listener.builder().listenerArn("c").port(443).protocol("HTTPS").build();
    List<Listener> all = List.of(l8080, tls, l80);
    assertThat(ListenerChooser.choose(all, 8080)).contains(l8080);
    assertThat(ListenerChooser.choose(all, 4566)).contains(l80);
    assertThat(ListenerChooser.choose(all, null)).contains(l80);
    assertThat(ListenerChooser.choose(List.of(tls), 443)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "web-1.us-east-1.elb.localhost:4566,web-1.us-east-1.elb.localhost,4566",
    "WEB.elb.localhost,web.elb.localhost,"
  })
  void hostHeaders(String header, String name, Integer port) {
    assertThat(HostHeader.parse(header)).isEqualTo(new HostHeader(name, port));
  }
}
