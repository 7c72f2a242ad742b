package io.kecs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kecs.cli.cluster.InClusterEndpoint;
import io.kecs.cli.cluster.LocalClusters;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kecs cluster create}: create (or start, or reuse) a k3d cluster for KECS. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create a k3d cluster (or start a stopped one, or reuse a running one), write its context"
          + " into <home>/kubeconfig, and add Service kecs.kecs-system pointing at the docker host"
          + " so pods reach a KECS running there."
    })
final class ClusterCreateCommand implements Callable<Integer> {
  @ParentCommand ClusterCommand cluster;
  @Mixin HomeOption home;
  @Mixin OutputOptions output;

  @Parameters(
      arity = "0..1",
      paramLabel = "NAME",
      defaultValue = LocalClusters.DEFAULT_NAME,
      description = "Cluster name (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--agents",
      defaultValue = "0",
      description = "Agent (worker) nodes besides the server node (default: ${DEFAULT-VALUE}).")
  int agents;

  @Override
  public Integer call() {
    CliEnvironment env = cluster.environment();
    Progress progress = new Progress(env.err(), !output.text(), LocalClusters.ENSURE_STEPS);
    LocalClusters.Ready ready = cluster.clusters(home).ensure(name, agents, progress);
    PrintWriter out = env.out();
    if (output.json()) {
      out.println(
          new ObjectMapper()
              .createObjectNode()
              .put("name", name)
              .put("outcome", ready.how())
              .put("kubeconfig", ready.kubeconfig().toString())
              .put("context", ready.cluster().context())
              .put("inClusterEndpoint", InClusterEndpoint.url(4566))
              .toPrettyString());
    } else if (output.text()) {
      out.println("Cluster " + name + " is ready (" + ready.how() + ").");
      out.println(
          "  kubeconfig  " + ready.kubeconfig() + " (context " + ready.cluster().context() + ")");
      out.println(
          "  run KECS    kecs start --k3d"
              + (name.equals(LocalClusters.DEFAULT_NAME) ? "" : "=" + name));
      out.println(
          "  pods use    AWS_ENDPOINT_URL=" + InClusterEndpoint.url(4566) + " (KECS's port)");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
