package io.kecs.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A real AWS emulator from PyPI, run as a process on a free loopback port, as the AWS backend in
 * end-to-end tests: moto server ({@code moto[server]}) or MiniStack ({@code ministack}). {@code
 * .ci/run} installs both; locally a test is skipped when the command is missing, but under {@code
 * CI=true} a missing backend fails the test instead of hiding it.
 */
public final class AwsBackendServer implements AutoCloseable {
  /** Which emulator, and how to start it on a port. */
  public enum Kind {
    MOTO("moto_server"),
    MINISTACK("ministack");

    final String command;

    Kind(String command) {
      this.command = command;
    }

    List<String> commandLine(String executable, int port) {
      return switch (this) {
        case MOTO -> List.of(executable, "-H", "127.0.0.1", "-p", Integer.toString(port));
        // MiniStack takes its port and bind address from the environment (see start).
        case MINISTACK -> List.of(executable);
      };
    }
  }

  private final Kind kind;
  private final Process process;
  private final URI endpoint;
  private final Path log;

  private AwsBackendServer(Kind kind, Process process, URI endpoint, Path log) {
    this.kind = kind;
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** Starts the emulator and waits until its port accepts connections (at most 60 s). */
  public static AwsBackendServer start(Kind kind) throws IOException, InterruptedException {
    Optional<String> executable = find(kind.command);
    if (executable.isEmpty()) {
      String why = kind.command + " is not installed (pip install " + pipName(kind) + ")";
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(why + "; .ci/run should have installed it");
      }
      Assumptions.abort(why);
    }
    int port = freePort();
    Path log = Files.createTempFile("kecs-" + kind.name().toLowerCase() + "-", ".log");
    List<String> command = new ArrayList<>(kind.commandLine(executable.get(), port));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("GATEWAY_PORT", Integer.toString(port));
    builder.environment().put("BIND_HOST", "127.0.0.1");
    Process process = builder.start();
    AwsBackendServer server =
        new AwsBackendServer(kind, process, URI.create("http://127.0.0.1:" + port), log);
    server.awaitListening(Duration.ofSeconds(60));
    return server;
  }

  public URI endpoint() {
    return endpoint;
  }

  public Kind kind() {
    return kind;
  }

  /** Kills the emulator at once, as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      kill();
    }
  }

  private void awaitListening(Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            kind + " exited at start (" + process.exitValue() + "): " + Files.readString(log));
      }
      try (Socket ignored = new Socket("127.0.0.1", endpoint.getPort())) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException(kind + " did not listen within " + timeout + ": " + log);
  }

  private static Optional<String> find(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  private static String pipName(Kind kind) {
    return kind == Kind.MOTO ? "'moto[server]'" : "ministack";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
