package io.kecs.runtime.kubernetes;

import io.kecs.runtime.TaskObservation.ContainerObservation;
import io.kecs.runtime.TaskPhase;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the pictures of one task's pod into the reports the domain expects: phases in order and
 * never backwards, none repeated. A pod can move several phases between two events (from scheduled
 * straight to Running, or to Succeeded for a quick batch job); the phases it skipped are reported
 * first, with the same picture, so the task still gets its pull and start times. A pod that never
 * ran (image pull failure) is not made to look as if it had.
 */
final class PhaseSequencer {
  private PhaseSequencer() {}

  /** The pictures to report for {@code next}, given what {@code task} reported so far. */
  static List<PodStatusMapper.Picture> next(TrackedTask task, PodStatusMapper.Picture next) {
    TaskPhase last = task.lastPhase;
    PodStatusMapper.Picture p = next;
    if (last != null && p.phase().compareTo(last) < 0) {
      p = new PodStatusMapper.Picture(last, p.containers(), p.privateIp(), p.failure());
    }
    if (p.equals(task.lastPicture)) {
      return List.of();
    }
    List<PodStatusMapper.Picture> out = new ArrayList<>();
    TaskPhase upTo = fillUpTo(p);
    int from = last == null ? 0 : last.ordinal() + 1;
    for (int i = from; upTo != null && i <= upTo.ordinal(); i++) {
      TaskPhase skipped = TaskPhase.values()[i];
      out.add(new PodStatusMapper.Picture(skipped, p.containers(), p.privateIp(), null));
    }
    out.add(p);
    task.lastPicture = p;
    task.lastPhase = p.phase();
    return out;
  }

  /** The last phase to fill in before {@code p}, or null for none. */
  private static TaskPhase fillUpTo(PodStatusMapper.Picture p) {
    return switch (p.phase()) {
      case PROVISIONED -> null;
      case PULLING -> TaskPhase.PROVISIONED;
      case PULLED -> TaskPhase.PULLING;
      case RUNNING -> TaskPhase.PULLED;
      case EXITED, RELEASED -> ran(p) ? TaskPhase.RUNNING : null;
    };
  }

  /** Some container ran: it has an exit code or is still running. */
  private static boolean ran(PodStatusMapper.Picture p) {
    return p.containers().stream()
        .anyMatch(c -> c.exitCode() != null || c.state() == ContainerObservation.State.RUNNING);
  }
}
