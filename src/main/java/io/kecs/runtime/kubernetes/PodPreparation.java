package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.kecs.identity.Arn;
import io.kecs.runtime.HostRegistry;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.secrets.SecretException;
import io.kecs.runtime.secrets.SecretSource;
import java.util.Map;

/**
 * Makes what a task's pod refers to, before the pod: the task role's ServiceAccount, the Secret
 * with its secret values (read from the {@link SecretSource}), and the node its container instance
 * stands for. The Secret is made first so the kubelet never sees the pod without it; once the pod
 * exists it becomes the Secret's owner, so Kubernetes deletes the two together.
 */
final class PodPreparation {
  private final KubernetesClient client;
  private final ServiceAccounts accounts;
  private final SecretSource secrets;
  private volatile HostRegistry hosts;
  private volatile NodeWatch nodes;

  PodPreparation(KubernetesClient client, ServiceAccounts accounts, SecretSource secrets) {
    this.client = client;
    this.accounts = accounts;
    this.secrets = secrets;
  }

  void connectHosts(HostRegistry hosts, NodeWatch nodes) {
    this.hosts = hosts;
    this.nodes = nodes;
  }

  PodInputs prepare(TrackedTask t) throws SecretException {
    return prepare(t.launch, t.namespace, t.podName);
  }

  /**
   * What the pods of a task (or of a workload's template, which names no node) refer to; their
   * Secret is named after {@code objectName} (the pod, or the workload's deployment).
   */
  PodInputs prepare(TaskLaunch launch, String namespace, String objectName) throws SecretException {
    Arn cluster = Arn.parse(launch.task().clusterArn()).orElseThrow();
    Arn role = ServiceAccounts.roleOf(launch, cluster);
    String account = role == null ? null : accounts.ensure(namespace, role, cluster);
    String node = node(launch.task().containerInstanceArn());
    if (!TaskSecrets.any(launch.definition())) {
      return new PodInputs(node, account, null, Map.of());
    }
    TaskSecrets.Resolved resolved = TaskSecrets.resolve(launch, namespace, objectName, secrets);
    client
        .secrets()
        .inNamespace(namespace)
        .resource(resolved.secret())
        .createOr(NonDeletingOperation::update);
    return new PodInputs(node, account, resolved.secret().getMetadata().getName(), resolved.keys());
  }

  private String node(String containerInstanceArn) {
    HostRegistry registry = hosts;
    if (containerInstanceArn == null || registry == null) {
      return null;
    }
    NodeWatch watch = nodes;
    return registry
        .hostOf(containerInstanceArn)
        .map(name -> watch == null ? name : watch.hostname(name))
        .orElse(null);
  }

  /** Makes the pod (or the workload) the owner of the Secret made for it. */
  void own(HasMetadata owner, String secretName) {
    String uid = owner.getMetadata().getUid();
    if (secretName == null || uid == null) {
      return;
    }
    client
        .secrets()
        .inNamespace(owner.getMetadata().getNamespace())
        .withName(secretName)
        .edit(
            s -> {
              s.getMetadata()
                  .setOwnerReferences(
                      java.util.List.of(
                          new OwnerReferenceBuilder()
                              .withApiVersion(owner.getApiVersion())
                              .withKind(owner.getKind())
                              .withName(owner.getMetadata().getName())
                              .withUid(uid)
                              .build()));
              return s;
            });
  }

  /** Deletes the task's Secret now its pod is gone (without waiting for garbage collection). */
  void release(TrackedTask t) {
    if (TaskSecrets.any(t.launch.definition())) {
      client.secrets().inNamespace(t.namespace).withName(TaskSecrets.nameFor(t.podName)).delete();
    }
  }
}
