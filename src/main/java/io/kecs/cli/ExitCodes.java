package io.kecs.cli;

/** Exit codes of every {@code kecs} command, listed in {@code kecs --help}. */
public final class ExitCodes {
  public static final int OK = 0;

  /** Something failed; the message says what and what to do. */
  public static final int ERROR = 1;

  /** Unknown option, bad value, bad config file (picocli's own code for usage errors). */
  public static final int USAGE = 2;

  /** {@code kecs status}: no KECS is running (the LSB convention for status commands). */
  public static final int NOT_RUNNING = 3;

  /** {@code kecs server}: the chosen runtime cannot be used (e.g. Kubernetes is unreachable). */
  public static final int RUNTIME_UNAVAILABLE = 3;

  private ExitCodes() {}
}
