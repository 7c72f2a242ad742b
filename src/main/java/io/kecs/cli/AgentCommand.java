package io.kecs.cli;

import io.kecs.agent.NodeAgent;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kecs agent}: the node agent containers reach at 169.254.170.2 (see NodeAgent). */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Answer the ECS agent's endpoints (task metadata, credentials) where containers look for"
          + " them, forwarding to KECS. Runs on every node (deploy/kubernetes/agent.yaml)."
    })
final class AgentCommand implements Callable<Integer> {
  @Option(
      names = "--listen-host",
      defaultValue = "169.254.170.2",
      description = "Address to answer on (default: ${DEFAULT-VALUE}, the ECS agent's).")
  String host;

  @Option(
      names = "--listen-port",
      defaultValue = "80",
      description = "Port to answer on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--kecs",
      defaultValue = "http://kecs.kecs-system.svc.cluster.local:4566",
      description = "KECS's API URL (default: ${DEFAULT-VALUE}).")
  URI kecs;

  @Override
  public Integer call() throws Exception {
    try (NodeAgent agent = NodeAgent.start(host, port, kecs)) {
      System.err.println("kecs agent: answering on " + host + ":" + agent.port() + " for " + kecs);
      agent.join();
    }
    return ExitCodes.OK;
  }
}
