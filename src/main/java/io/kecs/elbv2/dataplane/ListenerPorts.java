package io.kecs.elbv2.dataplane;

import io.kecs.clock.Scheduler;
import io.kecs.elbv2.common.Elbv2Tables;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * With {@code --elb-listener-ports}: listeners also on their own port, on KECS's bind address, as
 * long as some load balancer has a served listener on it and the port is free (a port that cannot
 * be bound, say 80 without the privilege, is logged once and left to KECS's port). Kept in step
 * with the listeners every second.
 */
final class ListenerPorts implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerPorts.class);
  private static final String PREFIX = "kecs-elb-listener-";

  private final Elbv2Tables tables;
  private final Map<Integer, ServerConnector> bound = new ConcurrentHashMap<>();
  private final Set<Integer> refused = ConcurrentHashMap.newKeySet();
  private Server jetty;
  private String host;
  private Scheduler.Cancellable ticking;

  ListenerPorts(Elbv2Tables tables) {
    this.tables = tables;
  }

  synchronized void attach(Server jetty, String host, Scheduler scheduler) {
    this.jetty = jetty;
    this.host = host;
    reconcile();
    ticking = scheduler.every(Duration.ofSeconds(1), this::reconcile);
  }

  /** The listener port a request came in on, or null when it came to KECS's own port. */
  Integer portOf(Request request) {
    if (bound.isEmpty()) {
      return null;
    }
    String name = request.getConnectionMetaData().getConnector().getName();
    return name != null && name.startsWith(PREFIX)
        ? Integer.valueOf(name.substring(PREFIX.length()))
        : null;
  }

  synchronized void reconcile() {
    if (jetty == null) {
      return;
    }
    Set<Integer> wanted = new TreeSet<>();
    for (Listener l : tables.listeners.all()) {
      if (ListenerChooser.served(l) && l.port() != null) {
        wanted.add(l.port());
      }
    }
    for (Integer port : new HashSet<>(bound.keySet())) {
      if (!wanted.contains(port)) {
        ServerConnector c = bound.remove(port);
        try {
          c.stop();
        } catch (Exception e) {
          // closing is best effort
        }
        jetty.removeConnector(c);
      }
    }
    for (Integer port : wanted) {
      if (!bound.containsKey(port)) {
        bind(port);
      }
    }
    refused.retainAll(wanted);
  }

  private void bind(int port) {
    ServerConnector c = new ServerConnector(jetty, 1, 1);
    c.setName(PREFIX + port);
    c.setHost(host);
    c.setPort(port);
    try {
      jetty.addConnector(c);
      c.start();
      bound.put(port, c);
      refused.remove(port);
      LOG.info("Load balancer listeners on port {} are also served on {}:{}", port, host, port);
    } catch (Exception e) {
      jetty.removeConnector(c);
      if (refused.add(port)) {
        LOG.warn(
            "Load balancer listeners on port {} stay on KECS's port only: cannot bind {}:{}: {}",
            port,
            host,
            port,
            e.getMessage());
      }
    }
  }

  @Override
  public synchronized void close() {
    if (ticking != null) {
      ticking.cancel();
    }
    jetty = null;
  }
}
