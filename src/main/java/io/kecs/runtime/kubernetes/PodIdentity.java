package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.kecs.identity.Arn;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Which task a pod is. A pod KECS created for a task carries the task's ARN; a pod a service's
 * workload created names its service (an ECS daemon's: its daemon) and ECS deployment, and is the
 * task whose id is the pod's UID without dashes (32 hex digits, the shape of an ECS task id), so
 * the same pod is always the same task, across KECS restarts too.
 */
final class PodIdentity {
  private PodIdentity() {}

  /** The task the pod is, or null when it is none of KECS's. */
  static String taskArn(Pod pod) {
    String arn = annotation(pod, PodLabels.TASK_ARN);
    if (arn != null) {
      return arn;
    }
    String cluster = annotation(pod, PodLabels.CLUSTER_ARN);
    String uid = pod.getMetadata().getUid();
    if (!isWorkloadPod(pod) || cluster == null || uid == null) {
      return null;
    }
    return Arn.parse(cluster).map(c -> Arn.task(c, uid.replace("-", "")).toString()).orElse(null);
  }

  /** Whether a service's (or ECS daemon's) workload made the pod (it names no task of its own). */
  static boolean isWorkloadPod(Pod pod) {
    return serviceArn(pod) != null && annotation(pod, PodLabels.TASK_ARN) == null;
  }

  /** The service, or ECS daemon, whose workload made the pod. */
  static String serviceArn(Pod pod) {
    return PodLabels.ownerArn(pod.getMetadata());
  }

  static String deploymentId(Pod pod) {
    return annotation(pod, PodLabels.DEPLOYMENT_ID);
  }

  static String taskDefinitionArn(Pod pod) {
    return annotation(pod, PodLabels.TASK_DEFINITION_ARN);
  }

  static Instant createdAt(Pod pod, Instant otherwise) {
    String at = pod.getMetadata().getCreationTimestamp();
    try {
      return at == null ? otherwise : Instant.parse(at);
    } catch (DateTimeParseException e) {
      return otherwise;
    }
  }

  private static String annotation(Pod pod, String key) {
    Map<String, String> a = pod.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }
}
