package io.kecs.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the control plane needs to start.
 *
 * @param dataDir where the store lives; ignored when {@code ephemeral}
 * @param adminPort the admin listener's port; -1 turns it off, 0 picks a free one
 * @param simulatedStep how long each phase of a simulated task takes
 * @param stoppedTaskRetention how long STOPPED tasks stay describable
 * @param runtime what runs tasks: simulated or a Kubernetes cluster
 */
public record ServerConfig(
    String bindAddress,
    int port,
    String adminBindAddress,
    int adminPort,
    Path dataDir,
    boolean ephemeral,
    String region,
    String account,
    boolean resetEndpoint,
    int maxBodyBytes,
    Duration simulatedStep,
    Duration stoppedTaskRetention,
    RuntimeChoice runtime) {

  public static final int DEFAULT_PORT = 4566;
  public static final int DEFAULT_ADMIN_PORT = 8081;
  public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
  public static final Duration DEFAULT_SIMULATED_STEP = Duration.ofMillis(100);
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);

  /** Loopback, ephemeral, free ports: what in-process tests start. */
  public static ServerConfig forTests() {
    return new ServerConfig(
        "127.0.0.1",
        0,
        "127.0.0.1",
        0,
        null,
        true,
        "us-east-1",
        "000000000000",
        true,
        DEFAULT_MAX_BODY_BYTES,
        Duration.ofMillis(20),
        DEFAULT_RETENTION,
        RuntimeChoice.SIMULATED);
  }

  /** The same settings with a durable store in {@code dir}. */
  public ServerConfig withDataDir(Path dir) {
    return new ServerConfig(
        bindAddress,
        port,
        adminBindAddress,
        adminPort,
        dir,
        false,
        region,
        account,
        resetEndpoint,
        maxBodyBytes,
        simulatedStep,
        stoppedTaskRetention,
        runtime);
  }

  /** The same settings with another runtime. */
  public ServerConfig withRuntime(RuntimeChoice choice) {
    return new ServerConfig(
        bindAddress,
        port,
        adminBindAddress,
        adminPort,
        dataDir,
        ephemeral,
        region,
        account,
        resetEndpoint,
        maxBodyBytes,
        simulatedStep,
        stoppedTaskRetention,
        choice);
  }
}
