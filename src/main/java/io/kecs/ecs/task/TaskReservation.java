package io.kecs.ecs.task;

import java.util.HashSet;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

/**
 * What one task of a definition reserves on a container instance. Shared by task placement and by
 * the daemon schedulers, which pick the instance themselves but must still check that it has room.
 */
public final class TaskReservation {
  private TaskReservation() {}

  /** The CPU units a task reserves: task level if set, else the sum of its containers. */
  public static int cpuOf(TaskDefinition def) {
    Integer taskCpu = parse(def.cpu());
    if (taskCpu != null) {
      return taskCpu;
    }
    return def.containerDefinitions().stream().mapToInt(c -> c.cpu() == null ? 0 : c.cpu()).sum();
  }

  /** The MiB a task reserves: task level if set, else each container's memory or reservation. */
  public static int memoryOf(TaskDefinition def) {
    Integer taskMemory = parse(def.memory());
    if (taskMemory != null) {
      return taskMemory;
    }
    int sum = 0;
    for (ContainerDefinition c : def.containerDefinitions()) {
      sum +=
          c.memoryReservation() != null
              ? c.memoryReservation()
              : c.memory() != null ? c.memory() : 0;
    }
    return sum;
  }

  /**
   * Why a task of {@code def} does not fit on an instance with what it has left, in ECS's failure
   * words ({@code RESOURCE:MEMORY}, {@code RESOURCE:CPU}), or null when it fits.
   */
  public static String shortfall(TaskDefinition def, InstanceCatalog.Candidate instance) {
    if (instance.remainingMemory() < memoryOf(def)) {
      return "RESOURCE:MEMORY";
    }
    if (instance.remainingCpu() < cpuOf(def)) {
      return "RESOURCE:CPU";
    }
    return hostPortsOf(def).clash(new HostPorts(instance.tcpPorts(), instance.udpPorts()));
  }

  /** Host ports (as the PORTS / PORTS_UDP string sets hold them) held on a container instance. */
  public record HostPorts(Set<String> tcp, Set<String> udp) {
    public static final HostPorts NONE = new HostPorts(Set.of(), Set.of());

    /** Why these ports cannot be taken where {@code used} are ({@code RESOURCE:PORTS}), or null. */
    public String clash(HostPorts used) {
      if (tcp.stream().anyMatch(used.tcp()::contains)) {
        return "RESOURCE:PORTS";
      }
      if (udp.stream().anyMatch(used.udp()::contains)) {
        return "RESOURCE:PORTS_UDP";
      }
      return null;
    }

    public HostPorts plus(HostPorts more) {
      Set<String> t = new HashSet<>(tcp);
      t.addAll(more.tcp());
      Set<String> u = new HashSet<>(udp);
      u.addAll(more.udp());
      return new HostPorts(t, u);
    }
  }

  /**
   * The host ports a task of {@code def} holds on its instance: in {@code bridge} mode each
   * specified {@code hostPort} (0 or none is a dynamic port from the ephemeral range, which ECS
   * does not count as a resource), in {@code host} mode each container port. {@code awsvpc} tasks
   * have their own network interface and hold none of the instance's ports.
   */
  public static HostPorts hostPortsOf(TaskDefinition def) {
    NetworkMode mode = def.networkMode() == null ? NetworkMode.BRIDGE : def.networkMode();
    if (mode != NetworkMode.BRIDGE && mode != NetworkMode.HOST) {
      return HostPorts.NONE;
    }
    Set<String> tcp = new HashSet<>();
    Set<String> udp = new HashSet<>();
    for (ContainerDefinition c : def.containerDefinitions()) {
      for (PortMapping p : c.portMappings()) {
        Integer host =
            mode == NetworkMode.HOST && (p.hostPort() == null || p.hostPort() == 0)
                ? p.containerPort()
                : p.hostPort();
        if (host != null && host > 0) {
          (p.protocol() == TransportProtocol.UDP ? udp : tcp).add(host.toString());
        }
      }
    }
    return tcp.isEmpty() && udp.isEmpty() ? HostPorts.NONE : new HostPorts(tcp, udp);
  }

  private static Integer parse(String s) {
    try {
      return s == null ? null : Integer.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
