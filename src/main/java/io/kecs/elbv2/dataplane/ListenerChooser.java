package io.kecs.elbv2.dataplane;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * Which listener serves a request that reached KECS's port. Every listener of every load balancer
 * shares that port, so: the listener whose port is the one in the Host header (as a client
 * addressing {@code http://web-1.us-east-1.elb.localhost:8080} means the 8080 listener), else the
 * served listener with the lowest port. Served listeners are HTTP ones, and a network load
 * balancer's TCP ones (for HTTP traffic only).
 */
final class ListenerChooser {
  private ListenerChooser() {}

  static Optional<Listener> choose(List<Listener> listeners, Integer hostPort) {
    List<Listener> served = listeners.stream().filter(ListenerChooser::served).toList();
    if (hostPort != null) {
      for (Listener l : served) {
        if (hostPort.equals(l.port())) {
          return Optional.of(l);
        }
      }
    }
    return served.stream().min(Comparator.comparingInt(Listener::port));
  }

  static boolean served(Listener l) {
    String p = l.protocolAsString();
    return "HTTP".equals(p) || "TCP".equals(p) || "TCP_UDP".equals(p);
  }
}
