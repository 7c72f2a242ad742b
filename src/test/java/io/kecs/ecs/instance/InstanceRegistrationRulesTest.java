package io.kecs.ecs.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.ecs.error.AttributeLimitExceededException;
import io.kecs.ecs.error.InvalidParameterException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.PlatformDevice;
import software.amazon.awssdk.services.ecs.model.PlatformDeviceType;
import software.amazon.awssdk.services.ecs.model.Resource;

/** Defaults and checks applied at registration: sizing, resources and attributes. */
class InstanceRegistrationRulesTest {
  private static final IdentityDocument DOC =
      new IdentityDocument("i-1", "m6g.2xlarge", "us-east-1b", "us-east-1", "ami-1", null);

  @Test
  void sizingFollowsTheInstanceType() {
    assertThat(InstanceSizing.of("t2.micro")).isEqualTo(new InstanceSizing(1024, 1024));
    assertThat(InstanceSizing.of("t3.micro")).isEqualTo(new InstanceSizing(2048, 1024));
    assertThat(InstanceSizing.of("t3.large")).isEqualTo(new InstanceSizing(2048, 8192));
    assertThat(InstanceSizing.of("m5.large")).isEqualTo(new InstanceSizing(2048, 8192));
    assertThat(InstanceSizing.of("c5.4xlarge")).isEqualTo(new InstanceSizing(16384, 32768));
    assertThat(InstanceSizing.of("r6i.xlarge")).isEqualTo(new InstanceSizing(4096, 32768));
    assertThat(InstanceSizing.of("m5.metal")).isEqualTo(InstanceSizing.FALLBACK);
    assertThat(InstanceSizing.of("m5.small")).isEqualTo(InstanceSizing.FALLBACK);
    assertThat(InstanceSizing.of(null)).isEqualTo(InstanceSizing.FALLBACK);
    assertThat(InstanceSizing.of("m5.99999999999xlarge")).isEqualTo(InstanceSizing.FALLBACK);
    assertThat(InstanceSizing.architectureOf("m6g.large")).isEqualTo("arm64");
    assertThat(InstanceSizing.architectureOf("t4g.micro")).isEqualTo("arm64");
    assertThat(InstanceSizing.architectureOf("a1.medium")).isEqualTo("arm64");
    assertThat(InstanceSizing.architectureOf("g4dn.xlarge")).isEqualTo("x86_64");
  }

  @Test
  void missingResourcesAreFilledIn() {
    List<Resource> resources =
        InstanceResources.registered(
            List.of(InstanceResources.integer("MEMORY", 3768)),
            List.of(
                PlatformDevice.builder().id("GPU-1").type(PlatformDeviceType.GPU).build(),
                PlatformDevice.builder().id("0").type(PlatformDeviceType.NEURON_DEVICE).build()),
            "m5.large");
    Map<String, Resource> byName =
        resources.stream().collect(Collectors.toMap(Resource::name, r -> r));
    assertThat(byName.get("CPU").integerValue()).isEqualTo(2048);
    assertThat(byName.get("MEMORY").integerValue()).isEqualTo(3768);
    assertThat(byName.get("PORTS").stringSetValue())
        .containsExactly("22", "2375", "2376", "51678", "51679");
    assertThat(byName.get("PORTS_UDP").stringSetValue()).isEmpty();
    assertThat(byName.get("GPU").stringSetValue()).containsExactly("GPU-1");
    assertThat(byName.get("CPU").doubleValue()).isEqualTo(0.0);
    assertThat(byName.get("CPU").longValue()).isZero();
  }

  @Test
  void remainingSubtractsWhatTasksUse() {
    List<Resource> registered = InstanceResources.registered(List.of(), List.of(), "m5.large");
    List<Resource> remaining =
        InstanceResources.remaining(
            registered,
            new InstanceUsage.Usage(
                2, 0, 512, 1024, Set.of("8080", "443"), Set.of("53"), Set.of()));
    Map<String, Resource> byName =
        remaining.stream().collect(Collectors.toMap(Resource::name, r -> r));
    assertThat(byName.get("CPU").integerValue()).isEqualTo(1536);
    assertThat(byName.get("MEMORY").integerValue()).isEqualTo(7168);
    assertThat(byName.get("PORTS").stringSetValue())
        .containsExactly("22", "2375", "2376", "51678", "51679", "443", "8080");
    assertThat(byName.get("PORTS_UDP").stringSetValue()).containsExactly("53");
  }

