package io.kecs.http.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.http.guard.OriginPolicy.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12, item 1: which browser requests pass, get CORS answers, or are refused. */
class OriginPolicyTest {
  private static final String HOST = "localhost:4566";
  private final OriginPolicy none = new OriginPolicy(List.of());
  private final OriginPolicy tool = new OriginPolicy(List.of("http://localhost:3000"));

  private static Verdict verdict(
      OriginPolicy p, String method, String path, String origin, String site) {
    return p.decide(method, path, HOST, origin, site, null).verdict();
  }

  @Test
  void crossSiteStateChangesAndAwsCallsAreRefused() {
    assertThat(verdict(none, "POST", "/_kecs/reset", "http://evil.example", "cross-site"))
        .isEqualTo(Verdict.REFUSE);
    assertThat(verdict(none, "POST", "/_kecs/reset", "http://evil.example", null))
        .isEqualTo(Verdict.REFUSE);
    assertThat(verdict(none, "POST", "/_kecs/reset", null, "cross-site")).isEqualTo(Verdict.REFUSE);
    assertThat(verdict(none, "POST", "/_kecs/reset", "null", null)).isEqualTo(Verdict.REFUSE);
    assertThat(verdict(none, "POST", "/", "http://localhost:3000", "same-site"))
        .isEqualTo(Verdict.REFUSE);
    assertThat(verdict(none, "GET", "/", "http://evil.example", "cross-site"))
        .isEqualTo(Verdict.REFUSE);
    assertThat(verdict(none, "POST", "/", "http://localhost:4567", null)).isEqualTo(Verdict.REFUSE);
  }

  @Test
  void sameOriginNonBrowserAndReadOnlyKecsPagesPass() {
    assertThat(verdict(none, "POST", "/_kecs/reset", "http://localhost:4566", "same-origin"))
        .isEqualTo(Verdict.PASS);
    assertThat(verdict(none, "POST", "/", "http://localhost:4566", null)).isEqualTo(Verdict.PASS);
    assertThat(verdict(none, "POST", "/_kecs/reset", null, null)).isEqualTo(Verdict.PASS);
    assertThat(verdict(none, "GET", "/_kecs/ui/index.html", "http://evil.example", "cross-site"))
        .isEqualTo(Verdict.PASS);
    assertThat(verdict(none, "GET", "/_kecs/status", null, "none")).isEqualTo(Verdict.PASS);
  }

  @Test
  void allowedOriginsGetCorsAndPreflights() {
    assertThat(verdict(tool, "POST", "/", "http://localhost:3000", "same-site"))
        .isEqualTo(Verdict.PASS_WITH_CORS);
    assertThat(
            tool.decide("OPTIONS", "/", HOST, "http://localhost:3000", "same-site", "POST")
                .verdict())
        .isEqualTo(Verdict.PREFLIGHT);
    assertThat(
            tool.decide("OPTIONS", "/", HOST, "http://evil.example", "cross-site", "POST")
                .verdict())
        .isEqualTo(Verdict.REFUSE);
    assertThat(verdict(tool, "POST", "/", "http://evil.example", "cross-site"))
        .isEqualTo(Verdict.REFUSE);
    assertThat(verdict(new OriginPolicy(List.of("*")), "POST", "/", "http://evil.example", null))
        .isEqualTo(Verdict.PASS_WITH_CORS);
  }

  @Test
  void sameOriginComparesHostAndPort() {
    assertThat(OriginPolicy.sameOrigin("http://localhost:4566", "localhost:4566")).isTrue();
    assertThat(OriginPolicy.sameOrigin("http://kecs.test", "kecs.test")).isTrue();
    assertThat(OriginPolicy.sameOrigin("http://[::1]:4566", "[::1]:4566")).isTrue();
    assertThat(OriginPolicy.sameOrigin("http://localhost:4566", "localhost:4567")).isFalse();
    assertThat(OriginPolicy.sameOrigin("http://evil.example:4566", "localhost:4566")).isFalse();
    assertThat(OriginPolicy.sameOrigin("null", "localhost:4566")).isFalse();
  }
}
