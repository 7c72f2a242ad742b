package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kecs.identity.Arn;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.secrets.EnvFileReference;
import io.kecs.runtime.secrets.SecretException;
import io.kecs.runtime.secrets.SecretReference;
import io.kecs.runtime.secrets.SecretSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.EnvironmentFile;

/**
 * A task's {@code secrets} and {@code environmentFiles} as one Kubernetes Secret ({@code
 * <object>-secrets}) holding every value, under a key per container and variable, which the
 * containers read with {@code secretKeyRef}. Values are read when the task starts, as ECS does; a
 * secret or file read once is not read again for another container of the same task. A Secret
 * rather than a ConfigMap holds the files' variables too, since environment files often carry
 * credentials.
 */
final class TaskSecrets {
  private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  private TaskSecrets() {}

  /**
   * The Secret and, per ECS container name, each variable's key in it: {@code keys} for secrets
   * (which win over every other variable), {@code fileKeys} for environment file variables (which
   * lose to the container's {@code environment}). A container's two key sets never share a
   * variable, so they never share a key.
   */
  record Resolved(
      Secret secret,
      Map<String, Map<String, String>> keys,
      Map<String, Map<String, String>> fileKeys) {}

  /** Whether any container has secrets or environment files (with the RunTask overrides). */
  static boolean any(TaskLaunch launch) {
    return launch.definition().containerDefinitions().stream()
        .anyMatch(
            c ->
                !c.secrets().isEmpty()
                    || !EnvironmentFiles.of(c, PodTranslator.override(launch.task(), c.name()))
                        .isEmpty());
  }

  static String nameFor(String objectName) {
    return objectName + "-secrets";
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

  static Resolved resolve(
      TaskLaunch launch, String namespace, String objectName, SecretSource source)
      throws SecretException {
    String region = Arn.parse(launch.task().clusterArn()).orElseThrow().region();
    Map<String, String> values = new HashMap<>();
    Map<String, String> data = new LinkedHashMap<>();
    Map<String, Map<String, String>> keys = new LinkedHashMap<>();
    for (ContainerDefinition c : launch.definition().containerDefinitions()) {
      for (software.amazon.awssdk.services.ecs.model.Secret s : c.secrets()) {
        String value = values.get(s.valueFrom());
        if (value == null) {
          value = source.value(SecretReference.parse(s.valueFrom(), region));
          values.put(s.valueFrom(), value);
        }
        put(data, keys, c.name(), s.name(), value);
      }
    }
    Map<String, Map<String, String>> fileKeys = new LinkedHashMap<>();
    Map<String, Map<String, String>> files = new HashMap<>();
    for (ContainerDefinition c : launch.definition().containerDefinitions()) {
      ContainerOverride override = PodTranslator.override(launch.task(), c.name());
      Set<String> shadowed = new HashSet<>();
      c.secrets().forEach(s -> shadowed.add(s.name()));
      ContainerTranslator.environment(c, override).stream()
          .map(EnvVar::getName)
          .forEach(shadowed::add);
      List<Map<String, String>> read = new ArrayList<>();
      for (EnvironmentFile f : EnvironmentFiles.of(c, override)) {
        Map<String, String> vars = files.get(f.value());
        if (vars == null) {
          vars = EnvironmentFiles.parse(source.envFile(EnvFileReference.parse(f.value()), region));
          files.put(f.value(), vars);
        }
        read.add(vars);
      }
      for (Map.Entry<String, String> v : EnvironmentFiles.merge(read).entrySet()) {
        if (!shadowed.contains(v.getKey())) {
          put(data, fileKeys, c.name(), v.getKey(), v.getValue());
        }
      }
    }
    Secret secret =
        new SecretBuilder()
            .withMetadata(PodLabels.prepared(launch, namespace, nameFor(objectName)))
            .withType("Opaque")
            .withData(data)
            .build();
    return new Resolved(secret, keys, fileKeys);
  }

  private static void put(
      Map<String, String> data,
      Map<String, Map<String, String>> keys,
      String container,
      String variable,
      String value) {
    String key = key(container, variable);
    data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    keys.computeIfAbsent(container, k -> new LinkedHashMap<>()).put(variable, key);
  }
}
