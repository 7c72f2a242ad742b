package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.runtime.ManagedEbsVolume;
import io.kecs.runtime.TaskLaunch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskOverride;
import software.amazon.awssdk.services.ecs.model.TaskVolumeConfiguration;

/**
 * Task definitions (with RunTask overrides) as pods, compared with golden YAML files. After a
 * deliberate change, run with {@code -Dkecs.updateGolden=true} and review the diff.
 */
class PodTranslatorTest {
  static final String TASK_ID = "0123456789abcdef0123456789abcdef";
  static final String VOLUME_ID = "vol-0123456789abcdef0";
  private static final AwsJsonCodec CODEC = new AwsJsonCodec();
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "web-with-sidecar",
        "batch-job",
        "depends-on",
        "health-checks",
        "volumes",
        "host-network"
      })
  void translatesToGoldenPod(String name) throws IOException {
    TaskLaunch launch = launch(name);
    Arn cluster = Arn.parse(launch.task().clusterArn()).orElseThrow();
    Pod pod = PodTranslator.translate(launch, Namespaces.nameOf(cluster, "000000000000"));
    assertGolden(name, Serialization.asYaml(pod));
  }

  /**
   * An EC2 task placed on a node's container instance, with a task role and secrets: what the
   * runtime prepares in the cluster ({@link PodInputs}) shows in the pod.
   */
  @Test
  void translatesRoleSecretsAndNodeToGoldenPod() throws Exception {
    TaskLaunch fixture = launch("secrets-and-role");
    TaskLaunch launch =
        new TaskLaunch(
            fixture.task().toBuilder()
                .launchType("EC2")
                .capacityProviderName("spot-nodes")
                .containerInstanceArn(
                    "arn:aws:ecs:us-east-1:000000000000:container-instance/Prod_Cluster/"
                        + "9f0e8d7c6b5a49384736251403928170")
                .build(),
            fixture.definition());
    Arn cluster = Arn.parse(launch.task().clusterArn()).orElseThrow();
    String ns = Namespaces.nameOf(cluster, "000000000000");
    String podName = KubeNames.podName("api", TASK_ID);
    TaskSecrets.Resolved secrets =
        TaskSecrets.resolve(launch, ns, podName, ref -> "value-of-" + ref.id());
    PodInputs inputs =
        new PodInputs(
            "ip-10-0-1-17.ec2.internal",
            ServiceAccounts.nameOf(ServiceAccounts.roleOf(launch, cluster), cluster),
            secrets.secret().getMetadata().getName(),
            secrets.keys());
    assertGolden(
        "secrets-and-role", Serialization.asYaml(PodTranslator.translate(launch, ns, inputs)));
  }

  /**
   * Environment files, secrets and registry credentials prepared as {@link PodInputs}: file
   * variables lose to {@code environment} (also the override's) and to secrets, and the pod pulls
   * with the dockerconfigjson Secrets.
   */
  @Test
  void translatesEnvironmentFilesAndRegistryCredentialsToGoldenPod() throws Exception {
    TaskLaunch launch = launch("env-files-and-registry");
    Arn cluster = Arn.parse(launch.task().clusterArn()).orElseThrow();
    String ns = Namespaces.nameOf(cluster, "000000000000");
    String podName = KubeNames.podName("shop", TASK_ID);
    FakeSource source =
        new FakeSource()
            .value("/shop/db/password", "db-pw")
            .file("arn:aws:s3:::shop-config/common.env", "LOG_LEVEL=info\nDB_PASSWORD=f\nA=1\n")
            .file("arn:aws:s3:::shop-config/app.env", "A=2\nB=2\n")
            .file("arn:aws:s3:::shop-config/proxy-canary.env", "ADMIN_PORT=1\nCANARY=true\n");
    TaskSecrets.Resolved values = TaskSecrets.resolve(launch, ns, podName, source);
    PodInputs inputs =
        new PodInputs(
            null,
            null,
            values.secret().getMetadata().getName(),
            values.keys(),
            values.fileKeys(),
            RegistryCredentials.namesFor(launch.definition(), podName));
    assertGolden(
        "env-files-and-registry",
        Serialization.asYaml(PodTranslator.translate(launch, ns, inputs)));
  }

  /**
   * A volume configured at launch: the task's EBS volume as a generic ephemeral volume, on the
   * StorageClass {@code --ebs-storage-classes} names for its type; mounts (also through {@code
   * volumesFrom}) work as for other volumes.
   */
  @Test
  void translatesEbsVolumeToGoldenPod() throws IOException {
    TaskLaunch launch = launch("ebs-volume");
    Arn cluster = Arn.parse(launch.task().clusterArn()).orElseThrow();
    EbsStorageClasses classes =
        new EbsStorageClasses(EbsStorageClasses.parse("io2=fast-ssd,*=standard"));
    Pod pod =
        PodTranslator.translate(
            launch, Namespaces.nameOf(cluster, "000000000000"), PodInputs.NONE, classes);
    assertGolden("ebs-volume", Serialization.asYaml(pod));
  }

  private static void assertGolden(String name, String yaml) throws IOException {
    Path golden = Path.of("src/test/resources/kubernetes/pods", name + ".yaml");
    if (Boolean.getBoolean("kecs.updateGolden")) {
      Files.writeString(golden, yaml);
    }
    assertThat(golden).as("golden file; write it with -Dkecs.updateGolden=true").exists();
    assertThat(yaml).isEqualTo(Files.readString(golden));
  }

  /** A task as RunTask creates it in cluster {@code Prod_Cluster}, from a fixture. */
  static TaskLaunch launch(String fixture) throws IOException {
    JsonNode root;
    try (InputStream in =
        PodTranslatorTest.class.getResourceAsStream("/kubernetes/tasks/" + fixture + ".json")) {
      root = JSON.readTree(in);
    }
    TaskDefinition def = CODEC.read(bytes(root.get("taskDefinition")), TaskDefinition.class);
    TaskOverride overrides =
        root.has("overrides")
            ? CODEC.read(bytes(root.get("overrides")), TaskOverride.class)
            : TaskOverride.builder().build();
    Arn defArn = Arn.parse(def.taskDefinitionArn()).orElseThrow();
    Arn cluster = new Arn("aws", "ecs", defArn.region(), defArn.account(), "cluster/Prod_Cluster");
    Arn task =
        new Arn("aws", "ecs", defArn.region(), defArn.account(), "task/Prod_Cluster/" + TASK_ID);
    Task t =
        Task.builder()
            .taskArn(task.toString())
            .clusterArn(cluster.toString())
            .taskDefinitionArn(def.taskDefinitionArn())
            .overrides(overrides)
            .cpu(overrides.cpu() != null ? overrides.cpu() : def.cpu())
            .memory(overrides.memory() != null ? overrides.memory() : def.memory())
            .lastStatus("PROVISIONING")
            .desiredStatus("RUNNING")
            .attachments(volumeAttachments(root))
            .build();
    return new TaskLaunch(t, def);
  }

  /** The EBS volume of the fixture's {@code volumeConfigurations}, attached as RunTask does. */
  private static List<Attachment> volumeAttachments(JsonNode root) throws IOException {
    List<Attachment> out = new ArrayList<>();
    if (root.has("volumeConfigurations")) {
      for (JsonNode c : root.get("volumeConfigurations")) {
        ManagedEbsVolume v =
            ManagedEbsVolume.of(CODEC.read(bytes(c), TaskVolumeConfiguration.class));
        out.add(v.attachment("6f9d3c1e-0000-4000-8000-000000000001", VOLUME_ID, "ATTACHING"));
      }
    }
    return out;
  }

  private static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }
}
