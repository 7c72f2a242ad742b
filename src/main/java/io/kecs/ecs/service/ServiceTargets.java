package io.kecs.ecs.service;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.common.KeyedWorkQueue;
import io.kecs.ecs.task.InstanceCatalog;
import io.kecs.ecs.task.TaskLifecycle;
import io.kecs.ecs.task.TaskListener;
import io.kecs.ecs.task.TaskStore;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.registry.LoadBalancerTargets;
import io.kecs.store.ResetGate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Keeps the tasks of services with {@code loadBalancers} registered in their target groups, as ECS
 * does: a RUNNING task is registered (its ENI's IP and the container port for awsvpc, its container
 * instance's EC2 instance id and the host port for bridge and host); a task asked to stop waits in
 * DEACTIVATING while its targets are deregistered and drain, then stops; a target found unhealthy
 * after the service's {@code healthCheckGracePeriodSeconds} gets its task stopped, and the
 * scheduler replaces it. Work is keyed by task ARN on one queue; targets are polled, since ELBv2
 * tells nobody when a target's health changes.
 */
final class ServiceTargets implements TaskListener, AutoCloseable {
  /** How often draining and registered targets are looked at again. */
  static final Duration POLL = Duration.ofSeconds(1);

  private final ServiceStore services;
  private final TaskStore tasks;
  private final TaskLifecycle lifecycle;
  private final Scheduler clock;
  private final LoadBalancerRules rules;
  private final KeyedWorkQueue queue;
  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  // What each task was registered as: its container instance may no longer be placeable (DRAINING)
  // by the time it is deregistered.
  private final Map<String, List<Target>> known = new ConcurrentHashMap<>();
  private volatile InstanceCatalog instances = InstanceCatalog.NONE;

  ServiceTargets(
      ServiceStore services,
      TaskStore tasks,
      TaskLifecycle lifecycle,
      Scheduler clock,
      LoadBalancerRules rules,
      ResetGate gate) {
    this.services = services;
    this.tasks = tasks;
    this.lifecycle = lifecycle;
    this.clock = clock;
    this.rules = rules;
    this.queue = new KeyedWorkQueue("kecs-service-targets", gate, this::reconcile);
  }

  void connect(InstanceCatalog instances) {
    this.instances = instances;
  }

  /** Picks up tasks left DEACTIVATING or registered by the previous run, then polls. */
  void start() {
    if (rules.targets() == null) {
      return;
    }
    for (Task t : tasks.all()) {
      if (ServiceTaskIndex.serviceOf(t) != null && !"STOPPED".equals(t.lastStatus())) {
        queue.add(t.taskArn());
      }
    }
    clock.every(POLL, () -> watched.forEach(queue::add));
  }

  /**
   * Whether a task asked to stop must first be deregistered (the rule {@link TaskLifecycle} asks).
   */
  boolean mustDeactivate(Task t) {
    return rules.targets() != null && "RUNNING".equals(t.lastStatus()) && !targetsOf(t).isEmpty();
  }

  /**
   * Whether a task's targets let it count as healthy (see {@link
   * LoadBalancerTargets.Health#passes}); true for tasks of services without target groups.
   */
  boolean passes(Task t) {
    LoadBalancerTargets port = rules.targets();
    if (port == null) {
      return true;
    }
    Scope scope = scopeOf(t);
    for (Target target : targetsOf(t)) {
      if (!port.health(scope, target.group(), target.id(), target.port()).passes()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void taskChanged(Task before, Task after) {
    if (rules.targets() == null || ServiceTaskIndex.serviceOf(after) == null) {
      return;
    }
    if (before == null || !before.lastStatus().equals(after.lastStatus())) {
      queue.add(after.taskArn());
    }
  }

  boolean idle() {
    return queue.idle();
  }

  void reconcile(String taskArn) {
    LoadBalancerTargets port = rules.targets();
    Task t = tasks.get(taskArn).orElse(null);
    if (port == null || t == null) {
      watched.remove(taskArn);
      known.remove(taskArn);
      return;
    }
    List<Target> targets = targetsOf(t);
    if (targets.isEmpty()) {
      watched.remove(taskArn);
      known.remove(taskArn);
      if ("DEACTIVATING".equals(t.lastStatus())) {
        lifecycle.deactivated(taskArn);
      }
      return;
    }
    Scope scope = scopeOf(t);
    boolean running = "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus());
    if (running) {
      watched.add(taskArn);
      known.put(taskArn, targets);
      register(port, scope, t, targets);
      stopIfUnhealthy(port, scope, t, targets);
      return;
    }
    // DEACTIVATING, or stopping without passing through it (it exited, the runtime lost it):
    // deregister what is still registered.
    Map<String, Integer> deregistered = new LinkedHashMap<>();
    boolean pending = false;
    for (Target target : targets) {
      LoadBalancerTargets.Health h = port.health(scope, target.group(), target.id(), target.port());
      if (h.notRegistered()) {
        continue;
      }
      if (!h.draining()) {
        port.deregister(scope, target.group(), target.id(), target.port());
        deregistered.merge(target.group(), 1, Integer::sum);
        h = port.health(scope, target.group(), target.id(), target.port());
      }
      pending |= !h.notRegistered();
    }
    if (!deregistered.isEmpty()) {
      String service = ServiceTaskIndex.serviceOf(t);
      Instant now = clock.now();
      services.update(
          service,
          s -> {
            Service next =
                ServiceEvents.add(
                    s,
                    "(service " + s.serviceName() + ") has begun draining connections on 1 tasks.",
                    now);
            for (Map.Entry<String, Integer> e : deregistered.entrySet()) {
              next = ServiceEvents.add(next, targetsEvent(s, "deregistered", e), now);
            }
            return next;
          });
    }
    if (pending && !"STOPPED".equals(t.lastStatus())) {
      watched.add(taskArn);
      return;
    }
    watched.remove(taskArn);
    known.remove(taskArn);
    if ("DEACTIVATING".equals(t.lastStatus())) {
      lifecycle.deactivated(taskArn);
    }
  }

  private void register(LoadBalancerTargets port, Scope scope, Task t, List<Target> targets) {
    Map<String, Integer> registered = new LinkedHashMap<>();
    for (Target target : targets) {
      if (port.health(scope, target.group(), target.id(), target.port()).notRegistered()) {
        port.register(scope, target.group(), target.id(), target.port());
        if (!port.health(scope, target.group(), target.id(), target.port()).notRegistered()) {
          registered.merge(target.group(), 1, Integer::sum);
        }
      }
    }
    if (!registered.isEmpty()) {
      Instant now = clock.now();
      services.update(
          ServiceTaskIndex.serviceOf(t),
          s -> {
            Service next = s;
            for (Map.Entry<String, Integer> e : registered.entrySet()) {
              next = ServiceEvents.add(next, targetsEvent(s, "registered", e), now);
            }
            return next;
          });
    }
  }

  /**
   * ECS ignores load balancer health checks for the grace period after a task starts; after it, a
   * target found unhealthy gets its task stopped, and the service scheduler starts a replacement.
   */
  private void stopIfUnhealthy(
      LoadBalancerTargets port, Scope scope, Task t, List<Target> targets) {
    Service s = services.get(ServiceTaskIndex.serviceOf(t)).orElse(null);
    if (s == null || t.startedAt() == null) {
      return;
    }
    int grace = s.healthCheckGracePeriodSeconds() == null ? 0 : s.healthCheckGracePeriodSeconds();
    Instant now = clock.now();
    if (t.startedAt().plusSeconds(grace).isAfter(now)) {
      return;
    }
    for (Target target : targets) {
      LoadBalancerTargets.Health h = port.health(scope, target.group(), target.id(), target.port());
      if (!h.unhealthy()) {
        continue;
      }
      String taskId = t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
      services.update(
          s.serviceArn(),
          latest ->
              ServiceEvents.add(
                  ServiceEvents.add(
                      latest,
                      ServiceEvents.unhealthyTarget(
                          latest.serviceName(), taskId, target.port(), target.group(), h),
                      now),
                  ServiceEvents.stopped(latest.serviceName(), List.of(taskId)),
                  now));
      lifecycle.requestStop(
          t.taskArn(),
          "ServiceSchedulerInitiated",
          CircuitBreaker.ELB_UNHEALTHY_REASON + " in (target-group " + target.group() + ")");
      return;
    }
  }

  private static String targetsEvent(Service s, String verb, Map.Entry<String, Integer> e) {
    return "(service "
        + s.serviceName()
        + ") "
        + verb
        + " "
        + e.getValue()
        + " targets in (target-group "
        + e.getKey()
        + ")";
  }

  /** A target of a task: the group, the target id (IP or instance id) and the port. */
  record Target(String group, String id, int port) {}

  /**
   * The targets a task is (or would be) registered as, from its service's or task set's groups; as
   * registered when they can no longer be worked out.
   */
  List<Target> targetsOf(Task t) {
    List<Target> now = currentTargetsOf(t);
    return now.isEmpty() ? known.getOrDefault(t.taskArn(), List.of()) : now;
  }

  private List<Target> currentTargetsOf(Task t) {
    String serviceArn = ServiceTaskIndex.serviceOf(t);
    Service s = serviceArn == null ? null : services.get(serviceArn).orElse(null);
    if (s == null) {
      return List.of();
    }
    List<software.amazon.awssdk.services.ecs.model.LoadBalancer> lbs =
        s.taskSets().stream()
            .filter(ts -> ts.id().equals(t.startedBy()))
            .findFirst()
            .map(ts -> ts.loadBalancers())
            .orElse(TaskSetRules.runsTaskSets(s) ? List.of() : s.loadBalancers());
    List<Target> out = new ArrayList<>();
    for (var lb : lbs) {
      if (lb.targetGroupArn() == null || lb.containerPort() == null) {
        continue;
      }
      String ip = privateIp(t);
      if (ip != null) {
        out.add(new Target(lb.targetGroupArn(), ip, lb.containerPort()));
        continue;
      }
      Integer hostPort =
          t.containers().stream()
              .filter(c -> c.name().equals(lb.containerName()))
              .flatMap(c -> c.networkBindings().stream())
              .filter(b -> lb.containerPort().equals(b.containerPort()))
              .map(b -> b.hostPort())
              .findFirst()
              .orElse(null);
      String instance = instanceId(t);
      if (hostPort != null && instance != null) {
        out.add(new Target(lb.targetGroupArn(), instance, hostPort));
      }
    }
    return out;
  }

  private static String privateIp(Task t) {
    return t.attachments().stream()
        .filter(a -> "ElasticNetworkInterface".equals(a.type()))
        .flatMap(a -> a.details().stream())
        .filter(d -> "privateIPv4Address".equals(d.name()))
        .map(d -> d.value())
        .findFirst()
        .orElse(null);
  }

  private String instanceId(Task t) {
    if (t.containerInstanceArn() == null) {
      return null;
    }
    return instances.candidates(Arn.parse(t.clusterArn()).orElseThrow()).stream()
        .filter(c -> t.containerInstanceArn().equals(c.containerInstanceArn()))
        .map(InstanceCatalog.Candidate::ec2InstanceId)
        .findFirst()
        .orElse(null);
  }

  private static Scope scopeOf(Task t) {
    return Arn.parse(t.taskArn()).orElseThrow().scope();
  }

  @Override
  public void close() {
    queue.close();
  }
}
