package io.kecs.elbv2.dataplane;

import io.kecs.clock.Scheduler;
import io.kecs.elbv2.common.Elbv2Tables;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/**
 * The data plane of every load balancer: the health checker and the request handler, built over the
 * module's tables.
 */
public final class DataPlane implements AutoCloseable {
  /** How long a target may stay silent mid-request (an ALB's default idle timeout). */
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

  private final Elbv2Tables tables;
  private final TargetAddresses addresses;
  private final HealthChecker health;
  private final ListenerPorts ports;
  private final Scheduler scheduler;

  /**
   * @param second how long one ELBv2 second (health check intervals and timeouts) lasts
   */
  public DataPlane(
      Elbv2Tables tables, Scheduler scheduler, TargetAddresses addresses, Duration second) {
    this.tables = tables;
    this.addresses = addresses;
    this.health = new HealthChecker(tables, scheduler, addresses, second);
    this.ports = new ListenerPorts(tables);
    this.scheduler = scheduler;
  }

  /** The live health of a target by its table key, once health checks run for it. */
  public Optional<TargetHealth> health(String targetKey) {
    return health.health(targetKey);
  }

  /** Load balancer traffic in front of {@code next}, which gets every other request. */
  public Handler handler(Handler next) {
    return new DataPlaneHandler(
        next,
        tables,
        new TargetPicker(tables, health),
        addresses,
        new TargetProxy(IDLE_TIMEOUT),
        ports);
  }

  public void start() {
    health.start();
  }

  /**
   * Serves listeners on their own ports too (on {@code host}), when free; call once {@code jetty}
   * runs.
   */
  public void bindListenerPorts(org.eclipse.jetty.server.Server jetty, String host) {
    ports.attach(jetty, host, scheduler);
  }

  @Override
  public void close() {
    ports.close();
    health.close();
  }
}
