package io.kecs.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged KECS jar as its own process (SerialGC, as the {@code kecs} launcher runs it), so its
 * heap can be measured apart from the mock API server's.
 */
final class KecsSubprocess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("KECS ready on (http://\\S+)");
  private final Process process;
  private final URI endpoint;

  private KecsSubprocess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  static KecsSubprocess start(Path jar, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java(),
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString(),
                "server",
                "--ephemeral",
                "--port=0",
                "--admin-port=-1"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<URI> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  Matcher m = READY.matcher(line);
                  if (m.find()) {
                    ready.complete(URI.create(m.group(1)));
                  } else if (line.contains("WARN") || line.contains("ERROR")) {
                    System.err.println("kecs: " + line);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "kecs-output");
    reader.setDaemon(true);
    reader.start();
    return new KecsSubprocess(p, ready.get(60, TimeUnit.SECONDS));
  }

  URI endpoint() {
    return endpoint;
  }

  /** Used heap after a full collection, in MiB, as {@code jcmd GC.heap_info} reports it. */
  double heapAfterGcMib() throws Exception {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher m = Pattern.compile("(?m)^ ?\\S.*? total \\d+K, used (\\d+)K").matcher(info);
    long used = 0;
    while (m.find()) {
      used += Long.parseLong(m.group(1));
    }
    return used / 1024.0;
  }

  long rssMib() throws Exception {
    String status = java.nio.file.Files.readString(Path.of("/proc/" + process.pid() + "/status"));
    Matcher m = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
    return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
  }

  private String jcmd(String command) throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()),
                command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    process.waitFor(20, TimeUnit.SECONDS);
  }
}
