package io.kecs.runtime.simulated;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP answers of simulated containers: every mapped port of a running simulated container
 * answers with a JSON echo of the request ({@link EchoHandler}). One loopback server answers for
 * all of them, so memory stays flat with the number of tasks: a client connects to {@link #port()}
 * and names the task address it means in the {@link #HEADER} header ({@code 10.0.0.7:80}). The load
 * balancer data plane does that for targets whose address is a simulated task's.
 */
public final class SimulatedEcho implements AutoCloseable {
  /** Names the simulated address ({@code ip:port}) a request to the echo server is for. */
  public static final String HEADER = "X-Kecs-Target";

  /** One mapped port of one running container. */
  record Endpoint(
      String taskArn,
      String container,
      String address,
      int port,
      int status,
      Instant healthyUntil) {
    int statusAt(Instant now) {
      return healthyUntil != null && now.isBefore(healthyUntil) ? 200 : status;
    }
  }

  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final EchoServer server = new EchoServer(this);

  /** The loopback port the echo answers on (started on first use). */
  public int port() {
    return server.port();
  }

  /** Whether {@code address:port} is a running simulated container's mapped port. */
  public boolean answers(String address, int port) {
    return endpoints.containsKey(address + ":" + port);
  }

  Optional<Endpoint> endpoint(String target) {
    return target == null ? Optional.empty() : Optional.ofNullable(endpoints.get(target));
  }

  void add(Endpoint e) {
    endpoints.put(e.address() + ":" + e.port(), e);
  }

  void removeTask(String taskArn) {
    endpoints.values().removeIf(e -> e.taskArn().equals(taskArn));
  }

  void clear() {
    endpoints.clear();
  }

  @Override
  public void close() {
    endpoints.clear();
    server.close();
  }
}
