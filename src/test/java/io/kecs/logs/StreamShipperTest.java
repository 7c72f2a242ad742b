package io.kecs.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.protocol.AwsJsonCodec;
import io.kecs.store.Database;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** Sending one batch: retried through an outage, the stream made again, the position stored. */
class StreamShipperTest {
  private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");
  private static final LogDestination.Group GROUP =
      new LogDestination.Group("123456789012", "us-east-1", "g");
  private final Database db = Database.inMemory();
  private final LogPositions positions = new LogPositions(db, new AwsJsonCodec());
  private final Scripted destination = new Scripted();

  @AfterEach
  void close() {
    db.close();
  }

  private EventBatch batch() {
    EventBatch b = new EventBatch();
    b.add(LogEvent.of(T.toEpochMilli(), "a", new LogPosition(T, 1)));
    b.add(LogEvent.of(T.toEpochMilli(), "b", new LogPosition(T, 2)));
    return b;
  }

  private StreamShipper shipper(boolean createGroup) {
    return new StreamShipper(
        new StreamShipper.Target(GROUP, "p/app/t"), createGroup, destination, positions, "k");
  }

  @Test
  void anOutageIsRetriedUntilTheBatchLands() throws Exception {
    destination.failures.add(SdkClientException.create("connection refused"));
    destination.failures.add(SdkClientException.create("connection refused"));
    shipper(false).send(batch());
    assertThat(destination.calls).containsExactly("put", "put", "put");
    assertThat(destination.delivered).containsExactly("a", "b");
    assertThat(positions.get("k")).contains(new LogPosition(T, 2));
  }

  @Test
  void aDeletedStreamIsMadeAgainWithItsGroupWhenAsked() throws Exception {
    destination.failures.add(ResourceNotFoundException.builder().message("gone").build());
    shipper(true).send(batch());
    assertThat(destination.calls).containsExactly("put", "createGroup", "createStream", "put");
    assertThat(destination.delivered).containsExactly("a", "b");
  }

  @Test
  void eventsTheServiceRefusesForGoodAreNotRetried() throws Exception {
    destination.failures.add(InvalidParameterException.builder().message("too old").build());
    shipper(false).send(batch());
    assertThat(destination.calls).containsExactly("put");
    assertThat(destination.delivered).isEmpty();
    assertThat(positions.get("k")).contains(new LogPosition(T, 2)); // read no more
  }

  /** Fails puts with the queued exceptions, then takes them. */
  static final class Scripted implements LogDestination {
    final Deque<RuntimeException> failures = new ArrayDeque<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> delivered = new CopyOnWriteArrayList<>();

    @Override
    public void createGroup(Group group) {
      calls.add("createGroup");
    }

    @Override
    public void createStream(Group group, String stream) {
      calls.add("createStream");
    }

    @Override
    public void put(Group group, String stream, List<LogEvent> events) {
      calls.add("put");
      RuntimeException next = failures.poll();
      if (next != null) {
        throw next;
      }
      events.forEach(e -> delivered.add(e.message()));
    }

    @Override
    public void close() {}
  }
}
