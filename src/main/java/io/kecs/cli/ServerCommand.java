package io.kecs.cli;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kecs server}: the control plane in the foreground. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Run the KECS control plane in the foreground.")
final class ServerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

  @Option(
      names = "--port",
      defaultValue = "${env:KECS_PORT:-4566}",
      description = "API port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "${env:KECS_BIND:-127.0.0.1}",
      description =
          "API bind address (default: ${DEFAULT-VALUE}). Binding beyond loopback exposes an unauthenticated API.")
  String bind;

  @Option(
      names = "--admin-port",
      defaultValue = "${env:KECS_ADMIN_PORT:-8081}",
      description =
          "Admin port for /health, /ready, /metrics; -1 turns it off (default: ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(
      names = "--admin-bind",
      defaultValue = "${env:KECS_ADMIN_BIND:-127.0.0.1}",
      description = "Admin bind address (default: ${DEFAULT-VALUE}).")
  String adminBind;

  @Option(
      names = "--data-dir",
      defaultValue = "${env:KECS_DATA_DIR:-${sys:user.home}/.kecs/data}",
      description = "Where the store lives (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--ephemeral",
      defaultValue = "${env:KECS_EPHEMERAL:-false}",
      description = "Keep state in memory only; nothing survives a restart.")
  boolean ephemeral;

  @Option(
      names = "--region",
      defaultValue = "${env:KECS_REGION:-us-east-1}",
      description = "Region for requests that carry none (default: ${DEFAULT-VALUE}).")
  String region;

  @Option(
      names = "--account",
      defaultValue = "${env:KECS_ACCOUNT:-000000000000}",
      description =
          "Account id for requests whose access key is not a 12-digit id (default: ${DEFAULT-VALUE}).")
  String account;

  @Option(names = "--no-reset-endpoint", description = "Turn off POST /_kecs/reset.")
  boolean noReset;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "10485760",
      description = "Largest request body accepted (default: ${DEFAULT-VALUE}).")
  int maxBodyBytes;

  @Option(
      names = "--simulated-step",
      defaultValue = "${env:KECS_SIMULATED_STEP:-PT0.1S}",
      description = "Simulated runtime: time per task phase, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration simulatedStep;

  @Option(
      names = "--task-retention",
      defaultValue = "${env:KECS_TASK_RETENTION:-PT1H}",
      description =
          "How long STOPPED tasks stay describable, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration taskRetention;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    if (!InetAddress.getByName(bind).isLoopbackAddress()) {
      LOG.warn(
          "Binding the API to {}: anyone who can reach it controls KECS (no authentication).",
          bind);
    }
    ServerConfig config =
        new ServerConfig(
            bind,
            port,
            adminBind,
            adminPort,
            dataDir,
            ephemeral,
            region,
            account,
            !noReset,
            maxBodyBytes,
            simulatedStep,
            taskRetention);
    KecsServer server = KecsServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "kecs-shutdown"));
    LOG.info(
        "KECS ready on {} (admin {}, store {}, runtime {}, {} ECS operations) in {} ms",
        server.endpoint(),
        server.adminEndpoint(),
        server.storeLocation(),
        server.runtimeName(),
        server.operationCount(),
        (System.nanoTime() - started) / 1_000_000);
    server.join();
    return 0;
  }
}
