package io.kecs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;

/** {@code GET /_kecs/status} as a person reads it (shared by {@code start} and {@code status}). */
final class StatusView {
  private StatusView() {}

  static void print(PrintWriter out, JsonNode s, String log) {
    out.println("KECS " + s.path("version").asText() + " is running (pid " + s.path("pid") + ")");
    row(out, "endpoint", s.path("endpoint").asText());
    if (s.has("adminEndpoint")) {
      row(out, "admin", s.path("adminEndpoint").asText() + " (/health, /ready, /metrics)");
    }
    JsonNode kubernetes = s.path("kubernetes");
    row(
        out,
        "runtime",
        s.path("runtime").asText()
            + (kubernetes.isMissingNode() ? "" : ", API server " + reachability(kubernetes)));
    JsonNode backend = s.path("backend");
    row(
        out,
        "backend",
        backend.isMissingNode()
            ? "none (other AWS services answer an error; --aws-backend URL forwards them)"
            : reachability(backend));
    row(
        out,
        "store",
        s.path("ephemeral").asBoolean() ? "in memory (--ephemeral)" : s.path("store").asText());
    row(
        out,
        "uptime",
        uptime(s.path("uptimeSeconds").asLong()) + " (since " + s.path("startedAt").asText() + ")");
    JsonNode c = s.path("counts");
    row(
        out,
        "clusters",
        c.path("clusters").asInt()
            + " active, "
            + c.path("containerInstances").asInt()
            + " container instances");
    row(
        out,
        "tasks",
        c.path("runningTasks").asInt()
            + " running, "
            + c.path("pendingTasks").asInt()
            + " pending");
    row(out, "services", c.path("activeServices").asInt() + " active");
    if (log != null) {
      row(out, "log", log + " (kecs logs -f)");
    }
  }

  /** A connection's URL and whether it answered the server's last check. */
  private static String reachability(JsonNode connection) {
    return connection.path("url").asText()
        + (connection.path("reachable").asBoolean()
            ? " (answering)"
            : " (NOT answering: " + connection.path("detail").asText() + ")");
  }

  static String uptime(long seconds) {
    Duration d = Duration.ofSeconds(seconds);
    if (d.toDays() > 0) {
      return d.toDays() + "d " + d.toHoursPart() + "h";
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h " + d.toMinutesPart() + "m";
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + "m " + d.toSecondsPart() + "s";
    }
    return d.toSeconds() + "s";
  }

  private static void row(PrintWriter out, String name, String value) {
    out.printf("  %-9s %s%n", name, value);
  }
}
