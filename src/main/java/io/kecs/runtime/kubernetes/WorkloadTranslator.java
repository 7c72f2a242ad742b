package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.kecs.identity.Arn;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;

/**
 * A service as Kubernetes objects, a pure function of its {@link WorkloadSpec}: a Deployment
 * (REPLICA) or a DaemonSet (DAEMON services and ECS daemons) whose pod template is the primary
 * deployment's task ({@link PodTranslator#template}) labelled with that deployment, so each
 * ReplicaSet is one ECS deployment; and a ClusterIP Service when the task definition maps container
 * ports. The rolling limits are ECS's: a Deployment may add {@code floor(desired × maximumPercent /
 * 100) − desired} pods and lose {@code desired − ceil(desired × minimumHealthyPercent / 100)}, the
 * bounds ECS keeps.
 *
 * <p>An ECS daemon's DaemonSet (named {@code daemon-<name>}, selecting on {@code kecs.io/daemon})
 * runs only on the nodes of its capacity providers, replaces {@code 100 − minimumHealthyPercent}
 * percent of them at a time (its {@code drainPercent}) and counts a new pod only once it has been
 * ready for {@code minReadySeconds} (its bake time), so the next batch waits for the bake.
 */
final class WorkloadTranslator {
  private WorkloadTranslator() {}

  /** The workload's name (and its Service's): the service name as a DNS label. */
  static String name(String serviceName) {
    String name = KubeNames.label(serviceName);
    // Service names must start with a letter (DNS-1035); Deployments take the same name.
    return Character.isLetter(name.charAt(0)) ? name : "svc-" + name;
  }

  /**
   * The DaemonSet of an ECS daemon: {@code daemon-<name>}, so a daemon and a service of the same
   * name never share one. (A DAEMON service named {@code daemon-<name>} still could: {@link
   * Workloads} then leaves the other's DaemonSet alone.)
   */
  static String daemonName(String daemonName) {
    return KubeNames.label("daemon-" + daemonName);
  }

  static String name(WorkloadSpec spec) {
    return spec.ecsDaemon() ? daemonName(spec.serviceName()) : name(spec.serviceName());
  }

  /** The name of the workload of a service or ECS daemon, by its ARN. */
  static String nameOf(String ownerArn) {
    String last = Arn.parse(ownerArn).orElseThrow().lastSegment();
    return WorkloadSpec.isDaemonArn(ownerArn) ? daemonName(last) : name(last);
  }

  static HasMetadata workload(WorkloadSpec spec, String namespace, PodInputs inputs) {
    return workload(spec, namespace, inputs, EbsStorageClasses.CLUSTER_DEFAULT);
  }

  static HasMetadata workload(
      WorkloadSpec spec, String namespace, PodInputs inputs, EbsStorageClasses storageClasses) {
    String name = name(spec);
    Map<String, String> selector = Map.of(selectorKey(spec), KubeNames.labelValue(name));
    PodTemplateSpec template = template(spec, inputs, selector, storageClasses);
    PodPlacement.onProviders(template.getSpec(), spec.capacityProviders());
    ServicePlacement.apply(template.getSpec(), spec, selector);
    ObjectMeta meta = meta(spec, namespace, name);
    HasMetadata workload =
        spec.daemon()
            ? new DaemonSetBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withMinReadySeconds(spec.minReadySeconds() > 0 ? spec.minReadySeconds() : null)
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .withTemplate(template)
                .withNewUpdateStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(new IntOrString(Math.max(0, spec.maximumPercent() - 100) + "%"))
                .withMaxUnavailable(daemonUnavailable(spec))
                .endRollingUpdate()
                .endUpdateStrategy()
                .endSpec()
                .build()
            : new DeploymentBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withReplicas(spec.replicas())
                .withPaused(spec.halted() ? Boolean.TRUE : null)
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .withTemplate(template)
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(new IntOrString(surge(spec)))
                .withMaxUnavailable(new IntOrString(unavailable(spec)))
                .endRollingUpdate()
                .endStrategy()
                .endSpec()
                .build();
    workload.getMetadata().getAnnotations().put(PodLabels.SPEC_HASH, specHash(spec));
    return workload;
  }

  /**
   * A ClusterIP Service over the workload's pods, when its containers map ports. ECS daemons get
   * none: ECS gives them no load balancing or service discovery.
   */
  static Optional<io.fabric8.kubernetes.api.model.Service> service(
      WorkloadSpec spec, String namespace) {
    List<ServicePort> ports = ports(spec);
    if (ports.isEmpty() || spec.ecsDaemon()) {
      return Optional.empty();
    }
    String name = name(spec);
    io.fabric8.kubernetes.api.model.Service service =
        new ServiceBuilder()
            .withMetadata(meta(spec, namespace, name))
            .withNewSpec()
            .withType("ClusterIP")
            .withSelector(Map.of(PodLabels.SERVICE, KubeNames.labelValue(name)))
            .withPorts(ports)
            .endSpec()
            .build();
    return Optional.of(service);
  }

