package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kecs.identity.Arn;
import io.kecs.runtime.TaskLaunch;

/**
 * The labels and annotations KECS puts on what it creates, so {@code kubectl get pods -n <ns> -L
 * kecs.io/family} tells which task is which and KECS finds its own objects after a restart.
 */
final class PodLabels {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String KECS = "kecs";
  static final String TASK_ID = "kecs.io/task-id";
  static final String CLUSTER = "kecs.io/cluster";
  static final String FAMILY = "kecs.io/family";
  static final String REVISION = "kecs.io/revision";

  /** On a workload and its pod template: the service (label value form); selects its pods. */
  static final String SERVICE = "kecs.io/service";

  /** On an ECS daemon's DaemonSet and its pod template: the daemon (label value form). */
  static final String DAEMON = "kecs.io/daemon";

  /** On a pod template: the ECS deployment (label value form), so each ReplicaSet is one. */
  static final String DEPLOYMENT = "kecs.io/deployment";

  static final String TASK_ARN = "kecs.io/task-arn";
  static final String SERVICE_ARN = "kecs.io/service-arn";

  /** On an ECS daemon's DaemonSet and pod template: the daemon, as services carry theirs. */
  static final String DAEMON_ARN = "kecs.io/daemon-arn";

  /** The ECS deployment id as ECS writes it ({@code ecs-svc/...}): label values cannot. */
  static final String DEPLOYMENT_ID = "kecs.io/deployment-id";

  /** A hash of the workload as KECS last applied it, to tell its own changes from others'. */
  static final String SPEC_HASH = "kecs.io/spec-hash";

  static final String TASK_DEFINITION_ARN = "kecs.io/task-definition-arn";
  static final String CLUSTER_ARN = "kecs.io/cluster-arn";
  static final String CLUSTER_NAME = "kecs.io/cluster-name";
  static final String CONTAINER_INSTANCE_ARN = "kecs.io/container-instance-arn";

  /** JSON object from Kubernetes container name to ECS container name, when any differ. */
  static final String CONTAINER_NAMES = "kecs.io/container-names";

  /** Prefix of one annotation per container holding its dockerLabels as a JSON object. */
  static final String DOCKER_LABELS_PREFIX = "docker-labels.kecs.io/";

  private PodLabels() {}

  /** The service or ECS daemon whose workload made the object (or its pod template), or null. */
  static String ownerArn(ObjectMeta meta) {
    if (meta == null || meta.getAnnotations() == null) {
      return null;
    }
    String service = meta.getAnnotations().get(SERVICE_ARN);
    return service != null ? service : meta.getAnnotations().get(DAEMON_ARN);
  }

  /**
   * Metadata of an object made for a task's pod (or for the pods of a service, whose launch has no
   * task ARN): managed by KECS, in the task's cluster, and the task's id and ARN when it has one.
   */
  static ObjectMeta prepared(TaskLaunch launch, String namespace, String name) {
    Arn cluster = Arn.parse(launch.task().clusterArn()).orElseThrow();
    ObjectMetaBuilder meta =
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels(MANAGED_BY, KECS)
            .addToLabels(CLUSTER, KubeNames.labelValue(cluster.lastSegment()));
    Arn task = Arn.parse(launch.taskArn()).orElse(null);
    if (task != null) {
      meta.addToLabels(TASK_ID, task.lastSegment()).addToAnnotations(TASK_ARN, launch.taskArn());
    }
    return meta.build();
  }
}
