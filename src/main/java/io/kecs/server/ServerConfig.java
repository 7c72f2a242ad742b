package io.kecs.server;

import java.nio.file.Path;

/**
 * Everything the control plane needs to start.
 *
 * @param dataDir where the store lives; ignored when {@code ephemeral}
 * @param adminPort the admin listener's port; -1 turns it off, 0 picks a free one
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
    int maxBodyBytes) {

  public static final int DEFAULT_PORT = 4566;
  public static final int DEFAULT_ADMIN_PORT = 8081;
  public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

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
        DEFAULT_MAX_BODY_BYTES);
  }

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
        maxBodyBytes);
  }
}
