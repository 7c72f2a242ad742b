package io.kecs.ecs.instance;

import io.kecs.ecs.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.PlatformDevice;
import software.amazon.awssdk.services.ecs.model.PlatformDeviceType;
import software.amazon.awssdk.services.ecs.model.Resource;

/**
 * Registered and remaining resources. ECS names CPU (units) and MEMORY (MiB) as INTEGER resources
 * and PORTS / PORTS_UDP as STRINGSETs of reserved host ports; other names pass through. Whatever
 * registration leaves out is filled in: CPU and MEMORY from the instance type ({@link
 * InstanceSizing}), PORTS with the ports the ECS agent reserves by default, PORTS_UDP empty, and
 * GPU with the ids of the GPU platform devices. An INTEGER PODS resource (a Kubernetes node's pod
 * capacity) goes down by one per task on the instance. Like ECS, answers carry every numeric member
 * of a resource, zero where unused.
 */
final class InstanceResources {
  static final List<String> AGENT_RESERVED_PORTS = List.of("22", "2375", "2376", "51678", "51679");
  private static final Set<String> TYPES = Set.of("INTEGER", "DOUBLE", "LONG", "STRINGSET");

  private InstanceResources() {}

  static List<Resource> registered(
      List<Resource> total, List<PlatformDevice> devices, String instanceType) {
    Map<String, Resource> byName = new LinkedHashMap<>();
    for (Resource r : total) {
      Resource checked = checked(r);
      if (byName.put(checked.name(), checked) != null) {
        throw new InvalidParameterException(
            "totalResources lists the resource " + checked.name() + " more than once.");
      }
    }
    InstanceSizing sizing = InstanceSizing.of(instanceType);
    byName.putIfAbsent("CPU", integer("CPU", sizing.cpu()));
    byName.putIfAbsent("MEMORY", integer("MEMORY", sizing.memoryMib()));
    byName.putIfAbsent("PORTS", stringSet("PORTS", AGENT_RESERVED_PORTS));
    byName.putIfAbsent("PORTS_UDP", stringSet("PORTS_UDP", List.of()));
    List<String> gpus = gpuIds(devices);
    if (!gpus.isEmpty()) {
      byName.putIfAbsent("GPU", stringSet("GPU", gpus));
    }
    return List.copyOf(byName.values());
  }

  /** Registered minus what tasks use; reserved ports are the union of both. */
  static List<Resource> remaining(List<Resource> registered, InstanceUsage.Usage usage) {
    List<Resource> remaining = new ArrayList<>(registered.size());
    for (Resource r : registered) {
      remaining.add(
          switch (r.name()) {
            case "CPU" -> integer("CPU", Math.max(0, r.integerValue() - usage.cpu()));
            case "MEMORY" -> integer("MEMORY", Math.max(0, r.integerValue() - usage.memory()));
            case "PORTS" -> stringSet("PORTS", union(r.stringSetValue(), usage.tcpPorts()));
            case "PORTS_UDP" -> stringSet("PORTS_UDP", union(r.stringSetValue(), usage.udpPorts()));
            // A Kubernetes node's pod capacity (not an ECS resource): each task is one pod.
            case "PODS" ->
                "INTEGER".equals(r.type())
                    ? integer(
                        "PODS",
                        Math.max(0, r.integerValue() - usage.runningTasks() - usage.pendingTasks()))
                    : r;
            default -> r;
          });
    }
    return remaining;
  }

  private static Resource checked(Resource r) {
    String name = r.name();
    if (name == null || name.isBlank()) {
      throw new InvalidParameterException("Every resource in totalResources needs a name.");
    }
    String type = r.type();
    if (type == null || !TYPES.contains(type)) {
      throw new InvalidParameterException(
          "Resource " + name + " has type " + type + "; use INTEGER, DOUBLE, LONG or STRINGSET.");
    }
    if ((name.equals("CPU") || name.equals("MEMORY")) && !type.equals("INTEGER")) {
      throw new InvalidParameterException("Resource " + name + " must be of type INTEGER.");
    }
    if ((name.equals("PORTS") || name.equals("PORTS_UDP")) && !type.equals("STRINGSET")) {
      throw new InvalidParameterException("Resource " + name + " must be of type STRINGSET.");
    }
    return switch (type) {
      case "INTEGER" -> {
        Integer v = r.integerValue();
        if (v == null || v < 0) {
          throw new InvalidParameterException(
              "Resource " + name + " needs a non-negative integerValue.");
        }
        yield integer(name, v);
      }
      case "LONG" -> numbers(name, type, 0.0, required(name, r.longValue(), "longValue"), 0);
      case "DOUBLE" -> numbers(name, type, required(name, r.doubleValue(), "doubleValue"), 0L, 0);
      default -> {
        List<String> values = r.stringSetValue();
        if (name.startsWith("PORTS")) {
          values.forEach(p -> checkPort(name, p));
        }
        yield stringSet(name, values);
      }
    };
  }

  private static <T> T required(String name, T value, String member) {
    if (value == null) {
      throw new InvalidParameterException("Resource " + name + " needs a " + member + ".");
    }
    return value;
  }

  private static void checkPort(String name, String port) {
    try {
      int p = Integer.parseInt(port);
      if (p >= 0 && p <= 65535) {
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidParameterException(
        "Resource " + name + " lists '" + port + "', which is not a port number (0-65535).");
  }

  private static List<String> gpuIds(List<PlatformDevice> devices) {
    Set<String> ids = new LinkedHashSet<>();
    for (PlatformDevice d : devices) {
      if (d.id().isBlank()) {
        throw new InvalidParameterException("Every platform device needs an id.");
      }
      if (d.type() == PlatformDeviceType.GPU && !ids.add(d.id())) {
        throw new InvalidParameterException("The GPU " + d.id() + " is listed more than once.");
      }
    }
    return List.copyOf(ids);
  }

  private static List<String> union(List<String> a, Set<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    // Numeric order for port numbers: shorter strings first, then by text.
    b.stream()
        .sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
        .forEach(all::add);
    return List.copyOf(all);
  }

  static Resource integer(String name, int value) {
    return numbers(name, "INTEGER", 0.0, 0L, value);
  }

  private static Resource numbers(String name, String type, double d, long l, int i) {
    return Resource.builder()
        .name(name)
        .type(type)
        .doubleValue(d)
        .longValue(l)
        .integerValue(i)
        .build();
  }

  private static Resource stringSet(String name, List<String> values) {
    return Resource.builder()
        .name(name)
        .type("STRINGSET")
        .doubleValue(0.0)
        .longValue(0L)
        .integerValue(0)
        .stringSetValue(List.copyOf(values))
        .build();
  }
}
