package io.kecs.ecs.cluster;

import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;

/** Shapes a stored cluster for an answer: live counts, and the parts {@code include} asks for. */
final class ClusterView {
  private final TagService tags;

  ClusterView(TagService tags) {
    this.tags = tags;
  }

  record Include(
      boolean attachments,
      boolean configurations,
      boolean settings,
      boolean statistics,
      boolean tags) {
    static final Include ALL = new Include(true, true, true, false, true);

    static Include of(List<String> include) {
      return new Include(
          include.contains("ATTACHMENTS"),
          include.contains("CONFIGURATIONS"),
          include.contains("SETTINGS"),
          include.contains("STATISTICS"),
          include.contains("TAGS"));
    }
  }

  /** What Create/Update/Delete answer: the whole cluster as configured, with counts. */
  Cluster created(Cluster stored, ClusterUsage usage) {
    return shape(stored, Include.ALL, usage);
  }

  Cluster described(Cluster stored, Include include, ClusterUsage usage) {
    return shape(stored, include, usage);
  }

  private Cluster shape(Cluster stored, Include include, ClusterUsage usage) {
    Arn arn = Arn.parse(stored.clusterArn()).orElseThrow();
    ClusterUsage.Counts counts = usage.countsOf(arn);
    Cluster.Builder b =
        stored.toBuilder()
            .registeredContainerInstancesCount(counts.registeredContainerInstances())
            .runningTasksCount(counts.runningTasks())
            .pendingTasksCount(counts.pendingTasks())
            .activeServicesCount(counts.activeServices())
            .statistics(include.statistics() ? statistics(counts) : List.of())
            .tags(include.tags() ? tags.tagsOf(arn) : List.of())
            .capacityProviders(new ArrayList<>(stored.capacityProviders()))
            .defaultCapacityProviderStrategy(
                new ArrayList<>(stored.defaultCapacityProviderStrategy()));
    if (!include.settings()) {
      b.settings((List<software.amazon.awssdk.services.ecs.model.ClusterSetting>) null);
    }
    if (!include.configurations()) {
      b.configuration((software.amazon.awssdk.services.ecs.model.ClusterConfiguration) null);
    }
    if (include.attachments()) {
      b.attachments(stored.hasAttachments() ? stored.attachments() : new ArrayList<>());
    } else {
      b.attachments((List<software.amazon.awssdk.services.ecs.model.Attachment>) null);
    }
    return b.build();
  }

  private static List<KeyValuePair> statistics(ClusterUsage.Counts c) {
    return List.of(
        kv("runningEC2TasksCount", c.runningEc2Tasks()),
        kv("runningFargateTasksCount", c.runningFargateTasks()),
        kv("pendingEC2TasksCount", c.pendingEc2Tasks()),
        kv("pendingFargateTasksCount", c.pendingFargateTasks()),
        kv("runningExternalTasksCount", c.runningExternalTasks()),
        kv("activeEC2ServiceCount", c.activeEc2Services()),
        kv("activeFargateServiceCount", c.activeFargateServices()),
        kv("drainingEC2ServiceCount", c.drainingEc2Services()),
        kv("drainingFargateServiceCount", c.drainingFargateServices()));
  }

  private static KeyValuePair kv(String name, int value) {
    return KeyValuePair.builder().name(name).value(Integer.toString(value)).build();
  }
}