  @Test
  void badResourcesAreInvalidParameters() {
    Resource cpuAsSet =
        Resource.builder().name("CPU").type("STRINGSET").stringSetValue("1").build();
    Resource badPort =
        Resource.builder().name("PORTS").type("STRINGSET").stringSetValue("70000").build();
    Resource noType = Resource.builder().name("CPU").integerValue(1).build();
    Resource negative = Resource.builder().name("MEMORY").type("INTEGER").integerValue(-1).build();
    for (Resource r : List.of(cpuAsSet, badPort, noType, negative)) {
      assertThatThrownBy(() -> InstanceResources.registered(List.of(r), List.of(), null))
          .isInstanceOf(InvalidParameterException.class);
    }
    Resource cpu = InstanceResources.integer("CPU", 1);
    assertThatThrownBy(() -> InstanceResources.registered(List.of(cpu, cpu), List.of(), null))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void ecsAddsAttributesFromTheDocumentAndCapabilitiesWhenTheAgentSentNone() {
    Map<String, String> attrs =
        values(InstanceAttributes.registered(DOC, List.of(attr("stack", "prod")), List.of()));
    assertThat(attrs)
        .containsEntry("ecs.instance-type", "m6g.2xlarge")
        .containsEntry("ecs.availability-zone", "us-east-1b")
        .containsEntry("ecs.ami-id", "ami-1")
        .containsEntry("ecs.os-type", "linux")
        .containsEntry("ecs.os-family", "LINUX")
        .containsEntry("ecs.cpu-architecture", "arm64")
        .containsEntry("stack", "prod")
        .containsKey("com.amazonaws.ecs.capability.docker-remote-api.1.17")
        .containsKey("ecs.capability.task-eni");
  }

  @Test
  void anAgentsOwnCapabilitiesAndOsAreKept() {
    List<Attribute> sent =
        List.of(
            attr("com.amazonaws.ecs.capability.docker-remote-api.1.20", null),
            attr("ecs.os-type", "windows"),
            attr("ecs.instance-type", "spoofed"));
    Map<String, String> attrs = values(InstanceAttributes.registered(DOC, sent, List.of()));
    assertThat(attrs)
        .containsEntry("ecs.os-type", "windows")
        .containsEntry("ecs.instance-type", "m6g.2xlarge")
        .doesNotContainKey("com.amazonaws.ecs.capability.docker-remote-api.1.17");
  }

  @Test
  void reRegistrationKeepsCustomAttributesOnly() {
    List<Attribute> previous =
        List.of(attr("team", "a"), attr("ecs.capability.old", null), attr("stack", "old"));
    Map<String, String> attrs =
        values(InstanceAttributes.registered(DOC, List.of(attr("stack", "new")), previous));
    assertThat(attrs).containsEntry("team", "a").containsEntry("stack", "new");
    assertThat(attrs).doesNotContainKey("ecs.capability.old");
  }

  @Test
  void registrationAttributesFollowTheAttributeRules() {
    assertThatThrownBy(
            () -> InstanceAttributes.registered(DOC, List.of(attr("bad name", "x")), List.of()))
        .isInstanceOf(InvalidParameterException.class);
    List<Attribute> eleven =
        IntStream.range(0, 11).mapToObj(i -> attr("custom-" + i, "v")).toList();
    assertThatThrownBy(() -> InstanceAttributes.registered(DOC, eleven, List.of()))
        .isInstanceOf(AttributeLimitExceededException.class);
  }

  private static Attribute attr(String name, String value) {
    return Attribute.builder().name(name).value(value).build();
  }

  private static Map<String, String> values(List<Attribute> attributes) {
    java.util.HashMap<String, String> map = new java.util.HashMap<>();
    attributes.forEach(a -> map.put(a.name(), a.value()));
    return map;
  }
}
