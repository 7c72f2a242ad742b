package io.kecs.ecs.taskdef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.ecs.error.ClientException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

class PortMappingRulesTest {
  private static PortMapping port(Integer container, Integer host) {
    return PortMapping.builder().containerPort(container).hostPort(host).build();
  }

  private static List<PortMapping> normalize(NetworkMode mode, PortMapping... mappings) {
    return PortMappingRules.normalize("web", List.of(mappings), mode);
  }

  @Test
  void awsvpcAndHostCopyTheContainerPortAndDefaultToTcp() {
    for (NetworkMode mode : List.of(NetworkMode.AWSVPC, NetworkMode.HOST)) {
      List<PortMapping> out = normalize(mode, port(80, null), port(443, 443), port(53, 0));
      assertThat(out).extracting(PortMapping::hostPort).containsExactly(80, 443, 53);
      assertThat(out).extracting(PortMapping::protocol).containsOnly(TransportProtocol.TCP);
    }
  }

  @Test
  void awsvpcAndHostRefuseADifferentHostPort() {
    assertThatThrownBy(() -> normalize(NetworkMode.AWSVPC, port(80, 8080)))
        .isInstanceOf(ClientException.class)
        .hasMessage(
            "When networkMode=awsvpc, the host ports and container ports in port mappings must"
                + " match.");
    assertThatThrownBy(() -> normalize(NetworkMode.HOST, port(80, 8080)))
        .hasMessageContaining("networkMode=host");
  }

  @Test
  void bridgeKeepsDynamicAndStaticHostPorts() {
    List<PortMapping> out =
        normalize(NetworkMode.BRIDGE, port(80, null), port(80, 8080), port(81, 0));
    assertThat(out).extracting(PortMapping::hostPort).containsExactly(null, 8080, 0);
  }

  @Test
  void noneAllowsNoPortMappings() {
    assertThat(normalize(NetworkMode.NONE)).isEmpty();
    assertThatThrownBy(() -> normalize(NetworkMode.NONE, port(80, null)))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("networkMode=none");
  }

  @Test
  void containerPortMustBeAPort() {
    for (Integer bad : new Integer[] {null, 0, -1, 65536}) {
      assertThatThrownBy(() -> normalize(NetworkMode.BRIDGE, port(bad, null)))
          .isInstanceOf(ClientException.class)
          .hasMessage("Invalid 'containerPort' setting for container 'web'.");
    }
    assertThatThrownBy(() -> normalize(NetworkMode.BRIDGE, port(80, 70000)))
        .hasMessage("Invalid 'hostPort' setting for container 'web'.");
  }

  @Test
  void duplicateMappingsAreRefusedButOtherProtocolsAreNot() {
    assertThatThrownBy(() -> normalize(NetworkMode.AWSVPC, port(80, null), port(80, 80)))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("Duplicate port mapping for container port 80/tcp");
    PortMapping udp = port(80, null).toBuilder().protocol(TransportProtocol.UDP).build();
    assertThat(normalize(NetworkMode.AWSVPC, port(80, null), udp)).hasSize(2);
  }

  @Test
  void portRangesNeedBridgeOrAwsvpcAndAValidRange() {
    PortMapping range = PortMapping.builder().containerPortRange("8000-8010").build();
    assertThat(normalize(NetworkMode.AWSVPC, range))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.hostPort()).isNull();
              assertThat(p.protocol()).isEqualTo(TransportProtocol.TCP);
            });
    assertThat(normalize(NetworkMode.BRIDGE, range)).hasSize(1);
    assertThatThrownBy(() -> normalize(NetworkMode.HOST, range))
        .hasMessageContaining("bridge or awsvpc");
    for (String bad : List.of("9000-8000", "0-10", "1-70000", "80", "a-b")) {
      PortMapping p = PortMapping.builder().containerPortRange(bad).build();
      assertThatThrownBy(() -> normalize(NetworkMode.AWSVPC, p))
          .isInstanceOf(ClientException.class)
          .hasMessageStartingWith("Invalid 'containerPortRange' setting for container 'web'.");
    }
    PortMapping both = range.toBuilder().containerPort(8000).build();
    assertThatThrownBy(() -> normalize(NetworkMode.AWSVPC, both))
        .hasMessageContaining("Do not specify 'containerPort'");
  }

  @Test
  void aHostPortIsBoundOncePerTask() {
    ContainerDefinition a = container("a", port(80, 80));
    ContainerDefinition b = container("b", port(80, 80));
    assertThatThrownBy(() -> PortMappingRules.checkTask(List.of(a, b), NetworkMode.AWSVPC))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("Host port 80/tcp is mapped more than once");
    ContainerDefinition range =
        container("r", PortMapping.builder().containerPortRange("70-90").protocol("tcp").build());
    assertThatThrownBy(() -> PortMappingRules.checkTask(List.of(a, range), NetworkMode.AWSVPC))
        .isInstanceOf(ClientException.class);
    // Dynamic bridge mappings of the same container port do not collide.
    ContainerDefinition d1 = container("d1", port(80, 0));
    ContainerDefinition d2 = container("d2", port(80, null));
    PortMappingRules.checkTask(List.of(d1, d2), NetworkMode.BRIDGE);
    PortMappingRules.checkTask(List.of(d1, d2, range), NetworkMode.BRIDGE);
  }

  @Test
  void portMappingNamesAreUniqueAndWellFormed() {
    PortMapping named = port(80, 80).toBuilder().name("http").build();
    PortMapping other = port(81, 81).toBuilder().name("http").build();
    assertThatThrownBy(
            () ->
                PortMappingRules.checkTask(
                    List.of(container("a", named), container("b", other)), NetworkMode.AWSVPC))
        .hasMessageContaining("'http' is used by more than one port mapping");
    PortMapping bad = port(80, null).toBuilder().name("-Http").build();
    assertThatThrownBy(() -> normalize(NetworkMode.AWSVPC, bad))
        .hasMessageStartingWith("Invalid 'portMappings.name' setting");
  }

  private static ContainerDefinition container(String name, PortMapping mapping) {
    PortMapping p =
        mapping.protocol() == null ? mapping.toBuilder().protocol("tcp").build() : mapping;
    return ContainerDefinition.builder().name(name).portMappings(p).build();
  }
}
