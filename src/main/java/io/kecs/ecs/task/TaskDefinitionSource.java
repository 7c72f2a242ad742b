package io.kecs.ecs.task;

import io.kecs.identity.Scope;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** What tasks need of the task definition aggregate. */
public interface TaskDefinitionSource {
  /** {@code family} (latest ACTIVE), {@code family:revision} or an ARN, in the caller's scope. */
  Optional<TaskDefinition> resolve(Scope scope, String reference);

  /** A definition by ARN whatever its status (running tasks keep INACTIVE definitions). */
  Optional<TaskDefinition> byArn(String taskDefinitionArn);

  /** No definitions at all. */
  TaskDefinitionSource NONE =
      new TaskDefinitionSource() {
        @Override
        public Optional<TaskDefinition> resolve(Scope scope, String reference) {
          return Optional.empty();
        }

        @Override
        public Optional<TaskDefinition> byArn(String taskDefinitionArn) {
          return Optional.empty();
        }
      };
}
