package io.kecs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kecs start --k3d} run from the packaged jar with stand-in docker and k3d on its PATH: it
 * makes the cluster, writes the kubeconfig (pointing at fabric8's mock API server, the only one
 * available here) and starts the server with the Kubernetes runtime on it.
 */
class StartK3dIT {
  @TempDir Path dir;
  private KubernetesMockServer api;

  @BeforeEach
  void mockApiServer() {
    api =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesMixedDispatcher(new HashMap<>()),
            false);
    api.init();
  }

  @AfterEach
  void stopMock() {
    api.destroy();
  }

  @Test
  void startsKecsOnTheK3dCluster() throws Exception {
    Path home = dir.resolve("home");
    StandIns tools = new StandIns(dir, "docker", "k3d");
    Map<String, String> env = new HashMap<>(tools.env(home));
    env.put("KUBE_SERVER", "http://localhost:" + api.getPort());
    try {
      JarRun start =
          JarRun.run(
              env,
              "start",
              "--k3d",
              "--port=0",
              "--admin-port=-1",
              "--ephemeral",
              "--bind=127.0.0.1",
              "--timeout=60");
      Path kubeconfig = home.resolve("kubeconfig");
      assertThat(tools.calls())
          .contains(
              "k3d cluster create kecs --agents 0 --wait --timeout 300s"
                  + " --kubeconfig-update-default=false --kubeconfig-switch-context=false",
              "k3d kubeconfig merge kecs --output " + kubeconfig,
              "docker exec -i k3d-kecs-server-0 kubectl apply -f -");
      String log = Files.readString(home.resolve("kecs.log"));
      assertThat(log)
          .contains(
              "server --port=0 --admin-port=-1 --ephemeral --bind=127.0.0.1 --runtime=kubernetes"
                  + " --kubeconfig="
                  + kubeconfig
                  + " --context=k3d-kecs --run-file=");
      if (serverHasRuntimeOption()) {
        assertThat(start.exitCode()).as("%s\n%s", start, log).isZero();
        assertThat(start.out())
            .contains(
                "runtime   kubernetes",
                "In pods:  AWS_ENDPOINT_URL=http://kecs.kecs-system.svc.cluster.local:");
      } else {
        // Until the Kubernetes runtime lands, the server refuses the runtime options and start
        // says so, leaving nothing behind.
        assertThat(start.exitCode()).as("%s", start).isEqualTo(ExitCodes.ERROR);
        assertThat(start.err()).contains("KECS exited during start-up", "--runtime=kubernetes");
        assertThat(home.resolve("kecs.pid")).doesNotExist();
      }
    } finally {
      JarRun.run(env, "stop", "--force", "-q");
    }
  }

  private static boolean serverHasRuntimeOption() {
    return CommandSpec.forAnnotatedObject(new ServerCommand()).findOption("--runtime") != null;
  }
}
