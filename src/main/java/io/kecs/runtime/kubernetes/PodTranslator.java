package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.kecs.identity.Arn;
import io.kecs.runtime.ManagedEbsVolume;
import io.kecs.runtime.TaskLaunch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * A task as the pod that runs it: a pure function of the task (with its overrides) and its
 * definition. Container-level fields are in {@link ContainerTranslator}, sizes in {@link
 * ResourceTranslator}, volumes in {@link VolumeTranslator}, ordering in {@link DependencyPlan} and
 * pod-wide settings in {@link PodSettings}; docs/kubernetes-mapping.md has the whole table.
 */
public final class PodTranslator {
  private PodTranslator() {}

  public static Pod translate(TaskLaunch launch, String namespace) {
    return translate(launch, namespace, PodInputs.NONE);
  }

  static Pod translate(TaskLaunch launch, String namespace, PodInputs inputs) {
    return translate(launch, namespace, inputs, EbsStorageClasses.CLUSTER_DEFAULT);
  }

  static Pod translate(
      TaskLaunch launch, String namespace, PodInputs inputs, EbsStorageClasses storageClasses) {
    Task task = launch.task();
    TaskDefinition def = launch.definition();
    Arn clusterArn = Arn.parse(task.clusterArn()).orElseThrow();
    String taskId = Arn.parse(task.taskArn()).orElseThrow().lastSegment();
    Map<String, String> names = containerNames(def);
    Map<String, String> labels = labels(taskId, clusterArn, def);
    Map<String, String> annotations =
        annotations(task.taskArn(), task.containerInstanceArn(), clusterArn, def, names);
    return new PodBuilder()
        .withNewMetadata()
        .withName(KubeNames.podName(def.family(), taskId))
        .withNamespace(namespace)
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withSpec(
            spec(launch, inputs, names, storageClasses, false).withRestartPolicy("Never").build())
        .build();
  }

  /**
   * The pod template of a service's workload, from a task as its deployment would launch it: the
   * pods it makes are tasks whose ids Kubernetes gives, so the template names no task. Containers
   * restart in place ({@code Always}, the only policy workloads take), but the runtime ends a pod
   * whose essential container exited, as ECS stops the task; its workload starts a new one.
   */
  static PodTemplateSpec template(
      TaskLaunch launch,
      PodInputs inputs,
      Map<String, String> workloadLabels,
      Map<String, String> workloadAnnotations,
      EbsStorageClasses storageClasses) {
    TaskDefinition def = launch.definition();
    Arn clusterArn = Arn.parse(launch.task().clusterArn()).orElseThrow();
    Map<String, String> names = containerNames(def);
    Map<String, String> labels = labels(null, clusterArn, def);
    labels.putAll(workloadLabels);
    Map<String, String> annotations = annotations(null, null, clusterArn, def, names);
    annotations.putAll(workloadAnnotations);
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withSpec(
            spec(launch, inputs, names, storageClasses, true).withRestartPolicy("Always").build())
        .build();
  }

  private static Map<String, String> containerNames(TaskDefinition def) {
    Map<String, String> names = new LinkedHashMap<>();
    def.containerDefinitions().forEach(c -> names.put(c.name(), KubeNames.label(c.name())));
    return names;
  }

