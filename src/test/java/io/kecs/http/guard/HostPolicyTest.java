package io.kecs.http.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12, item 2: which Host names pass, on loopback and beyond. */
class HostPolicyTest {
  private final HostPolicy loopback = new HostPolicy(true, List.of());

  @Test
  void loopbackServesLoopbackNamesAndLoadBalancerNamesOnly() {
    assertThat(loopback.allows("localhost:4566")).isTrue();
    assertThat(loopback.allows("LOCALHOST")).isTrue();
    assertThat(loopback.allows("127.0.0.1:4566")).isTrue();
    assertThat(loopback.allows("[::1]:4566")).isTrue();
    assertThat(loopback.allows("my-lb-1234.us-east-1.elb.localhost:4566")).isTrue();
    assertThat(loopback.allows("localhost.:4566")).isTrue();
    assertThat(loopback.allows(null)).isTrue();

    assertThat(loopback.allows("rebind.evil.example:4566")).isFalse();
    assertThat(loopback.allows("localhost.evil.example")).isFalse();
    assertThat(loopback.allows("evil-localhost")).isFalse();
    assertThat(loopback.allows("192.168.1.20:4566")).isFalse();
    assertThat(loopback.allows("kecs")).isFalse();
    assertThat(loopback.allows("localhost:abc")).isFalse();
    assertThat(loopback.allows("")).isFalse();
  }

  @Test
  void addedNamesAndDomainsPass() {
    HostPolicy p = new HostPolicy(true, List.of("kecs.dev.test", ".corp.example"));
    assertThat(p.allows("kecs.dev.test:4566")).isTrue();
    assertThat(p.allows("a.b.corp.example")).isTrue();
    assertThat(p.allows("corp.example")).isTrue();
    assertThat(p.allows("notcorp.example")).isFalse();
    assertThat(new HostPolicy(true, List.of("*")).allows("anything.example")).isTrue();
  }

  @Test
  void beyondLoopbackAddressesAndPrivateNamesPassButPublicNamesDoNot() {
    HostPolicy p = new HostPolicy(false, List.of());
    assertThat(p.allows("10.0.0.5:4566")).isTrue();
    assertThat(p.allows("[fd00::5]:4566")).isTrue();
    assertThat(p.allows("kecs:4566")).isTrue();
    assertThat(p.allows("host.docker.internal:4566")).isTrue();
    assertThat(p.allows("kecs.kecs-system.svc.cluster.local:4566")).isTrue();
    assertThat(p.allows("kecs.kecs-system.svc")).isTrue();
    assertThat(p.allows("rebind.evil.example:4566")).isFalse();
  }

  @Test
  void anSdkHostPrefixInFrontOfAnAllowedNamePasses() {
    HostPolicy loopback = new HostPolicy(true, List.of());
    assertThat(loopback.allows("data-127.0.0.1:4566")).isTrue();
    assertThat(loopback.allows("data-localhost:4566")).isTrue();
    assertThat(loopback.allows("data-rebind.evil.example")).isFalse();
    assertThat(loopback.allows("data-")).isFalse();
  }
}
