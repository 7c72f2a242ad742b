package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.kecs.identity.Arn;
import io.kecs.runtime.HostRegistry;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.secrets.SecretException;
import io.kecs.runtime.secrets.SecretSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes what a task's pod refers to, before the pod: the task role's ServiceAccount, the
 * dockerconfigjson Secrets of its {@code repositoryCredentials}, the Secret with its secret values
 * and environment file variables (all read from the {@link SecretSource}), the claims of its
 * autoprovisioned shared Docker volumes ({@link SharedVolumes}), and the node its container
 * instance stands for. The Secrets are made first so the kubelet never sees the pod without them;
 * once the pod exists it becomes their owner, so Kubernetes deletes them together.
 *
 * <p>Everything is keyed by an object name ({@link #prepare(TaskLaunch, String, String)}): a task's
 * pod name, or the name of another object whose pods share what is made (a service's Deployment).
 */
final class PodPreparation {
  private final KubernetesClient client;
  private final ServiceAccounts accounts;
  private final SecretSource secrets;
  private volatile HostRegistry hosts;
  private volatile NodeWatch nodes;
  private volatile String awsEndpoint;

  PodPreparation(KubernetesClient client, ServiceAccounts accounts, SecretSource secrets) {
    this.client = client;
    this.accounts = accounts;
    this.secrets = secrets;
  }

  void connectHosts(HostRegistry hosts, NodeWatch nodes) {
    this.hosts = hosts;
    this.nodes = nodes;
  }

  /** {@code AWS_ENDPOINT_URL} for the containers of every pod from now on; null for none. */
  void endpointForPods(String url) {
    this.awsEndpoint = url;
  }

  PodInputs prepare(TrackedTask t) throws SecretException {
    return prepare(t.launch, t.namespace, t.podName);
  }

  /**
   * Prepares the inputs of pods running {@code launch} (its definition, overrides, cluster and
   * container instance; the task ARN may be absent) in {@code namespace}, naming what it makes
   * after {@code objectName}.
   *
   * @throws SecretException when a secret, registry credential or environment file cannot be read:
   *     the task fails with {@code ResourceInitializationError}
   */
  PodInputs prepare(TaskLaunch launch, String namespace, String objectName) throws SecretException {
    Arn cluster = Arn.parse(launch.task().clusterArn()).orElseThrow();
    Arn role = ServiceAccounts.roleOf(launch, cluster);
    String account = role == null ? null : accounts.ensure(namespace, role, cluster);
    String node = node(launch.task().containerInstanceArn());
    // Everything is read before anything is made, so a task that cannot start leaves nothing.
    List<Secret> pull = RegistryCredentials.resolve(launch, namespace, objectName, secrets);
    TaskSecrets.Resolved values =
        TaskSecrets.any(launch)
            ? TaskSecrets.resolve(launch, namespace, objectName, secrets)
            : null;
    SharedVolumes.ensure(client, launch.definition(), namespace);
    List<String> pullNames = new ArrayList<>();
    for (Secret s : pull) {
      apply(namespace, s);
      pullNames.add(s.getMetadata().getName());
    }
    if (values == null) {
      return new PodInputs(node, account, null, Map.of(), Map.of(), pullNames, awsEndpoint);
    }
    apply(namespace, values.secret());
    return new PodInputs(
        node,
        account,
        values.secret().getMetadata().getName(),
        values.keys(),
        values.fileKeys(),
        pullNames,
        awsEndpoint);
  }

  private void apply(String namespace, Secret secret) {
    client.secrets().inNamespace(namespace).resource(secret).createOr(NonDeletingOperation::update);
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

  /**
   * Makes {@code owner} (the task's pod, or the object whose pods use them) the owner of every
   * Secret prepared for it, so Kubernetes deletes them together.
   */
  void own(HasMetadata owner, PodInputs inputs) {
    String uid = owner.getMetadata().getUid();
    if (uid == null) {
      return;
    }
    OwnerReference ref =
        new OwnerReferenceBuilder()
            .withApiVersion(owner.getApiVersion())
            .withKind(owner.getKind())
            .withName(owner.getMetadata().getName())
            .withUid(uid)
            .build();
    for (String name : inputs.secretsMade()) {
      client
          .secrets()
          .inNamespace(owner.getMetadata().getNamespace())
          .withName(name)
          .edit(
              s -> {
                s.getMetadata().setOwnerReferences(List.of(ref));
                return s;
              });
    }
  }

  /** Deletes the task's Secrets now its pod is gone (without waiting for garbage collection). */
  void release(TrackedTask t) {
    release(t.launch, t.namespace, t.podName);
  }

  /** Deletes the Secrets {@link #prepare(TaskLaunch, String, String)} made for an object. */
  void release(TaskLaunch launch, String namespace, String objectName) {
    List<String> names =
        new ArrayList<>(RegistryCredentials.namesFor(launch.definition(), objectName));
    if (TaskSecrets.any(launch)) {
      names.add(TaskSecrets.nameFor(objectName));
    }
    for (String name : names) {
      client.secrets().inNamespace(namespace).withName(name).delete();
    }
  }
}
