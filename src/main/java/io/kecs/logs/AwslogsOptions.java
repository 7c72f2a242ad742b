package io.kecs.logs;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;

/**
 * A container's awslogs options, read as Docker's driver reads them.
 *
 * @param eventStart the line that begins an event (multiline or datetime pattern), or null: every
 *     line is an event
 * @param nonBlocking ECS's default since June 2025 when {@code mode} is not given
 * @param maxBufferBytes {@code max-buffer-size} (non-blocking only; ECS's default 10m)
 */
record AwslogsOptions(
    String group,
    String region,
    String streamPrefix,
    boolean createGroup,
    Pattern eventStart,
    boolean nonBlocking,
    long maxBufferBytes) {

  static final long DEFAULT_BUFFER = 10L * 1024 * 1024;

  /** The options of a container that logs through awslogs; empty for any other driver. */
  static Optional<AwslogsOptions> of(ContainerDefinition def) {
    LogConfiguration log = def.logConfiguration();
    if (log == null || log.logDriver() != LogDriver.AWSLOGS) {
      return Optional.empty();
    }
    Map<String, String> o = log.options();
    String multiline = o.get("awslogs-multiline-pattern");
    String datetime = o.get("awslogs-datetime-format");
    // Docker's precedence: the multiline pattern wins over the datetime format.
    Pattern start =
        multiline != null && !multiline.isEmpty()
            ? Pattern.compile(multiline)
            : datetime != null && !datetime.isEmpty() ? DatetimeFormat.toPattern(datetime) : null;
    return Optional.of(
        new AwslogsOptions(
            o.get("awslogs-group"),
            o.get("awslogs-region"),
            blankToNull(o.get("awslogs-stream-prefix")),
            "true".equalsIgnoreCase(o.get("awslogs-create-group")),
            start,
            !"blocking".equals(o.get("mode")),
            o.containsKey("max-buffer-size")
                ? Sizes.parse(o.get("max-buffer-size"))
                : DEFAULT_BUFFER));
  }

  /**
   * ECS's stream name: {@code prefix/container/task-id}; without a prefix Docker names the stream
   * after the container's id, known once it runs (null before).
   */
  String streamName(String container, String taskId, String containerId) {
    return streamPrefix != null ? streamPrefix + "/" + container + "/" + taskId : containerId;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
