package io.kecs.cli.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Whether a process that is not our child has ended. {@link ProcessHandle#isAlive} counts a zombie
 * (exited, not yet reaped by its new parent, often init) as alive, and some inits reap late; on
 * Linux the process state in /proc tells the difference.
 */
public final class Processes {
  private Processes() {}

  public static boolean running(ProcessHandle p) {
    return p.isAlive() && !zombie(p.pid());
  }

  /** Waits until the process has ended; false when it still runs at the deadline. */
  public static boolean awaitExit(ProcessHandle p, long timeout, TimeUnit unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (running(p)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // "pid (command) S ...": the state follows the last ')' (the command may contain one)
      int close = stat.lastIndexOf(')');
      return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false; // not Linux, or already gone: isAlive() has the answer
    }
  }
}
