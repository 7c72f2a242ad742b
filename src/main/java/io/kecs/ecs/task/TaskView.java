package io.kecs.ecs.task;

import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import io.kecs.runtime.ManagedEbsVolume;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Shapes a stored task for an answer: tags live in the tag store and are added on request; an EBS
 * attachment shows only the details ECS shows ({@link ManagedEbsVolume#shown}).
 */
final class TaskView {
  private final TagService tags;

  TaskView(TagService tags) {
    this.tags = tags;
  }

  Task full(Task t) {
    return shown(t).toBuilder().tags(tags.tagsOf(Arn.parse(t.taskArn()).orElseThrow())).build();
  }

  /** Stored tasks carry no tags (an empty list), so they are answered as they are. */
  Task withoutTags(Task t) {
    return shown(t);
  }

  /** Without what only KECS reads: the volume settings kept on an EBS attachment. */
  private static Task shown(Task t) {
    if (t.attachments().stream().noneMatch(ManagedEbsVolume::isEbs)) {
      return t;
    }
    return t.toBuilder()
        .attachments(t.attachments().stream().map(ManagedEbsVolume::shown).toList())
        .build();
  }
}
