package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ResourceType;

/**
 * ECS CPU units and MiB as container requests and limits.
 *
 * <ul>
 *   <li>Container {@code cpu} (a share on ECS, 1024 units = 1 vCPU) is the container's CPU request.
 *       Task {@code cpu} is a hard cap for the whole task; Kubernetes has no pod-level limit, so
 *       every container gets it as its CPU limit (one container may use all of it, as on ECS), and
 *       containers without their own {@code cpu} share what the others leave as requests.
 *   <li>Container {@code memory} is the hard limit, {@code memoryReservation} the request (the
 *       limit when there is none). Task {@code memory} is the limit of containers without their own
 *       and is shared out as their requests, like CPU.
 *   <li>GPUs become {@code nvidia.com/gpu} limits; the task's ephemeral storage an {@code
 *       ephemeral-storage} limit on the first essential container.
 * </ul>
 */
final class ResourceTranslator {
  static final String GPU = "nvidia.com/gpu";

  private ResourceTranslator() {}

  /** One container's sizes after overrides; null where not set. */
  record Sizes(
      String name,
      Integer cpu,
      Integer memory,
      Integer memoryReservation,
      List<software.amazon.awssdk.services.ecs.model.ResourceRequirement> requirements) {}

  /** Requirements per container name, in the order given. */
  static Map<String, ResourceRequirements> of(
      List<Sizes> containers,
      String taskCpu,
      String taskMemory,
      Integer ephemeralGiB,
      String firstEssential) {
    Integer cpuCap = cpuUnits(taskCpu);
    Integer memCap = mebibytes(taskMemory);
    int cpuClaimed = 0;
    int memClaimed = 0;
    int cpuless = 0;
    int memless = 0;
    for (Sizes s : containers) {
      if (s.cpu() != null && s.cpu() > 0) {
        cpuClaimed += s.cpu();
      } else {
        cpuless++;
      }
      Integer reserved = s.memoryReservation() != null ? s.memoryReservation() : s.memory();
      if (reserved != null) {
        memClaimed += reserved;
      } else {
        memless++;
      }
    }
    Integer cpuShare = share(cpuCap, cpuClaimed, cpuless);
    Integer memShare = share(memCap, memClaimed, memless);
    Map<String, ResourceRequirements> out = new LinkedHashMap<>();
    for (Sizes s : containers) {
      Map<String, Quantity> requests = new LinkedHashMap<>();
      Map<String, Quantity> limits = new LinkedHashMap<>();
      Integer cpu = s.cpu() != null && s.cpu() > 0 ? s.cpu() : cpuShare;
      if (cpu != null) {
        requests.put("cpu", millicores(cpuCap == null ? cpu : Math.min(cpu, cpuCap)));
      }
      if (cpuCap != null) {
        limits.put("cpu", millicores(cpuCap));
      }
      Integer limit = s.memory() != null ? s.memory() : memCap;
      Integer request =
          s.memoryReservation() != null
              ? s.memoryReservation()
              : s.memory() != null ? s.memory() : memShare;
      if (request != null) {
        requests.put("memory", mib(limit == null ? request : Math.min(request, limit)));
      }
      if (limit != null) {
        limits.put("memory", mib(limit));
      }
      for (var r : s.requirements()) {
        if (r.type() == ResourceType.GPU) {
          limits.put(GPU, new Quantity(r.value()));
        }
      }
      if (ephemeralGiB != null && s.name().equals(firstEssential)) {
        limits.put("ephemeral-storage", new Quantity(ephemeralGiB + "Gi"));
      }
      out.put(
          s.name(),
          new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build());
    }
    return out;
  }

  private static Integer share(Integer cap, int claimed, int takers) {
    if (cap == null || takers == 0 || cap - claimed <= 0) {
      return null;
    }
    return (cap - claimed) / takers;
  }

  static Quantity millicores(int units) {
    int milli =
        BigDecimal.valueOf(units * 1000L)
            .divide(BigDecimal.valueOf(1024), 0, RoundingMode.CEILING)
            .intValueExact();
    return new Quantity(Math.max(1, milli) + "m");
  }

  static Quantity mib(int mebibytes) {
    return new Quantity(mebibytes + "Mi");
  }

  /** Task CPU as ECS accepts it: "256", "1 vCPU", "0.25 vcpu". */
  static Integer cpuUnits(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("vcpu")) {
      return new BigDecimal(t.substring(0, t.length() - 4).trim())
          .multiply(BigDecimal.valueOf(1024))
          .intValue();
    }
    return Integer.valueOf(t);
  }

  /** Task memory as ECS accepts it: "512" (MiB), "1 GB", "2gb". */
  static Integer mebibytes(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("gb")) {
      return new BigDecimal(t.substring(0, t.length() - 2).trim())
          .multiply(BigDecimal.valueOf(1024))
          .intValue();
    }
    if (t.endsWith("mb")) {
      t = t.substring(0, t.length() - 2).trim();
    }
    return Integer.valueOf(t);
  }
}
