package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.secrets.SecretException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryCredentialsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEAM =
      "arn:aws:secretsmanager:eu-west-1:000000000000:secret:registry/team-AbC123";

  @Test
  void theRegistryIsTheFirstPathComponentWhenItLooksLikeAHostElseDockerHub() {
    assertThat(RegistryCredentials.registryOf("nginx")).isEqualTo("https://index.docker.io/v1/");
    assertThat(RegistryCredentials.registryOf("nginx:1.27"))
        .isEqualTo(RegistryCredentials.DOCKER_HUB);
    assertThat(RegistryCredentials.registryOf("acme/app:1"))
        .isEqualTo(RegistryCredentials.DOCKER_HUB);
    assertThat(RegistryCredentials.registryOf("docker.io/library/nginx"))
        .isEqualTo(RegistryCredentials.DOCKER_HUB);
    assertThat(RegistryCredentials.registryOf("ghcr.io/acme/app:1")).isEqualTo("ghcr.io");
    assertThat(RegistryCredentials.registryOf("registry.example.com:5000/team/app@sha256:ab"))
        .isEqualTo("registry.example.com:5000");
    assertThat(RegistryCredentials.registryOf("localhost/app")).isEqualTo("localhost");
    assertThat(RegistryCredentials.registryOf("myregistry:5000/app")).isEqualTo("myregistry:5000");
    assertThat(
            RegistryCredentials.registryOf(
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest"))
        .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com");
  }

  @Test
  void theDockerConfigHasAnAuthsEntryPerRegistry() throws Exception {
    Map<String, RegistryCredentials.Login> auths = new LinkedHashMap<>();
    auths.put("ghcr.io", new RegistryCredentials.Login("bot", "p:ss"));
    auths.put(RegistryCredentials.DOCKER_HUB, new RegistryCredentials.Login("me", "pw"));
    JsonNode config = JSON.readTree(RegistryCredentials.dockerConfigJson(auths));
    assertThat(config.fieldNames()).toIterable().containsExactly("auths");
    JsonNode ghcr = config.get("auths").get("ghcr.io");
    assertThat(ghcr.get("username").asText()).isEqualTo("bot");
    assertThat(ghcr.get("password").asText()).isEqualTo("p:ss");
    assertThat(decode(ghcr.get("auth").asText())).isEqualTo("bot:p:ss");
    assertThat(decode(config.get("auths").get("https://index.docker.io/v1/").get("auth").asText()))
        .isEqualTo("me:pw");
  }

  @Test
  void aSecretWithoutUsernameAndPasswordIsRefusedAsTheEcsAgentWordsIt() {
    String prefix =
        "unable to pull secrets or registry auth: execution resource retrieval failed: ";
    assertThatThrownBy(() -> RegistryCredentials.login("not json"))
        .isInstanceOf(SecretException.class)
        .hasMessage(
            prefix
                + "asm fetching authorization data: unable to unmarshal secret value, invalid schema");
    assertThatThrownBy(() -> RegistryCredentials.login("{\"username\": 7, \"password\": \"x\"}"))
        .hasMessageEndingWith("invalid schema");
    assertThatThrownBy(() -> RegistryCredentials.login(""))
        .hasMessage(prefix + "asm fetching authorization data: empty secrets value");
    assertThatThrownBy(() -> RegistryCredentials.login("{\"password\": \"x\"}"))
        .hasMessage(prefix + "asm fetching username: AuthorizationData is malformed, empty field");
    assertThatThrownBy(() -> RegistryCredentials.login("{\"username\": \"u\", \"password\": \"\"}"))
        .hasMessage(prefix + "asm fetching password: AuthorizationData is malformed, empty field");
  }

  @Test
  void eachCredentialsSecretBecomesOneDockerConfigSecretForTheRegistriesThatUseIt()
      throws Exception {
    TaskLaunch launch = PodTranslatorTest.launch("env-files-and-registry");
    FakeSource source =
        new FakeSource()
            .value(TEAM, "{\"username\":\"team\",\"password\":\"t-pw\",\"extra\":1}")
            .value("ghcr-creds", "{\"username\":\"bot\",\"password\":\"g-pw\"}");
    List<Secret> secrets = RegistryCredentials.resolve(launch, "ns", "shop-1", source);
    assertThat(source.asked).containsExactly(TEAM + "@eu-west-1", "ghcr-creds@eu-west-1");
    assertThat(secrets)
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("shop-1-registry", "shop-1-registry-2")
        .isEqualTo(RegistryCredentials.namesFor(launch.definition(), "shop-1"));
    Secret team = secrets.get(0);
    assertThat(team.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
    assertThat(team.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "kecs")
        .containsEntry("kecs.io/task-id", PodTranslatorTest.TASK_ID);
    JsonNode auths = JSON.readTree(decode(team.getData().get(".dockerconfigjson"))).get("auths");
    assertThat(auths.fieldNames())
        .toIterable()
        .containsExactly("registry.example.com:5000", "https://index.docker.io/v1/");
    assertThat(decode(auths.get("registry.example.com:5000").get("auth").asText()))
        .isEqualTo("team:t-pw");
    JsonNode ghcr =
        JSON.readTree(decode(secrets.get(1).getData().get(".dockerconfigjson"))).get("auths");
    assertThat(ghcr.fieldNames()).toIterable().containsExactly("ghcr.io");
  }

  @Test
  void aDefinitionWithoutCredentialsNeedsNoSecret() throws Exception {
    TaskLaunch launch = PodTranslatorTest.launch("secrets-and-role");
    assertThat(RegistryCredentials.resolve(launch, "ns", "x", new FakeSource())).isEmpty();
    assertThat(RegistryCredentials.namesFor(launch.definition(), "x")).isEmpty();
  }

  private static String decode(String b64) {
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }
}
