package io.kecs.agent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kecs.ecs.task.TaskDirectory;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.ecs.model.Container;

/**
 * Docker stats documents ({@code /stats}, {@code /task/stats}) in the shape Docker's ContainerStats
 * API and the agent give them. Where the runtime measures its containers (Kubernetes with a metrics
 * API), memory {@code usage} is the working set and CPU is given as counters whose difference over
 * {@code precpu_stats} is the measured rate: {@code total_usage} grows by the CPU time used over
 * the metrics window and {@code system_cpu_usage} by the window times the online CPUs, so the usual
 * CPU% formula gives the measured share. Everything else, and everything where nothing is measured,
 * is zero; the limits are the container's own.
 */
final class StatsMapper {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StatsMapper() {}

  /** One running container's stats; ECS answers {@code null} for a container not running. */
  static ObjectNode container(
      TaskDirectory.Entry e, Container c, Instant now, io.kecs.runtime.ContainerUsage measured) {
    java.util.Optional<io.kecs.runtime.ContainerUsage.Usage> used =
        measured == null ? java.util.Optional.empty() : measured.of(e.task().taskArn(), c.name());
    ObjectNode n = NODES.objectNode();
    n.put("read", now.toString());
    n.put("preread", now.minus(Duration.ofSeconds(1)).toString());
    n.putObject("pids_stats").put("current", 0);
    ObjectNode blkio = n.putObject("blkio_stats");
    for (String k :
        new String[] {
          "io_service_bytes_recursive",
          "io_serviced_recursive",
          "io_queue_recursive",
          "io_service_time_recursive",
          "io_wait_time_recursive",
          "io_merged_recursive",
          "io_time_recursive",
          "sectors_recursive"
        }) {
      blkio.putArray(k);
    }
    n.put("num_procs", 0);
    n.putObject("storage_stats");
    int cpus = Runtime.getRuntime().availableProcessors();
    long window = used.map(u -> u.window().toNanos()).orElse(0L);
    long cpuTime = used.map(u -> (long) (u.cpuNanoCores() / 1e9 * window)).orElse(0L);
    cpu(n.putObject("cpu_stats"), cpuTime, window * cpus, cpus);
    cpu(n.putObject("precpu_stats"), 0, 0, cpus);
    ObjectNode memory = n.putObject("memory_stats");
    long bytes = used.map(io.kecs.runtime.ContainerUsage.Usage::memoryBytes).orElse(0L);
    memory.put("usage", bytes);
    memory.put("max_usage", bytes);
    memory.putObject("stats");
    long limitMib = parse(c.memory());
    memory.put("limit", limitMib == 0 ? 0 : limitMib * 1024 * 1024);
    n.put("name", "/" + MetadataMapper.dockerName(e.task(), e.definition(), c));
    n.put("id", MetadataMapper.dockerId(c));
    ObjectNode eth = n.putObject("networks").putObject("eth1");
    for (String k :
        new String[] {
          "rx_bytes", "rx_packets", "rx_errors", "rx_dropped",
          "tx_bytes", "tx_packets", "tx_errors", "tx_dropped"
        }) {
      eth.put(k, 0);
    }
    ObjectNode rate = n.putObject("network_rate_stats");
    rate.put("rx_bytes_per_sec", 0.0);
    rate.put("tx_bytes_per_sec", 0.0);
    return n;
  }

  /** The task's containers' stats by Docker id. */
  static ObjectNode task(
      TaskDirectory.Entry e, Instant now, io.kecs.runtime.ContainerUsage measured) {
    ObjectNode n = NODES.objectNode();
    for (Container c : e.task().containers()) {
      if ("RUNNING".equals(c.lastStatus())) {
        n.set(MetadataMapper.dockerId(c), container(e, c, now, measured));
      } else {
        n.putNull(MetadataMapper.dockerId(c));
      }
    }
    return n;
  }

  private static void cpu(ObjectNode n, long total, long system, int cpus) {
    ObjectNode usage = n.putObject("cpu_usage");
    usage.put("total_usage", total);
    usage.putArray("percpu_usage");
    usage.put("usage_in_kernelmode", 0);
    usage.put("usage_in_usermode", total);
    n.put("system_cpu_usage", system);
    n.put("online_cpus", cpus);
    ObjectNode throttling = n.putObject("throttling_data");
    throttling.put("periods", 0);
    throttling.put("throttled_periods", 0);
    throttling.put("throttled_time", 0);
  }

  private static long parse(String s) {
    try {
      return s == null ? 0 : Long.parseLong(s.trim());
    } catch (NumberFormatException ex) {
      return 0;
    }
  }
}
