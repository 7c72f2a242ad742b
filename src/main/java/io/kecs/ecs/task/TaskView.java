package io.kecs.ecs.task;

import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import software.amazon.awssdk.services.ecs.model.Task;

/** Shapes a stored task for an answer: tags live in the tag store and are added on request. */
final class TaskView {
  private final TagService tags;

  TaskView(TagService tags) {
    this.tags = tags;
  }

  Task full(Task t) {
    return t.toBuilder().tags(tags.tagsOf(Arn.parse(t.taskArn()).orElseThrow())).build();
  }

  /** Stored tasks carry no tags (an empty list), so they are answered as they are. */
  Task withoutTags(Task t) {
    return t;
  }
}
