package io.kecs.logs;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Sends one stream's batches: PutLogEvents, retried with a growing pause (100 ms up to 5 s) while
 * the backend is down, the group or stream made again when it was deleted meanwhile, and the
 * stream's position stored after each batch that landed.
 */
final class StreamShipper {
  private static final Logger LOG = LoggerFactory.getLogger(StreamShipper.class);

  /** How long a stopped container's last events are retried before they are given up. */
  static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

  static final Duration FIRST_PAUSE = Duration.ofMillis(100);
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

  /** Where one container's events go. */
  record Target(LogDestination.Group group, String stream) {}

  private final Target target;
  private final boolean createGroup;
  private final LogDestination destination;
  private final LogPositions positions;
  private final String key;

  StreamShipper(
      Target target,
      boolean createGroup,
      LogDestination destination,
      LogPositions positions,
      String key) {
    this.target = target;
    this.createGroup = createGroup;
    this.destination = destination;
    this.positions = positions;
    this.key = key;
  }

  /** Sends {@code batch} until it lands (or is refused for good), then stores the position. */
  void send(EventBatch batch) throws InterruptedException {
    Duration pause = FIRST_PAUSE;
    Instant failingSince = null;
    while (true) {
      try {
        destination.put(target.group(), target.stream(), batch.sorted());
        break;
      } catch (ResourceNotFoundException e) {
        remake();
      } catch (InvalidParameterException e) {
        // Events the service will never take (too old, say): retrying cannot help.
        LOG.warn(
            "CloudWatch Logs refused {} events for {}: {}", batch.size(), target, e.getMessage());
        break;
      } catch (SdkException e) {
        if (failingSince == null) {
          failingSince = Instant.now();
          LOG.warn("Cannot ship logs to {} yet, retrying: {}", target, e.getMessage());
        }
      }
      Thread.sleep(pause);
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
              ? LONGEST_PAUSE
              : pause.multipliedBy(2);
    }
    positions.put(key, batch.end());
  }

  /**
   * Creates the stream (and with {@code awslogs-create-group} the group) for a container whose
   * stream was not made before it started (an adopted task, or a stream named after the container's
   * id); retried like a batch while the backend is down.
   */
  void ensureStream() {
    Duration pause = FIRST_PAUSE;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        remakeOrThrow();
        return;
      } catch (ResourceNotFoundException e) {
        LOG.warn("No log group for {}: {}", target, e.getMessage());
        return;
      } catch (SdkException e) {
        try {
          Thread.sleep(pause);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
        pause =
            pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                ? LONGEST_PAUSE
                : pause.multipliedBy(2);
      }
    }
  }

  private void remake() {
    try {
      remakeOrThrow();
    } catch (SdkException e) {
      // retried with the batch
    }
  }

  private void remakeOrThrow() {
    if (createGroup) {
      destination.createGroup(target.group());
    }
    destination.createStream(target.group(), target.stream());
  }
}
