package io.kecs.runtime;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * What a runtime's containers print (stdout and stderr, in order), for log drivers. Lines carry the
 * time the runtime recorded them, so a reader that stopped can resume from the last line it kept.
 */
public interface ContainerOutput {
  /** One line of output, without its line break, and when it was printed. */
  record Line(Instant time, String text) {}

  /**
   * Calls {@code sink} with every line {@code container} of {@code taskArn} printed at or after
   * {@code since} (a runtime whose times are coarser may send a few earlier ones: the caller skips
   * what it already has), following new lines until the container's output ends. Blocks; returns
   * when the output ended or the container is gone, and on interrupt.
   *
   * @throws InterruptedException when the calling thread is interrupted
   */
  void follow(String taskArn, String container, Instant since, Consumer<Line> sink)
      throws InterruptedException;
}
