package io.kecs.cli.cluster;

import io.kecs.cli.CliFailure;
import io.kecs.cli.local.KecsHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * k3d clusters for KECS: create or reuse one, write its kubeconfig into the KECS home, and give it
 * the in-cluster name of the ECS endpoint. Everything goes through the docker and k3d executables
 * found on the PATH; when they are missing the failure says what to install.
 */
public final class LocalClusters {
  public static final String DEFAULT_NAME = "kecs";

  /** Steps {@link #ensure} reports. */
  public static final int ENSURE_STEPS = 4;

  private final Tools tools;
  private final KecsHome home;

  public LocalClusters(Tools tools, KecsHome home) {
    this.tools = tools;
    this.home = home;
  }

  /** A cluster ready for KECS. */
  public record Ready(K3dCluster cluster, Path kubeconfig, String how) {}

  public Ready ensure(String name, int agents, Steps steps) {
    steps.begin("Checking docker and k3d");
    Found found = require();
    steps.done("docker " + found.daemonVersion() + ", k3d");

    steps.begin("Cluster " + name);
    Optional<K3dCluster> existing = found.k3d().find(name);
    String how;
    if (existing.isEmpty()) {
      found.k3d().create(name, agents, steps::detail);
      how = "created";
    } else if (!existing.get().running()) {
      found.k3d().start(name, steps::detail);
      how = "started";
    } else {
      how = "reused";
    }
    K3dCluster cluster =
        found
            .k3d()
            .find(name)
            .orElseThrow(() -> new CliFailure("k3d lists no cluster " + name + " after " + how));
    steps.done(how);

    steps.begin("Writing " + home.kubeconfig());
    home.create();
    found.k3d().mergeKubeconfig(List.of(name), home.kubeconfig(), false);
    steps.done("context " + cluster.context());

    steps.begin("In-cluster endpoint " + InClusterEndpoint.dnsName());
    found.docker().kubectlApply(cluster.serverContainer(), InClusterEndpoint.manifest());
    steps.done("-> " + InClusterEndpoint.HOST_GATEWAY);
    return new Ready(cluster, home.kubeconfig(), how);
  }

  /** Deletes a cluster and its context; false when there was no such cluster. */
  public boolean delete(String name, Steps steps) {
    steps.begin("Checking docker and k3d");
    Found found = require();
    steps.done("docker " + found.daemonVersion() + ", k3d");
    steps.begin("Deleting cluster " + name);
    boolean existed = found.k3d().find(name).isPresent();
    if (existed) {
      found.k3d().delete(name, steps::detail);
    }
    KubeconfigFile.removeContext(home.kubeconfig(), K3dCluster.contextOf(name));
    steps.done(existed ? "deleted" : "no such cluster");
    return existed;
  }

  public List<K3dCluster> list() {
    return require().k3d().list();
  }

  public Optional<K3dCluster> find(String name) {
    return require().k3d().find(name);
  }

  /** The API server a cluster's context in the KECS home's kubeconfig points at. */
  public Optional<String> apiServer(String name) {
    return KubeconfigFile.serverOf(home.kubeconfig(), K3dCluster.contextOf(name));
  }

  private record Found(K3d k3d, Docker docker, String daemonVersion) {}

  private Found require() {
    Optional<Path> docker = tools.find("docker");
    Optional<Path> k3d = tools.find("k3d");
    List<String> missing = new ArrayList<>();
    docker.ifPresentOrElse(p -> {}, () -> missing.add("docker"));
    k3d.ifPresentOrElse(p -> {}, () -> missing.add("k3d"));
    if (!missing.isEmpty()) {
      throw new CliFailure(missingMessage(missing));
    }
    Docker d = new Docker(tools, docker.get());
    return new Found(new K3d(tools, k3d.get()), d, d.requireDaemon());
  }

  static String missingMessage(List<String> missing) {
    StringBuilder sb =
        new StringBuilder("a local Kubernetes cluster needs docker and k3d; not found on PATH: ")
            .append(String.join(", ", missing))
            .append('.');
    if (missing.contains("docker")) {
      sb.append(
          "\n  Install Docker: https://docs.docker.com/engine/install/"
              + " (Debian/Ubuntu: `sudo apt-get install docker.io`; macOS/Windows: Docker Desktop)");
    }
    if (missing.contains("k3d")) {
      sb.append("\n  Install k3d:    https://k3d.io (a single binary on your PATH)");
    }
    sb.append(
        "\n  Without a cluster: `kecs start` serves the whole ECS API; tasks run on a simulated"
            + " runtime."
            + "\n  With a cluster you already have (kind, minikube, Docker Desktop, a real one):"
            + " `kecs start --runtime kubernetes --kubeconfig FILE --context NAME`.");
    return sb.toString();
  }
}
