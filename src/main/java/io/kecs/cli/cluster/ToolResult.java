package io.kecs.cli.cluster;

/** What an external tool did: its exit code and what it printed. */
public record ToolResult(String command, int exitCode, String stdout, String stderr) {
  public boolean ok() {
    return exitCode == 0;
  }

  /** The first lines of stderr (else stdout), for an error message. */
  public String why() {
    String text = stderr.isBlank() ? stdout : stderr;
    String[] lines = text.strip().split("\n");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(lines.length, 5); i++) {
      sb.append("\n    ").append(lines[i]);
    }
    return sb.toString();
  }
}