  private static PodSpecBuilder spec(
      TaskLaunch launch,
      PodInputs inputs,
      Map<String, String> names,
      EbsStorageClasses storageClasses,
      boolean workload) {
    Task task = launch.task();
    TaskDefinition def = launch.definition();

    DependencyPlan plan = DependencyPlan.of(def.containerDefinitions());
    Map<String, ResourceRequirements> resources = Sizing.of(task, def, plan);
    VolumeTranslator volumes =
        new VolumeTranslator(def, ManagedEbsVolume.of(task).orElse(null), storageClasses);
    String networkMode = def.networkMode() == null ? "bridge" : def.networkModeAsString();

    PodEnvironment secrets = new PodEnvironment(inputs);
    List<Container> init = new ArrayList<>();
    for (DependencyPlan.Placed p : plan.init()) {
      init.add(
          AgentVariables.apply(
              secrets.apply(
                  p.definition().name(),
                  container(
                      p.definition(),
                      task,
                      new ContainerTranslator.Placement(
                          names.get(p.definition().name()),
                          resources.get(p.definition().name()),
                          volumes.mounts(p.definition()),
                          networkMode,
                          p.role() == DependencyPlan.Role.SIDECAR,
                          p.gatesOnHealth()))),
              p.definition().name(),
              launch,
              inputs,
              workload));
    }
    List<Container> main = new ArrayList<>();
    for (ContainerDefinition c : plan.main()) {
      main.add(
          AgentVariables.apply(
              secrets.apply(
                  c.name(),
                  container(
                      c,
                      task,
                      new ContainerTranslator.Placement(
                          names.get(c.name()),
                          resources.get(c.name()),
                          volumes.mounts(c),
                          networkMode,
                          false,
                          false))),
              c.name(),
              launch,
              inputs,
              workload));
    }

    PodSpecBuilder spec =
        new PodSpecBuilder()
            .withInitContainers(init)
            .withContainers(main)
            .withVolumes(volumes.volumes())
            // ECS containers see neither Kubernetes service variables nor an API token.
            .withEnableServiceLinks(false)
            .withAutomountServiceAccountToken(false);
    PodSettings.apply(def, networkMode, spec);
    PodPlacement.apply(task, inputs, spec);
    if (inputs.serviceAccount() != null) {
      spec.withServiceAccountName(inputs.serviceAccount());
    }
    inputs.pullSecrets().forEach(s -> spec.addToImagePullSecrets(new LocalObjectReference(s)));
    return spec;
  }

  private static Container container(
      ContainerDefinition def, Task task, ContainerTranslator.Placement placement) {
    return ContainerTranslator.of(def, override(task, def.name()), placement);
  }

  static ContainerOverride override(Task task, String container) {
    if (task.overrides() == null) {
      return null;
    }
    return task.overrides().containerOverrides().stream()
        .filter(o -> container.equals(o.name()))
        .findFirst()
        .orElse(null);
  }

  /** Labels of a task's pod; a workload's template ({@code taskId} null) names no task. */
  private static Map<String, String> labels(String taskId, Arn cluster, TaskDefinition def) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(PodLabels.MANAGED_BY, PodLabels.KECS);
    if (taskId != null) {
      labels.put(PodLabels.TASK_ID, taskId);
    }
    labels.put(PodLabels.CLUSTER, KubeNames.labelValue(cluster.lastSegment()));
    labels.put(PodLabels.FAMILY, KubeNames.labelValue(def.family()));
    labels.put(PodLabels.REVISION, String.valueOf(def.revision()));
    return labels;
  }

  private static Map<String, String> annotations(
      String taskArn,
      String containerInstanceArn,
      Arn cluster,
      TaskDefinition def,
      Map<String, String> names) {
    Map<String, String> a = new LinkedHashMap<>();
    if (taskArn != null) {
      a.put(PodLabels.TASK_ARN, taskArn);
    }
    a.put(PodLabels.TASK_DEFINITION_ARN, def.taskDefinitionArn());
    a.put(PodLabels.CLUSTER_ARN, cluster.toString());
    if (containerInstanceArn != null) {
      a.put(PodLabels.CONTAINER_INSTANCE_ARN, containerInstanceArn);
    }
    Map<String, String> renamed = new LinkedHashMap<>();
    names.forEach(
        (ecs, kube) -> {
          if (!ecs.equals(kube)) {
            renamed.put(kube, ecs);
          }
        });
    if (!renamed.isEmpty()) {
      a.put(PodLabels.CONTAINER_NAMES, Json.write(renamed));
    }
    for (ContainerDefinition c : def.containerDefinitions()) {
      if (!c.dockerLabels().isEmpty()) {
        a.put(PodLabels.DOCKER_LABELS_PREFIX + names.get(c.name()), Json.write(c.dockerLabels()));
      }
    }
    return a;
  }
}
