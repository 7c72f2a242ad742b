package io.kecs.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds node and Debian's chromium, and installs the pinned playwright-core into
 * src/test/browser/node_modules once (npm ci: the lock file decides the version).
 */
final class BrowserTools {
  static final Path BROWSER_DIR = Path.of("src/test/browser");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private BrowserTools() {}

  /** Why the browser tests cannot run here, or null when they can. */
  static String missing() throws IOException, InterruptedException {
    if (!Files.isExecutable(CHROMIUM)) {
      return "chromium is not installed (apt-get install chromium)";
    }
    if (run(List.of("node", "--version"), Path.of("."), 30) != 0) {
      return "node is not installed";
    }
    return null;
  }

  /** npm ci when playwright-core is not installed yet; throws when that fails. */
  static void installPlaywright() throws IOException, InterruptedException {
    if (Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"))) {
      return;
    }
    int code = run(List.of("npm", "ci", "--no-audit", "--no-fund"), BROWSER_DIR, 300);
    if (code != 0) {
      throw new IllegalStateException("npm ci in " + BROWSER_DIR + " failed with " + code);
    }
  }

  private static int run(List<String> command, Path dir, int seconds)
      throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return -1;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    if (p.exitValue() != 0) {
      System.out.println(out);
    }
    return p.exitValue();
  }
}
