package io.kecs.ecs.taskdef;

import io.kecs.ecs.error.ClientException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

/**
 * Port mappings by network mode. {@code awsvpc} and {@code host} map container ports straight onto
 * the task's (or instance's) interface, so a host port must equal its container port; ECS fills it
 * in when omitted. {@code bridge} allows any host port, 0 or none meaning dynamic. {@code none} has
 * no ports at all. A host port can be bound once per protocol in a task.
 */
final class PortMappingRules {
  static final int MAX_PORT = 65535;
  static final int MAX_RANGES_PER_CONTAINER = 100;

  private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");
  private static final Pattern NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,63}");

  private PortMappingRules() {}

  /** One host-side port interval a mapping binds, for the conflict check. */
  private record Bound(String protocol, int from, int to) {
    boolean overlaps(Bound o) {
      return protocol.equals(o.protocol) && from <= o.to && o.from <= to;
    }
  }

  /** The container's mappings checked and completed as ECS stores them. */
  static List<PortMapping> normalize(
      String container, List<PortMapping> mappings, NetworkMode mode) {
    if (mappings.isEmpty()) {
      return List.of();
    }
    if (mode == NetworkMode.NONE) {
      throw new ClientException(
          "Invalid 'portMappings' setting for container '"
              + container
              + "'. Port mappings are not supported when networkMode=none.");
    }
    List<PortMapping> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int ranges = 0;
    for (PortMapping p : mappings) {
      PortMapping.Builder b = p.toBuilder();
      if (p.protocol() == null) {
        b.protocol(TransportProtocol.TCP);
      }
      if (p.name() != null && !NAME.matcher(p.name()).matches()) {
        throw new ClientException(
            "Invalid 'portMappings.name' setting for container '"
                + container
                + "'. Up to 64 lowercase letters, numbers, underscores and hyphens are allowed,"
                + " not starting with a hyphen.");
      }
      if (p.containerPortRange() != null) {
        ranges++;
        checkRange(container, p, mode);
      } else {
        if (p.containerPort() == null || p.containerPort() < 1 || p.containerPort() > MAX_PORT) {
          throw new ClientException(
              "Invalid 'containerPort' setting for container '" + container + "'.");
        }
        b.hostPort(hostPort(container, p, mode));
      }
      PortMapping done = b.build();
      String identity =
          done.containerPort()
              + "|"
              + done.containerPortRange()
              + "|"
              + done.hostPort()
              + "|"
              + done.protocolAsString();
      if (!seen.add(identity)) {
        throw new ClientException(
            "Invalid 'portMappings' setting for container '"
                + container
                + "'. Duplicate port mapping for container port "
                + (done.containerPortRange() != null
                    ? done.containerPortRange()
                    : done.containerPort())
                + "/"
                + done.protocolAsString()
                + ".");
      }
      out.add(done);
    }
    if (ranges > MAX_RANGES_PER_CONTAINER) {
      throw new ClientException(
          "Invalid 'portMappings' setting for container '"
              + container
              + "'. You can specify up to "
              + MAX_RANGES_PER_CONTAINER
              + " port ranges per container.");
    }
    return out;
  }

  private static Integer hostPort(String container, PortMapping p, NetworkMode mode) {
    Integer host = p.hostPort();
    if (host != null && (host < 0 || host > MAX_PORT)) {
      throw new ClientException("Invalid 'hostPort' setting for container '" + container + "'.");
    }
    if (mode == NetworkMode.AWSVPC || mode == NetworkMode.HOST) {
      if (host != null && host != 0 && !host.equals(p.containerPort())) {
        throw new ClientException(
            "When networkMode="
                + mode
                + ", the host ports and container ports in port mappings must match.");
      }
      return p.containerPort();
    }
    return host;
  }

  private static void checkRange(String container, PortMapping p, NetworkMode mode) {
    String prefix = "Invalid 'containerPortRange' setting for container '" + container + "'. ";
    if (mode != NetworkMode.BRIDGE && mode != NetworkMode.AWSVPC) {
      throw new ClientException(prefix + "Port ranges require the bridge or awsvpc network mode.");
    }
    if (p.containerPort() != null || p.hostPort() != null) {
      throw new ClientException(
          prefix + "Do not specify 'containerPort' or 'hostPort' with a 'containerPortRange'.");
    }
    int[] range = parseRange(p.containerPortRange());
    if (range == null) {
      throw new ClientException(
          prefix + "Specify the range as start-end with ports from 1 to 65535, start below end.");
    }
  }

  /** {@code [start, end]} of a "start-end" range, or null if it is not a valid range. */
  static int[] parseRange(String text) {
    Matcher m = RANGE.matcher(text);
    if (!m.matches()) {
      return null;
    }
    int start = Integer.parseInt(m.group(1));
    int end = Integer.parseInt(m.group(2));
    return start >= 1 && end <= MAX_PORT && start < end ? new int[] {start, end} : null;
  }

  /**
   * Task-wide checks on normalized containers: a host port (or statically mapped range) is bound
   * once per protocol, and port mapping names are unique.
   */
  static void checkTask(List<ContainerDefinition> containers, NetworkMode mode) {
    List<Bound> bound = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ContainerDefinition c : containers) {
      for (PortMapping p : c.portMappings()) {
        if (p.name() != null && !names.add(p.name())) {
          throw new ClientException(
              "Invalid 'portMappings.name' setting for container '"
                  + c.name()
                  + "'. The name '"
                  + p.name()
                  + "' is used by more than one port mapping.");
        }
        Bound b = hostSide(p, mode);
        if (b == null) {
          continue;
        }
        for (Bound other : bound) {
          if (other.overlaps(b)) {
            throw new ClientException(
                "Invalid 'portMappings' setting for container '"
                    + c.name()
                    + "'. Host port "
                    + b.from()
                    + "/"
                    + b.protocol()
                    + " is mapped more than once in the task definition.");
          }
        }
        bound.add(b);
      }
    }
  }

  /** The host ports a mapping reserves statically; null for dynamic (bridge) mappings. */
  private static Bound hostSide(PortMapping p, NetworkMode mode) {
    String protocol = p.protocolAsString();
    if (p.containerPortRange() != null) {
      if (mode != NetworkMode.AWSVPC) {
        return null;
      }
      int[] r = parseRange(p.containerPortRange());
      return new Bound(protocol, r[0], r[1]);
    }
    if (p.hostPort() == null || p.hostPort() == 0) {
      return null;
    }
    return new Bound(protocol, p.hostPort(), p.hostPort());
  }
}
