package io.kecs.ecs.task;

import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import java.util.Optional;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** What tasks need of the task definition aggregate. */
public interface TaskDefinitionSource {
  /** {@code family} (latest ACTIVE), {@code family:revision} or an ARN, in the caller's scope. */
  Optional<TaskDefinition> resolve(Scope scope, String reference);

  /** A definition by ARN whatever its status (running tasks keep INACTIVE definitions). */
  Optional<TaskDefinition> byArn(String taskDefinitionArn);

  /** A source over a resolver; an ARN carries its own scope. */
  static TaskDefinitionSource of(BiFunction<Scope, String, Optional<TaskDefinition>> resolver) {
    return new TaskDefinitionSource() {
      @Override
      public Optional<TaskDefinition> resolve(Scope scope, String reference) {
        return resolver.apply(scope, reference);
      }

      @Override
      public Optional<TaskDefinition> byArn(String taskDefinitionArn) {
        return Arn.parse(taskDefinitionArn)
            .flatMap(a -> resolver.apply(a.scope(), taskDefinitionArn));
      }
    };
  }
}
