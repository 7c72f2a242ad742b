package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kecs.identity.Arn;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.secrets.SecretException;
import io.kecs.runtime.secrets.SecretReference;
import io.kecs.runtime.secrets.SecretSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * A task's {@code secrets} as one Kubernetes Secret ({@code <pod>-secrets}) holding every value,
 * under a key per container and variable, which the containers read with {@code secretKeyRef}.
 * Values are read when the task starts, as ECS does; a value read once is not read again for
 * another container of the same task.
 */
final class TaskSecrets {
  private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  private TaskSecrets() {}

  /** The Secret and, per ECS container name, each variable's key in it. */
  record Resolved(Secret secret, Map<String, Map<String, String>> keys) {}

  static boolean any(TaskDefinition def) {
    return def.containerDefinitions().stream().anyMatch(c -> !c.secrets().isEmpty());
  }

  static String nameFor(String podName) {
    return podName + "-secrets";
  }

  /** The data key of a container's variable: {@code <container>.<VARIABLE>}, hashed if altered. */
  static String key(String container, String variable) {
    String name = KubeNames.label(container);
    if (KEY.matcher(variable).matches()) {
      return name + "." + variable;
    }
    return name
        + "."
        + variable.replaceAll("[^-._a-zA-Z0-9]", "_")
        + "-"
        + KubeNames.hash(variable);
  }

  static Resolved resolve(TaskLaunch launch, String namespace, String podName, SecretSource source)
      throws SecretException {
    Arn cluster = Arn.parse(launch.task().clusterArn()).orElseThrow();
    Map<String, String> values = new HashMap<>();
    Map<String, String> data = new LinkedHashMap<>();
    Map<String, Map<String, String>> keys = new LinkedHashMap<>();
    for (ContainerDefinition c : launch.definition().containerDefinitions()) {
      for (software.amazon.awssdk.services.ecs.model.Secret s : c.secrets()) {
        String value = values.get(s.valueFrom());
        if (value == null) {
          value = source.value(SecretReference.parse(s.valueFrom(), cluster.region()));
          values.put(s.valueFrom(), value);
        }
        String key = key(c.name(), s.name());
        data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        keys.computeIfAbsent(c.name(), k -> new LinkedHashMap<>()).put(s.name(), key);
      }
    }
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(nameFor(podName))
            .withNamespace(namespace)
            .addToLabels(PodLabels.MANAGED_BY, PodLabels.KECS)
            .addToLabels(PodLabels.TASK_ID, Arn.parse(launch.taskArn()).orElseThrow().lastSegment())
            .addToLabels(PodLabels.CLUSTER, KubeNames.labelValue(cluster.lastSegment()))
            .addToAnnotations(PodLabels.TASK_ARN, launch.taskArn())
            .endMetadata()
            .withType("Opaque")
            .withData(data)
            .build();
    return new Resolved(secret, keys);
  }
}
