package io.kecs.runtime.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kecs.identity.Arn;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.secrets.SecretException;
import io.kecs.runtime.secrets.SecretReference;
import io.kecs.runtime.secrets.SecretSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * {@code repositoryCredentials} as {@code kubernetes.io/dockerconfigjson} Secrets the pod names in
 * {@code imagePullSecrets}. Each distinct Secrets Manager secret a task's containers name becomes
 * one Secret ({@code <object>-registry}, then {@code -registry-2}, ...) with an {@code auths} entry
 * for the registry of every image that uses it, so two containers may pull from one registry with
 * different credentials (the kubelet tries each matching pull secret). They are read when the task
 * starts, as ECS does, so a rotated secret is used by the next task.
 */
final class RegistryCredentials {
  /** The key Docker and the kubelet use for Docker Hub. */
  static final String DOCKER_HUB = "https://index.docker.io/v1/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistryCredentials() {}

  /** A registry login from the secret's {@code {"username": ..., "password": ...}}. */
  record Login(String username, String password) {}

  /** The credentials parameters of a definition, in container order, each once. */
  static List<String> parameters(TaskDefinition def) {
    Set<String> params = new LinkedHashSet<>();
    for (ContainerDefinition c : def.containerDefinitions()) {
      String p = parameter(c);
      if (p != null) {
        params.add(p);
      }
    }
    return new ArrayList<>(params);
  }

  private static String parameter(ContainerDefinition c) {
    if (c.repositoryCredentials() == null) {
      return null;
    }
    String p = c.repositoryCredentials().credentialsParameter();
    return p == null || p.isEmpty() ? null : p;
  }

  /** The names of the Secrets an object gets, one per credentials parameter. */
  static List<String> namesFor(TaskDefinition def, String objectName) {
    List<String> names = new ArrayList<>();
    int n = parameters(def).size();
    for (int i = 0; i < n; i++) {
      names.add(objectName + "-registry" + (i == 0 ? "" : "-" + (i + 1)));
    }
    return names;
  }

  /**
   * The registry an image is pulled from, as Docker tells it: the first path component when it
   * looks like a host (has a {@code .} or {@code :}, or is {@code localhost}), else Docker Hub
   * (also for images naming {@code docker.io} or {@code index.docker.io}, which Docker reads as
   * Docker Hub).
   */
  static String registryOf(String image) {
    int slash = image.indexOf('/');
    if (slash > 0) {
      String first = image.substring(0, slash);
      if ((first.contains(".") || first.contains(":") || first.equals("localhost"))
          && !first.equals("docker.io")
          && !first.equals("index.docker.io")) {
        return first;
      }
    }
    return DOCKER_HUB;
  }

  /** {@code .dockerconfigjson}: one {@code auths} entry per registry. */
  static String dockerConfigJson(Map<String, Login> auths) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode entries = root.putObject("auths");
    auths.forEach(
        (registry, login) ->
            entries
                .putObject(registry)
                .put("username", login.username())
                .put("password", login.password())
                .put(
                    "auth",
                    Base64.getEncoder()
                        .encodeToString(
                            (login.username() + ":" + login.password())
                                .getBytes(StandardCharsets.UTF_8))));
    return root.toString();
  }

  /** The login a secret's value holds, or why it holds none, worded as the ECS agent words it. */
  static Login login(String secretValue) throws SecretException {
    if (secretValue == null || secretValue.isEmpty()) {
      throw new SecretException("asm fetching authorization data: empty secrets value");
    }
    JsonNode value;
    try {
      value = JSON.readTree(secretValue);
    } catch (IOException e) {
      value = null;
    }
    if (value == null
        || !value.isObject()
        || !textOrAbsent(value.get("username"))
        || !textOrAbsent(value.get("password"))) {
      throw new SecretException(
          "asm fetching authorization data: unable to unmarshal secret value, invalid schema");
    }
    String username = value.path("username").asText("");
    String password = value.path("password").asText("");
    if (username.isEmpty()) {
      throw new SecretException(
          "asm fetching username: AuthorizationData is malformed, empty field");
    }
    if (password.isEmpty()) {
      throw new SecretException(
          "asm fetching password: AuthorizationData is malformed, empty field");
    }
    return new Login(username, password);
  }

  private static boolean textOrAbsent(JsonNode node) {
    return node == null || node.isNull() || node.isTextual();
  }

  /** Reads every credentials secret of the task and makes its Secrets (none when none is named). */
  static List<Secret> resolve(
      TaskLaunch launch, String namespace, String objectName, SecretSource source)
      throws SecretException {
    TaskDefinition def = launch.definition();
    String region = Arn.parse(launch.task().clusterArn()).orElseThrow().region();
    List<String> params = parameters(def);
    List<String> names = namesFor(def, objectName);
    List<Secret> secrets = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      String param = params.get(i);
      Login login = login(source.value(SecretReference.secretsManager(param, region)));
      Map<String, Login> auths = new LinkedHashMap<>();
      for (ContainerDefinition c : def.containerDefinitions()) {
        if (param.equals(parameter(c)) && c.image() != null) {
          auths.put(registryOf(c.image()), login);
        }
      }
      String config = dockerConfigJson(auths);
      secrets.add(
          new SecretBuilder()
              .withMetadata(PodLabels.prepared(launch, namespace, names.get(i)))
              .withType("kubernetes.io/dockerconfigjson")
              .addToData(
                  ".dockerconfigjson",
                  Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8)))
              .build());
    }
    return secrets;
  }
}