  /** The base name of what a deployment's pods refer to (their Secret): one per ECS deployment. */
  static String deploymentObjectName(WorkloadSpec spec) {
    return name(spec) + "-" + KubeNames.hash(spec.deploymentId());
  }

  static int surge(WorkloadSpec spec) {
    int desired = spec.replicas();
    int surge = Math.max(0, desired * spec.maximumPercent() / 100 - desired);
    // Kubernetes refuses a strategy that can neither add nor remove a pod (ECS would just stall).
    return surge == 0 && unavailable(spec) == 0 ? 1 : surge;
  }

  static int unavailable(WorkloadSpec spec) {
    int desired = spec.replicas();
    return Math.max(0, desired - (int) Math.ceil(desired * spec.minimumHealthyPercent() / 100.0));
  }

  private static IntOrString daemonUnavailable(WorkloadSpec spec) {
    int percent = Math.max(0, 100 - spec.minimumHealthyPercent());
    // Likewise a DaemonSet needs room to move: one host at a time when ECS leaves none.
    return percent == 0 && spec.maximumPercent() <= 100
        ? new IntOrString(1)
        : new IntOrString(percent + "%");
  }

  private static PodTemplateSpec template(
      WorkloadSpec spec,
      PodInputs inputs,
      Map<String, String> selector,
      EbsStorageClasses storageClasses) {
    Map<String, String> labels = new LinkedHashMap<>(selector);
    labels.put(PodLabels.DEPLOYMENT, KubeNames.labelValue(spec.deploymentId()));
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(ownerKey(spec), spec.serviceArn());
    annotations.put(PodLabels.DEPLOYMENT_ID, spec.deploymentId());
    return PodTranslator.template(
        new TaskLaunch(spec.template(), spec.definition()),
        inputs,
        labels,
        annotations,
        storageClasses);
  }

  private static ObjectMeta meta(WorkloadSpec spec, String namespace, String name) {
    Arn cluster = Arn.parse(spec.clusterArn()).orElseThrow();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(PodLabels.MANAGED_BY, PodLabels.KECS);
    labels.put(PodLabels.CLUSTER, KubeNames.labelValue(cluster.lastSegment()));
    labels.put(selectorKey(spec), KubeNames.labelValue(name));
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(ownerKey(spec), spec.serviceArn());
    annotations.put(PodLabels.CLUSTER_ARN, spec.clusterArn());
    annotations.put(PodLabels.DEPLOYMENT_ID, spec.deploymentId());
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .withAnnotations(annotations)
        .build();
  }

  /** The label that selects the workload's pods: the service's, or the ECS daemon's. */
  private static String selectorKey(WorkloadSpec spec) {
    return spec.ecsDaemon() ? PodLabels.DAEMON : PodLabels.SERVICE;
  }

  private static String ownerKey(WorkloadSpec spec) {
    return spec.ecsDaemon() ? PodLabels.DAEMON_ARN : PodLabels.SERVICE_ARN;
  }

  /** One port per distinct container port and protocol of the task definition. */
  private static List<ServicePort> ports(WorkloadSpec spec) {
    Set<String> seen = new LinkedHashSet<>();
    List<ServicePort> ports = new ArrayList<>();
    for (ContainerDefinition c : spec.definition().containerDefinitions()) {
      for (PortMapping m : c.portMappings()) {
        if (m.containerPort() == null) {
          continue;
        }
        String protocol =
            m.protocol() == null ? "TCP" : m.protocolAsString().toUpperCase(Locale.ROOT);
        if (seen.add(m.containerPort() + "/" + protocol)) {
          ports.add(
              new ServicePortBuilder()
                  .withName(protocol.toLowerCase(Locale.ROOT) + "-" + m.containerPort())
                  .withProtocol(protocol)
                  .withPort(m.containerPort())
                  .withTargetPort(new IntOrString(m.containerPort()))
                  .build());
        }
      }
    }
    return ports;
  }

  /**
   * What a workload applied for the spec carries: a hash of what can change it. Everything else in
   * the template (task definition, launch configuration, network) changes only with a new ECS
   * deployment, whose id is part of it.
   */
  static String specHash(WorkloadSpec spec) {
    String hashed =
        String.join(
            "|",
            spec.deploymentId(),
            spec.definition().taskDefinitionArn(),
            String.valueOf(spec.daemon()),
            String.valueOf(spec.replicas()),
            String.valueOf(spec.maximumPercent()),
            String.valueOf(spec.minimumHealthyPercent()),
            String.valueOf(spec.halted()),
            String.join(",", spec.capacityProviders()),
            String.valueOf(spec.minReadySeconds()));
    // Placement changes come with a new ECS deployment, but are hashed all the same, so workloads
    // applied before KECS translated placement get it; without placement the hash stays as it was.
    if (!spec.placementConstraints().isEmpty() || !spec.placementStrategy().isEmpty()) {
      hashed += "|" + spec.placementConstraints() + spec.placementStrategy();
    }
    return KubeNames.hash(hashed);
  }
}
