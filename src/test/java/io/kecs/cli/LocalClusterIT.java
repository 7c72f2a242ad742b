package io.kecs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kecs cluster create | list | info | delete} driving stand-in docker and k3d. */
class LocalClusterIT {
  @TempDir Path dir;
  private Path home;
  private StandIns tools;

  @BeforeEach
  void standIns() throws Exception {
    home = dir.resolve("home");
    tools = new StandIns(dir, "docker", "k3d");
  }

  @Test
  void createsReusesListsShowsAndDeletesACluster() throws Exception {
    Map<String, String> env = tools.env(home);
    CliRun created = CliRun.run(env, "cluster", "create");
    assertThat(created.exitCode()).as("%s", created).isZero();
    assertThat(created.out()).contains("Cluster kecs is ready (created).", "context k3d-kecs");
    assertThat(created.err())
        .contains("[1/4] Checking docker and k3d ... docker 27.5.1, k3d")
        .contains("Creating cluster 'kecs'") // k3d's own output, shown while it works
        .contains(
            "[4/4] In-cluster endpoint kecs.kecs-system.svc.cluster.local ... -> host.k3d.internal");
    Path kubeconfig = home.resolve("kubeconfig");
    assertThat(tools.calls())
        .containsExactly(
            "docker info --format {{.ServerVersion}}",
            "k3d cluster list --output json",
            "k3d cluster create kecs --agents 0 --wait --timeout 300s"
                + " --kubeconfig-update-default=false --kubeconfig-switch-context=false",
            "k3d cluster list --output json",
            "k3d kubeconfig merge kecs --output " + kubeconfig,
            "docker exec -i k3d-kecs-server-0 kubectl apply -f -");
    assertThat(Files.readString(tools.state.resolve("applied.yaml")))
        .contains(
            "kind: Service",
            "namespace: kecs-system",
            "type: ExternalName",
            "externalName: host.k3d.internal");
    assertThat(kubeconfig).exists();

    tools.clearCalls();
    CliRun again = CliRun.run(env, "cluster", "create", "-q");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).isEmpty();
    assertThat(again.err()).isEmpty();
    assertThat(tools.calls()).noneMatch(c -> c.startsWith("k3d cluster create"));

    CliRun list = CliRun.run(env, "cluster", "list", "-o", "json");
    JsonNode clusters = new ObjectMapper().readTree(list.out());
    assertThat(clusters).hasSize(1);
    assertThat(clusters.get(0).path("name").asText()).isEqualTo("kecs");
    assertThat(clusters.get(0).path("running").asBoolean()).isTrue();
    assertThat(CliRun.run(env, "cluster", "list").out())
        .contains("NAME", "kecs", "running", "k3d-kecs");

    CliRun info = CliRun.run(env, "cluster", "info");
    assertThat(info.exitCode()).isZero();
    assertThat(info.out())
        .contains(
            "Cluster kecs (running)",
            "https://0.0.0.0:6550",
            kubeconfig.toString(),
            "AWS_ENDPOINT_URL=http://kecs.kecs-system.svc.cluster.local:4566");

    tools.clearCalls();
    CliRun deleted = CliRun.run(env, "cluster", "delete");
    assertThat(deleted.exitCode()).isZero();
    assertThat(deleted.out()).contains("Cluster kecs deleted.");
    assertThat(tools.calls()).contains("k3d cluster delete kecs");
    assertThat(kubeconfig).doesNotExist(); // its only context is gone

    CliRun deletedAgain = CliRun.run(env, "cluster", "delete");
    assertThat(deletedAgain.exitCode()).isZero();
    assertThat(deletedAgain.out()).contains("No cluster named kecs.");

    CliRun infoOfNothing = CliRun.run(env, "cluster", "info");
    assertThat(infoOfNothing.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(infoOfNothing.err()).contains("No k3d cluster named kecs", "kecs cluster create");
    assertThat(CliRun.run(env, "cluster", "list").out()).contains("No k3d clusters.");
  }

