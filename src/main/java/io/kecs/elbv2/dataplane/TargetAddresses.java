package io.kecs.elbv2.dataplane;

/**
 * Where the data plane connects for a target's address. Targets are usually reached as registered;
 * a runtime whose task addresses are not real (the simulated one) maps them to what answers for
 * them on loopback. The one place every connection to a target (traffic and health checks) asks.
 */
@FunctionalInterface
public interface TargetAddresses {
  /** Targets reached at the address they were registered with. */
  TargetAddresses DIRECT = (ip, port) -> new Route(ip, port, null, null);

  Route resolve(String ip, int port);

  /**
   * @param header null, or a header to send (with {@code value}) so that one loopback server can
   *     answer for many target addresses
   */
  record Route(String host, int port, String header, String value) {}
}
