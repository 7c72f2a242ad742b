package io.kecs.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged KECS jar run as a separate process, as a user runs it. */
final class KecsProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("KECS ready on (http://\\S+)");

  private final Process process;
  private final URI endpoint;

  private KecsProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  static KecsProcess start(String... serverArgs) throws Exception {
    String jar = System.getProperty("kecs.jar", "target/kecs.jar");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.add("server");
    command.add("--port=0");
    command.add("--admin-port=-1");
    command.addAll(List.of(serverArgs));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<URI> ready = new CompletableFuture<>();
    List<String> lines = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = out.readLine()) != null) {
                  synchronized (lines) {
                    lines.add(line);
                  }
                  Matcher m = READY.matcher(line);
                  if (m.find()) {
                    ready.complete(URI.create(m.group(1)));
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              ready.completeExceptionally(new IllegalStateException("KECS exited: " + lines));
            });
    reader.setDaemon(true);
    reader.start();
    URI endpoint = ready.get(30, TimeUnit.SECONDS);
    return new KecsProcess(p, endpoint);
  }

  URI endpoint() {
    return endpoint;
  }

  long pid() {
    return process.pid();
  }

  /** Runs {@code kecs server} with {@code serverArgs} expecting it to end; its exit and output. */
  static Ended runToEnd(Duration timeout, String... serverArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(System.getProperty("kecs.jar", "target/kecs.jar"));
    command.add("server");
    command.add("--port=0");
    command.add("--admin-port=-1");
    command.addAll(List.of(serverArgs));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return "";
              }
            });
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      return new Ended(-1, output.get(10, TimeUnit.SECONDS));
    }
    return new Ended(p.exitValue(), output.get(10, TimeUnit.SECONDS));
  }

  /** How a server run to its end ended. */
  record Ended(int exitCode, String output) {}

  /** Ends the process without warning, as a crash or {@code kill -9} would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Asks the process to stop (SIGTERM) and waits. */
  int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
