package io.kecs.runtime.simulated;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What a simulated container does, read from its environment (task definition, then RunTask
 * overrides), so a test can make a container exit, fail to pull or turn unhealthy:
 *
 * <ul>
 *   <li>{@code KECS_SIMULATE_EXIT_CODE}: the container exits with this code ...
 *   <li>{@code KECS_SIMULATE_RUN_SECONDS}: ... after running this long (default: at once)
 *   <li>{@code KECS_SIMULATE_PULL_ERROR}: pulling the image fails with this message
 *   <li>{@code KECS_SIMULATE_HEALTH}: {@code UNHEALTHY} makes a health-checked container unhealthy
 *   <li>{@code KECS_SIMULATE_STOP_EXIT_CODE}: the exit code when stopped (default 0)
 *   <li>{@code KECS_SIMULATE_OUTPUT}: lines the container prints once running (separated by line
 *       breaks or by the two characters {@code \n}), for log drivers ({@link SimulatedOutput})
 *   <li>{@code KECS_SIMULATE_OUTPUT_INTERVAL_MS}: the pause before each further line (default 0)
 *   <li>{@code KECS_SIMULATE_OUTPUT_REPEAT}: how many times the lines are printed (default 1)
 *   <li>{@code KECS_SIMULATE_HTTP_STATUS}: the status code the container's HTTP echo answers on its
 *       mapped ports (default 200) ...
 *   <li>{@code KECS_SIMULATE_HTTP_STATUS_AFTER_SECONDS}: ... answering 200 until this long after
 *       the container started (default: from the start)
 * </ul>
 */
record SimulatedBehaviour(
    String name,
    boolean essential,
    SimulatedHealthCheck healthCheck,
    Integer exitCode,
    Duration runFor,
    String pullError,
    boolean unhealthy,
    int stopExitCode,
    List<String> output,
    Duration outputInterval,
    long outputRepeat,
    int httpStatus,
    Duration httpStatusAfter) {

  static final String EXIT_CODE = "KECS_SIMULATE_EXIT_CODE";
  static final String RUN_SECONDS = "KECS_SIMULATE_RUN_SECONDS";
  static final String PULL_ERROR = "KECS_SIMULATE_PULL_ERROR";
  static final String HEALTH = "KECS_SIMULATE_HEALTH";
  static final String STOP_EXIT_CODE = "KECS_SIMULATE_STOP_EXIT_CODE";
  static final String OUTPUT = "KECS_SIMULATE_OUTPUT";
  static final String OUTPUT_INTERVAL_MS = "KECS_SIMULATE_OUTPUT_INTERVAL_MS";
  static final String OUTPUT_REPEAT = "KECS_SIMULATE_OUTPUT_REPEAT";
  static final String HTTP_STATUS = "KECS_SIMULATE_HTTP_STATUS";
  static final String HTTP_STATUS_AFTER = "KECS_SIMULATE_HTTP_STATUS_AFTER_SECONDS";

  static SimulatedBehaviour of(ContainerDefinition def, Task task) {
    Map<String, String> env = new HashMap<>();
    def.environment().forEach(kv -> env.put(kv.name(), kv.value()));
    overrideFor(task, def.name()).forEach(kv -> env.put(kv.name(), kv.value()));
    return new SimulatedBehaviour(
        def.name(),
        def.essential() == null || def.essential(),
        def.healthCheck() == null ? null : SimulatedHealthCheck.of(def.healthCheck()),
        integer(env.get(EXIT_CODE)),
        Duration.ofMillis((long) (number(env.get(RUN_SECONDS), 0) * 1000)),
        env.get(PULL_ERROR),
        "UNHEALTHY".equalsIgnoreCase(env.get(HEALTH)),
        (int) number(env.get(STOP_EXIT_CODE), 0),
        lines(env.get(OUTPUT)),
        Duration.ofMillis((long) Math.max(0, number(env.get(OUTPUT_INTERVAL_MS), 0))),
        (long) Math.max(0, number(env.get(OUTPUT_REPEAT), 1)),
        httpStatus(env.get(HTTP_STATUS)),
        Duration.ofMillis((long) (number(env.get(HTTP_STATUS_AFTER), 0) * 1000)));
  }

  /** A status code from 200 to 599, else 200. */
  private static int httpStatus(String s) {
    Integer code = integer(s);
    return code == null || code < 200 || code > 599 ? 200 : code;
  }

  /** Real line breaks, or the two characters backslash-n that a shell or JSON string passes on. */
  private static List<String> lines(String s) {
    if (s == null || s.isEmpty()) {
      return List.of();
    }
    String text = s.replace("\\n", "\n");
    // A final line break ends the last line rather than adding an empty one.
    text = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return List.of(text.split("\r?\n", -1));
  }

  private static List<KeyValuePair> overrideFor(Task task, String container) {
    if (task.overrides() == null) {
      return List.of();
    }
    return task.overrides().containerOverrides().stream()
        .filter(o -> container.equals(o.name()))
        .map(ContainerOverride::environment)
        .flatMap(List::stream)
        .toList();
  }

  private static Integer integer(String s) {
    try {
      return s == null ? null : Integer.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static double number(String s, double otherwise) {
    try {
      return s == null ? otherwise : Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
