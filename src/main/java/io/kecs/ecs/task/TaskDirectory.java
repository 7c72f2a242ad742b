package io.kecs.ecs.task;

import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * What code inside a task may learn about it (the agent's metadata and credentials endpoints): the
 * stored task with its definition and tags, found by task id alone, as ECS answers them.
 */
public final class TaskDirectory {
  private final TaskStore store;
  private final TaskDefinitionSource definitions;
  private final TagService tags;
  private final TaskView view;

  TaskDirectory(TaskStore store, TaskDefinitionSource definitions, TagService tags) {
    this.store = store;
    this.definitions = definitions;
    this.tags = tags;
    this.view = new TaskView(tags);
  }

  /** Public entry point for {@code EcsApi}, which builds the aggregates. */
  public static TaskDirectory of(
      TaskStore store, TaskDefinitionSource definitions, TagService tags) {
    return new TaskDirectory(store, definitions, tags);
  }

  /**
   * One task as the agent sees it.
   *
   * @param instanceTags the tags of the container instance it runs on (empty without one)
   */
  public record Entry(
      Task task,
      TaskDefinition definition,
      Map<String, String> taskTags,
      Map<String, String> instanceTags) {}

  /** The task with id {@code taskId} in any account and region, while it is still describable. */
  public Optional<Entry> byId(String taskId) {
    return store
        .byId(taskId)
        .flatMap(
            t ->
                definitions
                    .byArn(t.taskDefinitionArn())
                    .map(
                        d ->
                            new Entry(
                                view.withoutTags(t),
                                d,
                                tagsOf(t.taskArn()),
                                t.containerInstanceArn() == null
                                    ? Map.of()
                                    : tagsOf(t.containerInstanceArn()))));
  }

  private Map<String, String> tagsOf(String arn) {
    Map<String, String> out = new LinkedHashMap<>();
    List<Tag> list = Arn.parse(arn).map(tags::tagsOf).orElse(List.of());
    list.forEach(t -> out.put(t.key(), t.value()));
    return out;
  }
}
