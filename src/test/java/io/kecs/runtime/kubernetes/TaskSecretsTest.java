package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.secrets.SecretException;
import io.kecs.runtime.secrets.SecretSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSecretsTest {
  @Test
  void keysAreContainerAndVariableAndHashedWhenTheVariableIsNoValidKey() {
    assertThat(TaskSecrets.key("api", "DB_PASSWORD")).isEqualTo("api.DB_PASSWORD");
    assertThat(TaskSecrets.key("metrics_agent", "KEY")).matches("metrics-agent-[0-9a-f]{8}\\.KEY");
    assertThat(TaskSecrets.key("api", "A B")).matches("api\\.A_B-[0-9a-f]{8}");
  }

  @Test
  void everyValueIsReadOnceAndKeptUnderEachContainersKey() throws Exception {
    TaskLaunch launch = PodTranslatorTest.launch("secrets-and-role");
    List<String> asked = new ArrayList<>();
    TaskSecrets.Resolved r =
        TaskSecrets.resolve(
            launch,
            "ns",
            "api-1",
            ref -> {
              asked.add(ref.id());
              return "v:" + ref.id();
            });
    assertThat(asked)
        .containsExactly(
            "arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/db-AbCdEf", "/prod/api/key");
    Secret s = r.secret();
    assertThat(s.getMetadata().getName()).isEqualTo("api-1-secrets");
    assertThat(s.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "kecs");
    assertThat(decode(s.getData().get("api.API_KEY"))).isEqualTo("v:/prod/api/key");
    assertThat(r.keys().get("api")).containsOnlyKeys("DB_PASSWORD", "API_KEY");
    assertThat(r.keys().get("metrics_agent")).containsOnlyKeys("API_KEY");
  }

  @Test
  void theFirstSecretThatCannotBeReadFailsTheWholeTask() throws Exception {
    TaskLaunch launch = PodTranslatorTest.launch("secrets-and-role");
    assertThatThrownBy(() -> TaskSecrets.resolve(launch, "ns", "api-1", SecretSource.NONE))
        .isInstanceOf(SecretException.class)
        .hasMessage(
            "unable to pull secrets or registry auth: execution resource retrieval failed: unable"
                + " to retrieve secret from asm: no AWS endpoint to read"
                + " arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/db-AbCdEf from is"
                + " configured (start KECS with --aws-backend)");
  }

  @Test
  void environmentFilesGoIntoTheSameSecretAndLoseToEnvironmentAndSecrets() throws Exception {
    TaskLaunch launch = PodTranslatorTest.launch("env-files-and-registry");
    FakeSource source =
        new FakeSource()
            .value("/shop/db/password", "db-pw")
            .file(
                "arn:aws:s3:::shop-config/common.env",
                "# shared\nREGION=eu\nLOG_LEVEL=info\nDB_PASSWORD=from-file\nFEATURE=common\n")
            .file("arn:aws:s3:::shop-config/app.env", "FEATURE=app\nAPP_ONLY=yes\n")
            .file("arn:aws:s3:::shop-config/proxy-canary.env", "ADMIN_PORT=1\nCANARY=true\n");
    TaskSecrets.Resolved r = TaskSecrets.resolve(launch, "ns", "shop-1", source);
    // Each file is read once per task, and the proxy's override replaces its definition's file.
    assertThat(source.asked)
        .containsExactly(
            "/shop/db/password@eu-west-1",
            "arn:aws:s3:::shop-config/common.env@eu-west-1",
            "arn:aws:s3:::shop-config/app.env@eu-west-1",
            "arn:aws:s3:::shop-config/proxy-canary.env@eu-west-1");
    assertThat(r.keys().get("app")).containsOnlyKeys("DB_PASSWORD");
    // LOG_LEVEL is in environment, DB_PASSWORD a secret; FEATURE from the first file.
    assertThat(r.fileKeys().get("app")).containsOnlyKeys("REGION", "FEATURE", "APP_ONLY");
    assertThat(decode(r.secret().getData().get(r.fileKeys().get("app").get("FEATURE"))))
        .isEqualTo("common");
    // ADMIN_PORT is set by the override's environment.
    assertThat(r.fileKeys().get("proxy")).containsOnlyKeys("CANARY");
    assertThat(r.fileKeys()).doesNotContainKey("tools");
    assertThat(r.secret().getData())
        .containsOnlyKeys(
            "app.DB_PASSWORD", "app.REGION", "app.FEATURE", "app.APP_ONLY", "proxy.CANARY");
    assertThat(TaskSecrets.any(launch)).isTrue();
  }

  @Test
  void anEnvironmentFileThatCannotBeReadFailsTheTask() throws Exception {
    TaskLaunch launch = PodTranslatorTest.launch("env-files-and-registry");
    FakeSource source = new FakeSource().value("/shop/db/password", "db-pw");
    assertThatThrownBy(() -> TaskSecrets.resolve(launch, "ns", "shop-1", source))
        .hasMessage(
            "failed to download env files: unable to download env file with key common.env from"
                + " bucket shop-config, error: NoSuchKey");
    assertThatThrownBy(
            () ->
                TaskSecrets.resolve(
                    launch,
                    "ns",
                    "shop-1",
                    new SecretSource() {
                      @Override
                      public String value(io.kecs.runtime.secrets.SecretReference ref) {
                        return "v";
                      }
                    }))
        .hasMessage(
            "failed to download env files: unable to download env file with key common.env from"
                + " bucket shop-config, error: no AWS endpoint to read"
                + " arn:aws:s3:::shop-config/common.env from is configured (start KECS with"
                + " --aws-backend)");
  }

  private static String decode(String b64) {
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }
}
