package io.kecs.ecs.daemon;

import io.kecs.ecs.tag.TagService;
import io.kecs.ecs.task.InstanceCatalog;
import io.kecs.ecs.task.TaskLauncher;
import io.kecs.ecs.task.TaskReservation;
import io.kecs.identity.Arn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DaemonRevision;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Starts daemon tasks (or records those a runtime's workload started): one task of a revision on
 * each given container instance that has room for it, as group {@code daemon:NAME} with the
 * revision id as {@code startedBy}, on the Managed Instances launch type, with the revision's tag
 * and execute command settings.
 */
final class DaemonLaunches {
  private final TaskLauncher launcher;
  private final TagService tags;

  DaemonLaunches(TaskLauncher launcher, TagService tags) {
    this.launcher = launcher;
    this.tags = tags;
  }

  /** What one round launched, and why some instances got nothing. */
  record Result(List<Task> started, List<Failure> failures) {}

  Result launch(
      Cluster cluster,
      Arn daemon,
      DaemonRevision revision,
      TaskDefinition def,
      List<String> instanceArns,
      Map<String, InstanceCatalog.Candidate> candidates) {
    List<String> fit = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String arn : instanceArns) {
      InstanceCatalog.Candidate c = candidates.get(arn);
      String shortfall = c == null ? "INACTIVE" : TaskReservation.shortfall(def, c);
      if (shortfall == null) {
        fit.add(arn);
      } else {
        failures.add(Failure.builder().arn(arn).reason(shortfall).build());
      }
    }
    if (fit.isEmpty()) {
      return new Result(List.of(), failures);
    }
    TaskLauncher.Result result =
        launcher.launch(request(cluster, daemon, revision, def, fit.size(), fit));
    failures.addAll(result.failures());
    return new Result(result.tasks(), failures);
  }

  /**
   * A task of the revision as it would be launched, unplaced and unsaved: what a runtime's workload
   * makes its pod template of.
   */
  Task template(Cluster cluster, Arn daemon, DaemonRevision revision, TaskDefinition def) {
    return launcher.template(request(cluster, daemon, revision, def, 1, null));
  }

  /**
   * Records a task of the revision that the runtime's workload started (the runtime chose its id
   * and host) on {@code instanceArn} (null when its host is no container instance of the cluster).
   */
  Task discovered(
      Cluster cluster,
      Arn daemon,
      DaemonRevision revision,
      TaskDefinition def,
      String taskId,
      String instanceArn,
      Instant createdAt) {
    return launcher.discovered(
        request(
            cluster, daemon, revision, def, 1, instanceArn == null ? null : List.of(instanceArn)),
        taskId,
        instanceArn,
        createdAt);
  }

  private TaskLauncher.Request request(
      Cluster cluster,
      Arn daemon,
      DaemonRevision revision,
      TaskDefinition def,
      int count,
      List<String> instanceArns) {
    return new TaskLauncher.Request(
        cluster,
        def,
        count,
        "MANAGED_INSTANCES",
        List.of(),
        List.of(),
        List.of(),
        null,
        null,
        DaemonTaskIndex.GROUP_PREFIX + DaemonArns.daemonName(daemon),
        Arn.parse(revision.daemonRevisionArn()).orElseThrow().lastSegment(),
        Boolean.TRUE.equals(revision.enableExecuteCommand()),
        null,
        taskTags(daemon, revision),
        instanceArns,
        null); // daemon task definitions take no volumes configured at launch
  }

  private List<Tag> taskTags(Arn daemon, DaemonRevision revision) {
    List<Tag> out = new ArrayList<>();
    if ("DAEMON".equals(revision.propagateTagsAsString())) {
      out.addAll(tags.tagsOf(daemon));
    }
    if (Boolean.TRUE.equals(revision.enableECSManagedTags())) {
      out.add(
          Tag.builder().key("aws:ecs:clusterName").value(DaemonArns.clusterName(daemon)).build());
      out.add(Tag.builder().key("aws:ecs:daemonName").value(DaemonArns.daemonName(daemon)).build());
    }
    return out;
  }
}
