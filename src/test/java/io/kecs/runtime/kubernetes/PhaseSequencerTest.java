package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.TaskObservation.ContainerObservation;
import io.kecs.runtime.TaskObservation.ContainerObservation.Health;
import io.kecs.runtime.TaskObservation.ContainerObservation.State;
import io.kecs.runtime.TaskPhase;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseSequencerTest {
  private final TrackedTask task = new TrackedTask((TaskLaunch) null, "ns", "pod", 30);

  private static PodStatusMapper.Picture picture(TaskPhase phase, State state, Integer exit) {
    return new PodStatusMapper.Picture(
        phase,
        List.of(new ContainerObservation("app", state, exit, null, Health.UNKNOWN, null, null)),
        null,
        null);
  }

  private List<TaskPhase> next(PodStatusMapper.Picture p) {
    return PhaseSequencer.next(task, p).stream().map(PodStatusMapper.Picture::phase).toList();
  }

  @Test
  void skippedPhasesAreFilledIn() {
    assertThat(next(picture(TaskPhase.RUNNING, State.RUNNING, null)))
        .containsExactly(
            TaskPhase.PROVISIONED, TaskPhase.PULLING, TaskPhase.PULLED, TaskPhase.RUNNING);
  }

  @Test
  void repeatsAreDroppedAndPhasesNeverGoBack() {
    next(picture(TaskPhase.RUNNING, State.RUNNING, null));
    assertThat(next(picture(TaskPhase.RUNNING, State.RUNNING, null))).isEmpty();
    assertThat(next(picture(TaskPhase.PULLED, State.STOPPED, 1)))
        .containsExactly(TaskPhase.RUNNING);
  }

  @Test
  void aQuickJobStillRunsBeforeItExits() {
    next(picture(TaskPhase.PULLING, State.PENDING, null));
    assertThat(next(picture(TaskPhase.EXITED, State.STOPPED, 0)))
        .containsExactly(TaskPhase.PULLED, TaskPhase.RUNNING, TaskPhase.EXITED);
  }

  @Test
  void aTaskThatNeverRanIsNotMadeToLookAsIfItHad() {
    next(picture(TaskPhase.PULLING, State.PENDING, null));
    assertThat(next(picture(TaskPhase.EXITED, State.STOPPED, null)))
        .containsExactly(TaskPhase.EXITED);
  }
}
