package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds a container's {@code secrets} and environment file variables to its environment as {@code
 * secretKeyRef}s into the task's Secret. Precedence as with the ECS agent: a secret wins over a
 * plain variable of the same name (the agent sets secrets last); a plain variable ({@code
 * environment}, or the RunTask override's) wins over an environment file's.
 */
final class PodEnvironment {
  private final PodInputs inputs;

  PodEnvironment(PodInputs inputs) {
    this.inputs = inputs;
  }

  Container apply(String ecsName, Container container) {
    Map<String, String> secrets = inputs.secretKeys().getOrDefault(ecsName, Map.of());
    Map<String, String> files = inputs.envFileKeys().getOrDefault(ecsName, Map.of());
    if ((secrets.isEmpty() && files.isEmpty()) || inputs.secretName() == null) {
      return container;
    }
    List<EnvVar> env = new ArrayList<>();
    Set<String> plain = new HashSet<>();
    for (EnvVar v : container.getEnv()) {
      plain.add(v.getName());
      if (!secrets.containsKey(v.getName())) {
        env.add(v);
      }
    }
    files.forEach(
        (variable, key) -> {
          if (!plain.contains(variable) && !secrets.containsKey(variable)) {
            env.add(ref(variable, key));
          }
        });
    secrets.forEach((variable, key) -> env.add(ref(variable, key)));
    return new ContainerBuilder(container).withEnv(env).build();
  }

  private EnvVar ref(String variable, String key) {
    return new EnvVarBuilder()
        .withName(variable)
        .withNewValueFrom()
        .withNewSecretKeyRef(key, inputs.secretName(), false)
        .endValueFrom()
        .build();
  }
}
