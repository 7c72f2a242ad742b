package io.kecs.ecs.instance;

import io.kecs.ecs.tag.TagService;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceField;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceHealthStatus;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * Shapes a stored container instance for an answer: task counts and remaining resources from what
 * tasks use right now, and tags and health only when asked for ({@code include}).
 */
final class InstanceView {
  private final TagService tags;

  InstanceView(TagService tags) {
    this.tags = tags;
  }

  record Include(boolean tags, boolean health) {
    static final Include NONE = new Include(false, false);
    static final Include TAGS = new Include(true, false);

    static Include of(List<String> include) {
      return new Include(
          include.contains(ContainerInstanceField.TAGS.toString()),
          include.contains(ContainerInstanceField.CONTAINER_INSTANCE_HEALTH.toString()));
    }
  }

  ContainerInstance shape(ContainerInstance stored, Include include, InstanceUsage usage) {
    InstanceUsage.Usage used =
        ContainerInstanceStore.isLive(stored)
            ? usage.of(ContainerInstanceStore.arn(stored))
            : InstanceUsage.Usage.NONE;
    return stored.toBuilder()
        .runningTasksCount(used.runningTasks())
        .pendingTasksCount(used.pendingTasks())
        .remainingResources(InstanceResources.remaining(stored.registeredResources(), used))
        .tags(include.tags() ? tags.tagsOf(ContainerInstanceStore.arn(stored)) : (List<Tag>) null)
        .healthStatus(
            include.health() ? stored.healthStatus() : (ContainerInstanceHealthStatus) null)
        .build();
  }
}
