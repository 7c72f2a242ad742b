package io.kecs.logs;

import io.kecs.runtime.ContainerOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container's log stream: a reader follows the container's output from the stored position
 * (skipping lines already shipped), groups lines into events and buffers them; a shipper sends the
 * buffered events in batches ({@link StreamShipper}) and records the position after each one. Both
 * run on virtual threads.
 */
final class ContainerLog {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerLog.class);

  /** How long a pending multiline event waits for a further line before it is sent. */
  static final Duration MULTILINE_QUIET = Duration.ofSeconds(1);

  /** Room for blocking mode: two full batches, so one can fill while the other is sent. */
  static final long BLOCKING_BUFFER = 2L * EventBatch.MAX_BYTES;

  private final String taskArn;
  private final String container;
  private final ContainerOutput output;
  private final LogPositions positions;
  private final String key;
  private final EventAssembler assembler;
  private final EventBuffer buffer;
  private final StreamShipper shipper;
  private final Supplier<Instant> clock;
  private volatile Thread reader;
  private volatile Thread sender;

  ContainerLog(
      String taskArn,
      String container,
      AwslogsOptions options,
      StreamShipper.Target target,
      ContainerOutput output,
      LogDestination destination,
      LogPositions positions,
      Supplier<Instant> clock) {
    this.taskArn = taskArn;
    this.container = container;
    this.output = output;
    this.positions = positions;
    this.clock = clock;
    this.key = LogPositions.key(target.group(), target.stream());
    this.assembler = new EventAssembler(options.eventStart());
    this.buffer =
        new EventBuffer(
            options.nonBlocking() ? options.maxBufferBytes() : BLOCKING_BUFFER,
            options.nonBlocking());
    this.shipper = new StreamShipper(target, options.createGroup(), destination, positions, key);
  }

  /** Starts reading and shipping; {@code ensureStream} first creates the stream if needed. */
  void start(boolean ensureStream) {
    sender = Thread.ofVirtual().name("awslogs-ship-" + container).start(this::ship);
    reader =
        Thread.ofVirtual()
            .name("awslogs-read-" + container)
            .start(
                () -> {
                  if (ensureStream) {
                    shipper.ensureStream();
                  }
                  read();
                });
  }

  private void read() {
    LogPosition from = positions.get(key).orElse(null);
    Instant[] current = {null};
    int[] index = {0};
    try {
      output.follow(
          taskArn,
          container,
          from == null ? null : from.time(),
          line -> {
            if (!line.time().equals(current[0])) {
              current[0] = line.time();
              index[0] = 0;
            }
            index[0]++;
            if (from != null && !from.before(line.time(), index[0])) {
              return; // shipped before a restart
            }
            LogPosition at = new LogPosition(line.time(), index[0]);
            List<LogEvent> events;
            synchronized (assembler) {
              events = assembler.offer(line.time(), line.text(), at);
            }
            put(events);
          });
    } catch (InterruptedException | Interrupted e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("Stopped reading the output of {} in {}: {}", container, taskArn, e.toString());
    } finally {
      List<LogEvent> rest;
      synchronized (assembler) {
        rest = assembler.flush();
      }
      try {
        for (LogEvent e : rest) {
          buffer.put(e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      buffer.end();
    }
  }

  private void put(List<LogEvent> events) {
    try {
      for (LogEvent e : events) {
        buffer.put(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Interrupted();
    }
  }

  /** Carries an interrupt out of the output's callback. */
  private static final class Interrupted extends RuntimeException {
    Interrupted() {
      super(null, null, false, false);
    }
  }

  private void ship() {
    try {
      while (true) {
        EventBatch batch = new EventBatch();
        buffer.drainInto(batch, Duration.ofMillis(200));
        if (batch.isEmpty()) {
          List<LogEvent> idle;
          synchronized (assembler) {
            idle = assembler.idle(clock.get(), MULTILINE_QUIET);
          }
          for (LogEvent e : idle) {
            buffer.put(e); // the buffer is empty: this never waits
          }
          if (idle.isEmpty() && buffer.finished()) {
            return;
          }
          continue;
        }
        shipper.send(batch);
      }
    } catch (InterruptedException e) {
      // KECS is stopping: what was not shipped is read again after the restart
    }
    if (buffer.dropped() > 0) {
      LOG.warn(
          "awslogs (non-blocking) dropped {} events of {} in {}: the buffer was full",
          buffer.dropped(),
          container,
          taskArn);
    }
  }

  /**
   * The container exited: lets the reader take the rest of the output for up to {@code grace}, then
   * waits for the shipper to send it. Blocks; returns whether everything was shipped.
   */
  boolean finish(Duration grace) throws InterruptedException {
    Thread r = reader;
    Thread s = sender;
    if (r == null || s == null) {
      return true;
    }
    if (!r.join(grace)) {
      r.interrupt();
      r.join();
    }
    // The shipper retries an unreachable backend for as long as this bound allows.
    if (!s.join(StreamShipper.GIVE_UP_AFTER)) {
      s.interrupt();
      return false;
    }
    return true;
  }

  /** KECS stops: both threads end at once; the position keeps what was shipped. */
  void abort() {
    Thread r = reader;
    Thread s = sender;
    if (r != null) {
      r.interrupt();
    }
    if (s != null) {
      s.interrupt();
    }
  }

  String positionKey() {
    return key;
  }
}
