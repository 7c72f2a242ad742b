package io.kecs.ecs.task;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What the live tasks on each container instance reserve (CPU, memory, host ports) and how many
 * there are, kept current from task changes. Derived state: rebuilt from the store at start.
 */
public final class InstanceLoad implements TaskListener {
  private final Map<String, Map<String, Task>> byInstance = new ConcurrentHashMap<>();
  private final TaskDefinitionSource definitions;
  // Definitions never change once registered: their host ports are worked out once.
  private final Map<String, TaskReservation.HostPorts> portsByDefinition =
      new ConcurrentHashMap<>();

  public InstanceLoad(TaskStore store, TaskDefinitionSource definitions) {
    this.definitions = definitions;
    store.all().forEach(t -> taskChanged(null, t));
  }

  /** The reservation of one instance's tasks. */
  public record Load(
      int runningTasks,
      int pendingTasks,
      int cpu,
      int memory,
      Set<String> tcpPorts,
      Set<String> udpPorts,
      Set<String> groups) {}

  @Override
  public void taskChanged(Task before, Task after) {
    String instance = after.containerInstanceArn();
    if (instance == null) {
      return;
    }
    if ("STOPPED".equals(after.lastStatus())) {
      Map<String, Task> tasks = byInstance.get(instance);
      if (tasks != null) {
        tasks.remove(after.taskArn());
      }
    } else {
      byInstance
          .computeIfAbsent(instance, k -> new ConcurrentHashMap<>())
          .put(after.taskArn(), after);
    }
  }

  public void clear() {
    byInstance.clear();
    // After a reset the same ARN may name a new definition.
    portsByDefinition.clear();
  }

  public Load of(String containerInstanceArn) {
    Map<String, Task> tasks = byInstance.getOrDefault(containerInstanceArn, Map.of());
    int running = 0;
    int pending = 0;
    int cpu = 0;
    int memory = 0;
    Set<String> tcp = new HashSet<>();
    Set<String> udp = new HashSet<>();
    Set<String> groups = new HashSet<>();
    for (Task t : tasks.values()) {
      if ("RUNNING".equals(t.desiredStatus())) {
        running++;
      }
      if ("PENDING".equals(t.lastStatus())) {
        pending++;
      }
      cpu += cpuOf(t);
      memory += memoryOf(t);
      if (t.group() != null) {
        groups.add(t.group());
      }
      // The specified host ports only: dynamic ones (in the task's network bindings) come from
      // the ephemeral range and are not listed as a resource.
      TaskReservation.HostPorts ports = hostPortsOf(t.taskDefinitionArn());
      tcp.addAll(ports.tcp());
      udp.addAll(ports.udp());
    }
    return new Load(running, pending, cpu, memory, tcp, udp, groups);
  }

  private TaskReservation.HostPorts hostPortsOf(String taskDefinitionArn) {
    if (taskDefinitionArn == null) {
      return TaskReservation.HostPorts.NONE;
    }
    return portsByDefinition.computeIfAbsent(
        taskDefinitionArn,
        arn ->
            definitions
                .byArn(arn)
                .map(TaskReservation::hostPortsOf)
                .orElse(TaskReservation.HostPorts.NONE));
  }

  private static int cpuOf(Task t) {
    Integer taskLevel = parse(t.cpu());
    if (taskLevel != null) {
      return taskLevel;
    }
    return t.containers().stream().mapToInt(c -> orZero(parse(c.cpu()))).sum();
  }

  private static int memoryOf(Task t) {
    Integer taskLevel = parse(t.memory());
    if (taskLevel != null) {
      return taskLevel;
    }
    int sum = 0;
    for (Container c : t.containers()) {
      Integer reservation = parse(c.memoryReservation());
      sum += reservation != null ? reservation : orZero(parse(c.memory()));
    }
    return sum;
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }

  private static Integer parse(String s) {
    try {
      return s == null ? null : Integer.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