  @Test
  void aStoppedClusterIsStartedAndANamedOneGetsItsOwnContext() throws Exception {
    Files.createDirectories(tools.state.resolve("clusters"));
    Files.writeString(tools.state.resolve("clusters/dev"), "stopped");
    CliRun r = CliRun.run(tools.env(home), "cluster", "create", "dev", "-o", "json");
    assertThat(r.exitCode()).as("%s", r).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("outcome").asText()).isEqualTo("started");
    assertThat(json.path("context").asText()).isEqualTo("k3d-dev");
    assertThat(r.err()).isEmpty(); // JSON output: no progress on stderr
    assertThat(tools.calls())
        .contains("k3d cluster start dev --wait --timeout 300s")
        .noneMatch(c -> c.startsWith("k3d cluster create"));
  }

  @Test
  void withoutK3dItSaysWhatToInstallAndRunsNothing() throws Exception {
    StandIns dockerOnly = new StandIns(dir.resolve("docker-only"), "docker");
    Map<String, String> env = dockerOnly.env(home);
    env.put("PATH", dockerOnly.bin.toString()); // nothing else: a machine without k3d
    CliRun r = CliRun.run(env, "cluster", "create");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err())
        .contains("not found on PATH: k3d", "Install k3d", "`kecs start` serves the whole ECS API")
        .doesNotContain("Install Docker");
    assertThat(dockerOnly.calls()).isEmpty();
  }

  @Test
  void startWithK3dButNoDockerStartsNothing() throws Exception {
    StandIns k3dOnly = new StandIns(dir.resolve("k3d-only"), "k3d");
    Map<String, String> env = k3dOnly.env(home);
    env.put("PATH", k3dOnly.bin.toString());
    CliRun r = CliRun.run(env, "start", "--k3d", "--home", home.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("not found on PATH: docker", "Install Docker");
    assertThat(home.resolve("kecs.pid")).doesNotExist();
  }

  @Test
  void aDockerDaemonThatIsDownIsNamed() throws Exception {
    Map<String, String> env = tools.env(home);
    env.put("DOCKER_DOWN", "1");
    CliRun r = CliRun.run(env, "cluster", "list");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err())
        .contains("daemon does not answer", "Cannot connect to the Docker daemon", "Start Docker");
    assertThat(tools.calls()).containsExactly("docker info --format {{.ServerVersion}}");
  }

  @Test
  void deletingKeepsTheContextsOfOtherClusters() throws Exception {
    Map<String, String> env = tools.env(home);
    assertThat(CliRun.run(env, "cluster", "create", "one", "-q").exitCode()).isZero();
    Path kubeconfig = home.resolve("kubeconfig");
    String one = Files.readString(kubeconfig);
    // a second context in the same file, as `k3d kubeconfig merge` makes it
    Files.writeString(
        kubeconfig,
        one.replace("users:\n", "users:\n- name: admin@k3d-two\n  user:\n    token: t\n")
            .replace(
                "contexts:\n",
                "contexts:\n- name: k3d-two\n  context:\n    cluster: k3d-two\n    user: admin@k3d-two\n")
            .replace(
                "clusters:\n",
                "clusters:\n- name: k3d-two\n  cluster:\n    server: https://0.0.0.0:6551\n"));
    assertThat(CliRun.run(env, "cluster", "delete", "one", "-q").exitCode()).isZero();
    String left = Files.readString(kubeconfig);
    assertThat(left).contains("k3d-two", "https://0.0.0.0:6551").doesNotContain("k3d-one");
    Config config = Serialization.unmarshal(left, Config.class);
    assertThat(config.getCurrentContext()).isEqualTo("k3d-two");
    assertThat(config.getContexts()).extracting(NamedContext::getName).containsExactly("k3d-two");
    assertThat(config.getUsers()).hasSize(1);
  }
}
