package io.kecs.ecs.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

/** Service event messages as ECS words them; newest first, at most {@link #MAX} kept. */
final class ServiceEvents {
  static final int MAX = 100;

  private ServiceEvents() {}

  static String started(String service, List<String> taskIds) {
    return "(service "
        + service
        + ") has started "
        + taskIds.size()
        + " tasks: "
        + tasks(taskIds)
        + ".";
  }

  static String stopped(String service, List<String> taskIds) {
    return "(service "
        + service
        + ") has stopped "
        + taskIds.size()
        + " running tasks: "
        + tasks(taskIds)
        + ".";
  }

  static String steadyState(String service) {
    return "(service " + service + ") has reached a steady state.";
  }

  static String deploymentCompleted(String service, String deploymentId) {
    return "(service " + service + ") (deployment " + deploymentId + ") deployment completed.";
  }

  static String deploymentFailed(String service, String deploymentId, String reason) {
    return "(service "
        + service
        + ") (deployment "
        + deploymentId
        + ") deployment failed: "
        + reason;
  }

  static String rollingBack(String service, String deploymentId, String toDeploymentId) {
    return "(service "
        + service
        + ") (deployment "
        + deploymentId
        + ") deployment failed. Rolling back to deployment "
        + toDeploymentId
        + ".";
  }

  /** ECS's throttle event: the service's tasks keep failing to start. */
  static String unableToStart(String service) {
    return "(service " + service + ") is unable to consistently start tasks successfully.";
  }

  static String unableToPlace(String service, String reason) {
    return "(service " + service + ") was unable to place a task. Reason: " + reason;
  }

  static String unhealthy(String service, List<String> taskIds) {
    return "(service "
        + service
        + ") has stopped "
        + taskIds.size()
        + " running tasks: "
        + tasks(taskIds)
        + " due to an unhealthy container health check.";
  }

  /** The service with a new event on top, unless the newest event already says the same. */
  /** A load balancer target of a task failed its health checks. */
  static String unhealthyTarget(
      String service,
      String taskId,
      int port,
      String targetGroup,
      io.kecs.registry.LoadBalancerTargets.Health health) {
    return "(service "
        + service
        + ") (task "
        + taskId
        + ") (port "
        + port
        + ") is unhealthy in (target-group "
        + targetGroup
        + ") due to (reason "
        + (health.description() == null ? health.reason() : health.description())
        + ").";
  }

  static Service add(Service s, String message, Instant at) {
    if (!s.events().isEmpty() && s.events().get(0).message().equals(message)) {
      return s;
    }
    List<ServiceEvent> events = new ArrayList<>(MAX);
    events.add(
        ServiceEvent.builder()
            .id(UUID.randomUUID().toString())
            .createdAt(at)
            .message(message)
            .build());
    for (ServiceEvent e : s.events()) {
      if (events.size() == MAX) {
        break;
      }
      events.add(e);
    }
    return s.toBuilder().events(events).build();
  }

  private static String tasks(List<String> taskIds) {
    StringBuilder b = new StringBuilder();
    for (String id : taskIds) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append("(task ").append(id).append(')');
    }
    return b.toString();
  }
}
