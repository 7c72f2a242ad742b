package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.PortMapping;

/**
 * One ECS container definition (with its RunTask override) as a Kubernetes container. ECS {@code
 * entryPoint} is the Kubernetes {@code command} and ECS {@code command} its {@code args}.
 */
final class ContainerTranslator {
  /** IANA service names: what Kubernetes accepts as a port name. */
  private static final Pattern PORT_NAME =
      Pattern.compile("(?=.{1,15}$)(?=.*[a-z])[a-z0-9]+(-[a-z0-9]+)*");

  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private ContainerTranslator() {}

  /** Where the container sits in the pod and what else it needs from the pod translator. */
  record Placement(
      String name,
      ResourceRequirements resources,
      List<VolumeMount> mounts,
      String networkMode,
      boolean sidecar,
      boolean gatesOnHealth) {}

  static Container of(ContainerDefinition def, ContainerOverride override, Placement p) {
    ContainerBuilder b =
        new ContainerBuilder()
            .withName(p.name())
            .withImage(def.image())
            .withCommand(def.entryPoint())
            .withArgs(
                override != null && !override.command().isEmpty()
                    ? override.command()
                    : def.command())
            .withEnv(environment(def, override))
            .withPorts(ports(def, p.networkMode()))
            .withWorkingDir(def.workingDirectory())
            .withVolumeMounts(p.mounts())
            .withSecurityContext(securityContext(def));
    if (!p.resources().getRequests().isEmpty() || !p.resources().getLimits().isEmpty()) {
      b.withResources(p.resources());
    }
    if (def.healthCheck() != null) {
      b.withReadinessProbe(ProbeTranslator.of(def.healthCheck()));
      if (p.gatesOnHealth()) {
        b.withStartupProbe(ProbeTranslator.of(def.healthCheck()));
      }
    }
    if (p.sidecar()) {
      b.withRestartPolicy("Always");
    }
    if (Boolean.TRUE.equals(def.interactive())) {
      b.withStdin(true);
    }
    if (Boolean.TRUE.equals(def.pseudoTerminal())) {
      b.withTty(true);
    }
    return b.build();
  }

  /** The definition's variables, then the override's (which win by name). */
  static List<EnvVar> environment(ContainerDefinition def, ContainerOverride override) {
    Map<String, String> env = new LinkedHashMap<>();
    def.environment().forEach(kv -> env.put(kv.name(), kv.value()));
    if (override != null) {
      for (KeyValuePair kv : override.environment()) {
        env.put(kv.name(), kv.value());
      }
    }
    List<EnvVar> out = new ArrayList<>();
    env.forEach((k, v) -> out.add(new EnvVar(k, v == null ? "" : v, null)));
    return out;
  }

  private static List<ContainerPort> ports(ContainerDefinition def, String networkMode) {
    List<ContainerPort> out = new ArrayList<>();
    for (PortMapping m : def.portMappings()) {
      if (m.containerPort() == null) {
        continue; // port ranges have no Kubernetes form
      }
      ContainerPortBuilder b =
          new ContainerPortBuilder()
              .withContainerPort(m.containerPort())
              .withProtocol(
                  m.protocol() == null ? "TCP" : m.protocolAsString().toUpperCase(Locale.ROOT));
      if ("host".equals(networkMode)) {
        b.withHostPort(m.containerPort());
      } else if ("bridge".equals(networkMode) && m.hostPort() != null && m.hostPort() > 0) {
        b.withHostPort(m.hostPort());
      }
      if (m.name() != null && PORT_NAME.matcher(m.name()).matches()) {
        b.withName(m.name());
      }
      out.add(b.build());
    }
    return out;
  }

  private static SecurityContext securityContext(ContainerDefinition def) {
    SecurityContextBuilder b = new SecurityContextBuilder();
    boolean any = false;
    if (Boolean.TRUE.equals(def.privileged())) {
      b.withPrivileged(true);
      any = true;
    }
    if (Boolean.TRUE.equals(def.readonlyRootFilesystem())) {
      b.withReadOnlyRootFilesystem(true);
      any = true;
    }
    var caps = def.linuxParameters() == null ? null : def.linuxParameters().capabilities();
    if (caps != null && (!caps.add().isEmpty() || !caps.drop().isEmpty())) {
      b.withNewCapabilities().withAdd(caps.add()).withDrop(caps.drop()).endCapabilities();
      any = true;
    }
    if (def.user() != null) {
      // Kubernetes only takes numeric ids; user and group names stay with the image.
      String[] parts = def.user().split(":", 2);
      if (NUMBER.matcher(parts[0]).matches()) {
        b.withRunAsUser(Long.valueOf(parts[0]));
        any = true;
      }
      if (parts.length == 2 && NUMBER.matcher(parts[1]).matches()) {
        b.withRunAsGroup(Long.valueOf(parts[1]));
        any = true;
      }
    }
    return any ? b.build() : null;
  }
}
