package io.kecs.server;

import io.kecs.elbv2.dataplane.TargetAddresses;
import io.kecs.runtime.TaskRuntime;
import io.kecs.runtime.simulated.SimulatedEcho;
import io.kecs.runtime.simulated.SimulatedRuntime;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How the load balancer data plane reaches target addresses under each runtime. On Kubernetes and
 * for loopback targets, as registered. In the simulated runtime a simulated task's address reaches
 * its containers' HTTP echo; any other non-loopback address is never connected to (simulated
 * addresses are not real) and behaves as a target that refuses connections.
 */
final class LoadBalancerTargets {
  private LoadBalancerTargets() {}

  static TargetAddresses of(TaskRuntime runtime) {
    if (!(runtime instanceof SimulatedRuntime simulated)) {
      return TargetAddresses.DIRECT;
    }
    SimulatedEcho echo = simulated.echo();
    return (ip, port) -> {
      if (!echo.answers(ip, port) && isLoopback(ip)) {
        return new TargetAddresses.Route(ip, port, null, null);
      }
      return new TargetAddresses.Route(
          "127.0.0.1", echo.port(), SimulatedEcho.HEADER, ip + ":" + port);
    };
  }

  private static boolean isLoopback(String ip) {
    if (!ip.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      // A literal (target ids of ip groups are validated), never looked up.
      return InetAddress.getByName(ip).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
