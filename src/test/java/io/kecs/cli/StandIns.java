package io.kecs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stand-in {@code docker} and {@code k3d} executables (src/test/resources/standins) in a directory
 * put first on the PATH: they record every call, keep cluster state in files, and print what the
 * real tools print where KECS reads it. The real ones cannot run on the test machines.
 */
final class StandIns {
  final Path bin;
  final Path state;
  final Path calls;

  StandIns(Path dir, String... tools) throws IOException {
    bin = Files.createDirectories(dir.resolve("bin"));
    state = Files.createDirectories(dir.resolve("state"));
    calls = dir.resolve("calls.log");
    for (String tool : tools) {
      try (InputStream in = StandIns.class.getResourceAsStream("/standins/" + tool)) {
        Path target = bin.resolve(tool);
        Files.copy(in, target);
        target.toFile().setExecutable(true);
      }
    }
  }

  /** An environment whose PATH finds the stand-ins first (then only the system's basics). */
  Map<String, String> env(Path home) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", bin + ":/usr/bin:/bin");
    env.put("CALLS", calls.toString());
    env.put("STATE_DIR", state.toString());
    env.put("KECS_HOME", home.toString());
    return env;
  }

  List<String> calls() throws IOException {
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  void clearCalls() throws IOException {
    Files.deleteIfExists(calls);
  }
}
