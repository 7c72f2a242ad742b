package io.kecs.cli;

/**
 * An expected failure with a message written for the person at the terminal (what went wrong, what
 * to do). Printed without a stack trace; the command exits with {@link #exitCode}.
 */
public final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public CliFailure(String message) {
    this(ExitCodes.ERROR, message);
  }

  public CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
