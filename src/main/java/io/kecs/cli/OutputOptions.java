package io.kecs.cli;

import picocli.CommandLine.Option;

/** {@code --quiet} and {@code --output} for commands whose result is data. */
final class OutputOptions {
  enum Format {
    text,
    json
  }

  @Option(
      names = {"-q", "--quiet"},
      description = "Print no progress and no summary; only errors (the exit code tells).")
  boolean quiet;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  boolean json() {
    return format == Format.json;
  }

  /** Human text goes out unless quiet or JSON was asked for. */
  boolean text() {
    return !quiet && format == Format.text;
  }
}
