package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds a container's {@code secrets} to its environment as {@code secretKeyRef}s into the task's
 * Secret. A secret wins over a plain variable of the same name, as with the ECS agent, which sets
 * secrets last.
 */
final class PodEnvironment {
  private final PodInputs inputs;

  PodEnvironment(PodInputs inputs) {
    this.inputs = inputs;
  }

  Container apply(String ecsName, Container container) {
    Map<String, String> keys = inputs.secretKeys().get(ecsName);
    if (keys == null || keys.isEmpty() || inputs.secretName() == null) {
      return container;
    }
    List<EnvVar> env = new ArrayList<>();
    for (EnvVar v : container.getEnv()) {
      if (!keys.containsKey(v.getName())) {
        env.add(v);
      }
    }
    keys.forEach(
        (variable, key) ->
            env.add(
                new EnvVarBuilder()
                    .withName(variable)
                    .withNewValueFrom()
                    .withNewSecretKeyRef(key, inputs.secretName(), false)
                    .endValueFrom()
                    .build()));
    return new ContainerBuilder(container).withEnv(env).build();
  }
}
