package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.kecs.identity.Arn;
import io.kecs.runtime.ServiceWorkloads;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.WorkloadSink;
import io.kecs.runtime.WorkloadSpec;
import io.kecs.runtime.secrets.SecretException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Services (and ECS daemons) as Kubernetes workloads: applies each service's {@link WorkloadSpec}
 * as a Deployment or DaemonSet (and Service) through {@link WorkloadTranslator}, and puts back what
 * someone else changed or deleted. Applying a service is serialised per service and always applies
 * the newest spec, so calls that overtake each other cannot leave an older one in place.
 */
final class Workloads implements ServiceWorkloads, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Workloads.class);

  private final KubernetesClient client;
  private final Namespaces namespaces;
  private final PodPreparation preparation;
  private final ApiCalls calls;
  private final EbsStorageClasses storageClasses;
  private final Map<String, WorkloadSpec> specs = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Map<String, List<String>> untranslated = new ConcurrentHashMap<>();
  private volatile WorkloadSink sink;
  private volatile WorkloadWatch watch;

  Workloads(
      KubernetesClient client,
      Namespaces namespaces,
      PodPreparation preparation,
      ApiCalls calls,
      EbsStorageClasses storageClasses) {
    this.client = client;
    this.namespaces = namespaces;
    this.preparation = preparation;
    this.calls = calls;
    this.storageClasses = storageClasses;
  }

  @Override
  public void connect(WorkloadSink sink) {
    this.sink = sink;
  }

  /** Where workload reports go, or null before the domain connected. */
  WorkloadSink sink() {
    return sink;
  }

  void start(Duration resync, Duration timeout) {
    this.watch =
        new WorkloadWatch(
            client,
            resync,
            timeout,
            status -> {
              WorkloadSink s = sink;
              if (s != null) {
                s.statusChanged(status);
              }
            },
            this::drifted);
  }

  @Override
  public void apply(WorkloadSpec spec) {
    specs.put(spec.serviceArn(), spec);
    if (!inPlace(spec)) {
      calls.execute(() -> sync(spec.serviceArn()));
    }
  }

  @Override
  public void remove(String serviceArn, String clusterArn) {
    specs.remove(serviceArn);
    untranslated.remove(serviceArn);
    calls.execute(() -> delete(serviceArn, clusterArn));
  }

  /** The ECS deployment a service's workload now makes tasks for, or null. */
  String primaryDeployment(String serviceArn) {
    WorkloadSpec spec = specs.get(serviceArn);
    return spec == null ? null : spec.deploymentId();
  }

  /** The service whose workload (a ReplicaSet or DaemonSet of it) an object is, or null. */
  String serviceOf(String kind, String namespace, String name) {
    WorkloadWatch w = watch;
    if (w == null) {
      return null;
    }
    HasMetadata owner =
        switch (kind) {
          case "ReplicaSet" -> w.replicaSet(namespace, name);
          case "DaemonSet" -> w.daemonSet(namespace, name);
          default -> null;
        };
    return owner == null ? null : WorkloadWatch.serviceArn(owner.getMetadata());
  }

  /** Forgets every service (a store reset); their objects go with the namespaces. */
  void reset() {
    specs.clear();
    untranslated.clear();
  }

  /** Whether the workload in the informer's cache is the one KECS applied for the spec. */
  private boolean inPlace(WorkloadSpec spec) {
    WorkloadWatch w = watch;
    if (w == null) {
      return false;
    }
    String ns = namespaces.nameOf(Arn.parse(spec.clusterArn()).orElseThrow());
    String name = WorkloadTranslator.name(spec);
    if (spec.daemon()) {
      HasMetadata current = w.daemonSet(ns, name);
      return current != null && hashed(current, spec);
    }
    Deployment current = w.deployment(ns, name);
    // A Deployment scaled by hand is put back to the service's desired count.
    return current != null
        && hashed(current, spec)
        && Objects.equals(current.getSpec().getReplicas(), spec.replicas());
  }

  private void drifted(String serviceArn, HasMetadata now) {
    WorkloadSpec spec = specs.get(serviceArn);
    if (spec != null && (now == null || !inPlace(spec))) {
      calls.execute(() -> sync(serviceArn));
    }
  }

  private void sync(String serviceArn) {
    synchronized (locks.computeIfAbsent(serviceArn, k -> new Object())) {
      WorkloadSpec spec = specs.get(serviceArn);
      if (spec == null || inPlace(spec)) {
        return;
      }
      try {
        String ns = namespaces.ensure(Arn.parse(spec.clusterArn()).orElseThrow());
        String other = takenBy(spec, ns);
        if (other != null) {
          report(
              serviceArn,
              "the Kubernetes workload "
                  + ns
                  + "/"
                  + WorkloadTranslator.name(spec)
                  + " already belongs to "
                  + other);
          return;
        }
        noteUntranslated(spec);
        PodInputs inputs =
            preparation.prepare(
                new TaskLaunch(spec.template(), spec.definition()),
                ns,
                WorkloadTranslator.deploymentObjectName(spec));
        // The Service first: once the workload exists, its pods are reachable by name.
        WorkloadTranslator.service(spec, ns)
            .ifPresent(
                service ->
                    ConflictRetry.write(
                        () ->
                            client
                                .resource(new ServiceBuilder(service).build())
                                .inNamespace(ns)
                                .createOr(NonDeletingOperation::update)));
        // A fresh object each attempt: an update fills in the resourceVersion it read.
        HasMetadata applied =
            ConflictRetry.write(
                () ->
                    client
                        .resource(WorkloadTranslator.workload(spec, ns, inputs, storageClasses))
                        .inNamespace(ns)
                        .createOr(NonDeletingOperation::update));
        ClusterResources.quietly(
            "let the workload own its Secret", () -> preparation.own(applied, inputs));
      } catch (SecretException e) {
        report(serviceArn, "ResourceInitializationError: " + e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("Cannot apply the workload of {}: {}", serviceArn, ClusterResources.describe(e));
        report(serviceArn, ClusterResources.describe(e));
      }
    }
  }

  /**
   * Logs the placement the workload's pod template leaves out ({@link ServicePlacement}), once per
   * service until that changes: applying again (after drift) says nothing new.
   */
  private void noteUntranslated(WorkloadSpec spec) {
    List<String> left = ServicePlacement.plan(spec).untranslated();
    List<String> before =
        left.isEmpty()
            ? untranslated.remove(spec.serviceArn())
            : untranslated.put(spec.serviceArn(), left);
    if (!left.isEmpty() && !left.equals(before)) {
      LOG.warn(
          "Placement of {} not given to Kubernetes (its scheduler places the tasks without it): {}",
          spec.serviceArn(),
          String.join("; ", left));
    }
  }

  /**
   * The service or ECS daemon whose workload already has the spec's name (a DAEMON service named
   * {@code daemon-x} and a daemon {@code x}), or null: KECS never takes over another's workload.
   */
  private String takenBy(WorkloadSpec spec, String ns) {
    WorkloadWatch w = watch;
    if (w == null) {
      return null;
    }
    String name = WorkloadTranslator.name(spec);
    HasMetadata current = spec.daemon() ? w.daemonSet(ns, name) : w.deployment(ns, name);
    String owner = current == null ? null : PodLabels.ownerArn(current.getMetadata());
    return owner == null || owner.equals(spec.serviceArn()) ? null : owner;
  }

  private void report(String serviceArn, String reason) {
    WorkloadSink s = sink;
    if (s != null) {
      s.unplaceable(serviceArn, reason);
    }
  }

  private void delete(String serviceArn, String clusterArn) {
    synchronized (locks.computeIfAbsent(serviceArn, k -> new Object())) {
      String ns = namespaces.nameOf(Arn.parse(clusterArn).orElseThrow());
      String name = WorkloadTranslator.nameOf(serviceArn);
      WorkloadWatch w = watch;
      ClusterResources.quietly(
          "delete the workload of " + serviceArn,
          () -> {
            if (w == null || ownedBy(w.deployment(ns, name), serviceArn)) {
              client.apps().deployments().inNamespace(ns).withName(name).delete();
            }
            if (w == null || ownedBy(w.daemonSet(ns, name), serviceArn)) {
              client.apps().daemonSets().inNamespace(ns).withName(name).delete();
            }
            if (!WorkloadSpec.isDaemonArn(serviceArn)) {
              client.services().inNamespace(ns).withName(name).delete();
            }
          });
      locks.remove(serviceArn);
    }
  }

  /** Whether a cached workload (null: none seen) may be deleted as the owner's. */
  private static boolean ownedBy(HasMetadata o, String ownerArn) {
    return o == null || ownerArn.equals(PodLabels.ownerArn(o.getMetadata()));
  }

  private static boolean hashed(HasMetadata o, WorkloadSpec spec) {
    Map<String, String> a = o.getMetadata().getAnnotations();
    return a != null && WorkloadTranslator.specHash(spec).equals(a.get(PodLabels.SPEC_HASH));
  }

  @Override
  public void close() {
    WorkloadWatch w = watch;
    if (w != null) {
      w.close();
    }
  }
}
