package io.kecs.ecs.taskdef;

import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Scope;
import io.kecs.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * DeleteTaskDefinitions: up to ten INACTIVE revisions move to DELETE_IN_PROGRESS; each one that
 * cannot (ACTIVE, missing, no revision given) becomes a failure entry instead of failing the call.
 * ECS removes a DELETE_IN_PROGRESS revision once no task or service uses it; KECS keeps it in that
 * state (still describable and listable with status DELETE_IN_PROGRESS), which also keeps its
 * revision number from being reused.
 */
final class TaskDefinitionDeletion {
  static final int MAX_PER_CALL = 10;

  private final RevisionStore<TaskDefinition> store;

  TaskDefinitionDeletion(RevisionStore<TaskDefinition> store) {
    this.store = store;
  }

  DeleteTaskDefinitionsResponse delete(RequestContext ctx, DeleteTaskDefinitionsRequest r) {
    List<String> names = r.taskDefinitions();
    if (names.isEmpty() || names.size() > MAX_PER_CALL) {
      throw new InvalidParameterException(
          "taskDefinitions must contain between 1 and "
              + MAX_PER_CALL
              + " items, but had "
              + names.size()
              + ".");
    }
    Scope scope = ctx.scope();
    List<TaskDefinition> deleted = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String name : names) {
      Optional<TaskDefinitionRef> ref = TaskDefinitionRef.parse(scope, store.resourceType(), name);
      if (ref.isEmpty() || !ref.get().hasRevision()) {
        failures.add(
            failure(
                name,
                "Invalid task definition identifier. Specify family:revision or the full ARN."));
        continue;
      }
      String family = ref.get().family();
      int revision = ref.get().revision();
      String arn = TaskDefinitionRef.arn(scope, store.resourceType(), family, revision).toString();
      if (!seen.add(arn)) {
        continue;
      }
      Optional<TaskDefinition> found = store.get(scope, family, revision);
      if (found.isEmpty()) {
        failures.add(failure(arn, "The specified task definition does not exist."));
        continue;
      }
      TaskDefinition d = found.get();
      if (d.status() == TaskDefinitionStatus.ACTIVE) {
        failures.add(
            failure(
                arn,
                "The specified task definition is still in ACTIVE status. Please deregister the"
                    + " target before proceeding with delete."));
        continue;
      }
      if (d.status() == TaskDefinitionStatus.INACTIVE) {
        d =
            store.put(
                scope,
                family,
                revision,
                d.toBuilder()
                    .status(TaskDefinitionStatus.DELETE_IN_PROGRESS)
                    .deleteRequestedAt(TaskDefinitionService.now())
                    .build());
      }
      deleted.add(d);
    }
    return DeleteTaskDefinitionsResponse.builder()
        .taskDefinitions(deleted)
        .failures(failures)
        .build();
  }

  private static Failure failure(String arnOrName, String reason) {
    return Failure.builder().arn(arnOrName).reason(reason).build();
  }
}
