package io.kecs.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.protocol.AwsJsonCodec;
import io.kecs.runtime.ContainerOutput;
import io.kecs.runtime.RuntimeFailure;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.TaskObservation;
import io.kecs.runtime.TaskObservation.ContainerObservation;
import io.kecs.runtime.TaskPhase;
import io.kecs.runtime.TaskRuntime;
import io.kecs.store.Database;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The driver around a runtime, with a recording runtime and destination: it passes every runtime
 * call on, fails a task whose group is missing before the runtime sees it, and ships a container's
 * lines once, resuming after the stored position.
 */
class AwslogsRuntimeTest {
  private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:task/c/t1";
  private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");
  private final Database db = Database.inMemory();
  private final Recording destination = new Recording();
  private final FakeRuntime inner = new FakeRuntime();
  private final List<TaskObservation> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    db.close();
  }

  private AwslogsRuntime driver() {
    AwslogsRuntime r =
        new AwslogsRuntime(
            inner, destination, new LogPositions(db, new AwsJsonCodec()), () -> Instant.now());
    r.start(seen::add);
    return r;
  }

  private static TaskLaunch launch(Map<String, String> options) {
    return new TaskLaunch(
        Task.builder().taskArn(ARN).build(),
        TaskDefinition.builder()
            .containerDefinitions(
                c ->
                    c.name("app")
                        .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(options)))
            .build());
  }

  private static final Map<String, String> OPTIONS =
      Map.of("awslogs-group", "g", "awslogs-region", "us-east-1", "awslogs-stream-prefix", "p");

  static <T> T await(Supplier<T> what, java.util.function.Predicate<T> done) throws Exception {
    Instant deadline = Instant.now().plusSeconds(10);
    T v = what.get();
    while (!done.test(v) && Instant.now().isBefore(deadline)) {
      Thread.sleep(10);
      v = what.get();
    }
    return v;
  }

  @Test
  void everyRuntimeMethodIsPassedOn() {
    // A method TaskRuntime gains later must be passed on too, or the driver would hide it.
    List<String> missing = new ArrayList<>();
    for (Method m : TaskRuntime.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      try {
        Method own = AwslogsRuntime.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
        assertThat(own.getDeclaringClass()).isEqualTo(AwslogsRuntime.class);
      } catch (NoSuchMethodException e) {
        missing.add(m.getName() + Arrays.toString(m.getParameterTypes()));
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void aMissingGroupStopsTheTaskBeforeTheRuntimeSeesIt() throws Exception {
    destination.groupMissing = true;
    driver().launch(launch(OPTIONS));
    List<TaskObservation> got = await(() -> seen, s -> s.size() >= 2);
    assertThat(got)
        .extracting(TaskObservation::phase)
        .containsExactly(TaskPhase.EXITED, TaskPhase.RELEASED);
    RuntimeFailure f = got.get(0).failure();
    assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.RESOURCE_INITIALIZATION);
    assertThat(f.detail())
        .isEqualTo(
            "failed to validate logger args: create stream has been retried 1 times: failed to"
                + " create Cloudwatch log stream: ResourceNotFoundException: The specified log group"
                + " does not exist. : exit status 1");
    assertThat(inner.launched).isEmpty();
  }

  @Test
  void theGroupWhenAskedAndTheStreamComeBeforeTheLaunch() throws Exception {
    Map<String, String> create = new java.util.HashMap<>(OPTIONS);
    create.put("awslogs-create-group", "true");
    driver().launch(launch(create));
    await(() -> inner.launched, l -> !l.isEmpty());
    assertThat(destination.calls).containsExactly("createGroup g", "createStream g p/app/t1");
  }

  @Test
  void linesShipOnceAndAfterARestartOnlyTheNewOnes() throws Exception {
    inner.lines =
        List.of(
            new ContainerOutput.Line(T, "a"),
            new ContainerOutput.Line(T, "b"),
            new ContainerOutput.Line(T.plusSeconds(1), "c"));
    AwslogsRuntime first = driver();
    first.launch(launch(OPTIONS));
    await(() -> inner.launched, l -> !l.isEmpty());
    inner.emit(ContainerObservation.State.RUNNING);
    assertThat(await(() -> destination.messages, m -> m.size() >= 3))
        .containsExactly("a", "b", "c");
    first.close();

    // The same output read again by a restarted KECS, with one more line: only that one ships.
    inner.lines =
        List.of(
            new ContainerOutput.Line(T, "a"),
            new ContainerOutput.Line(T, "b"),
            new ContainerOutput.Line(T.plusSeconds(1), "c"),
            new ContainerOutput.Line(T.plusSeconds(1), "d"));
    AwslogsRuntime second = driver();
    second.adopt(List.of(launch(OPTIONS)));
    inner.emit(ContainerObservation.State.RUNNING);
    assertThat(await(() -> destination.messages, m -> m.size() >= 4))
        .containsExactly("a", "b", "c", "d");
    Thread.sleep(300);
    assertThat(destination.messages).hasSize(4);
    second.close();
  }

  /** Records what the driver asks of CloudWatch Logs. */
  static final class Recording implements LogDestination {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> messages = new CopyOnWriteArrayList<>();
    volatile boolean groupMissing;

    @Override
    public void createGroup(Group group) {
      calls.add("createGroup " + group.name());
    }

    @Override
    public void createStream(Group group, String stream) {
      if (groupMissing) {
        throw (ResourceNotFoundException)
            ResourceNotFoundException.builder()
                .message("The specified log group does not exist.")
                .awsErrorDetails(
                    software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("ResourceNotFoundException")
                        .errorMessage("The specified log group does not exist.")
                        .build())
                .build();
      }
      calls.add("createStream " + group.name() + " " + stream);
    }

    @Override
    public void put(Group group, String stream, List<LogEvent> events) {
      events.forEach(e -> messages.add(e.message()));
    }

    @Override
    public void close() {}
  }

  /** A runtime that records launches and prints the given lines. */
  static final class FakeRuntime implements TaskRuntime {
    final List<TaskLaunch> launched = new CopyOnWriteArrayList<>();
    volatile List<ContainerOutput.Line> lines = List.of();
    volatile ObservationSink sink;

    void emit(ContainerObservation.State state) {
      sink.observe(
          new TaskObservation(
              ARN,
              TaskPhase.RUNNING,
              T,
              List.of(
                  new ContainerObservation(
                      "app", state, null, null, ContainerObservation.Health.UNKNOWN, "id", null)),
              null,
              null));
    }

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public void start(ObservationSink sink) {
      this.sink = sink;
    }

    @Override
    public void launch(TaskLaunch launch) {
      launched.add(launch);
    }

    @Override
    public void stop(String taskArn) {}

    @Override
    public void adopt(Collection<TaskLaunch> live) {}

    @Override
    public Optional<ContainerOutput> output() {
      return Optional.of(
          new ContainerOutput() {
            @Override
            public void follow(
                String taskArn, String container, Instant since, Consumer<Line> sink) {
              lines.forEach(sink);
            }
          });
    }

    @Override
    public void close() {}
  }
}
