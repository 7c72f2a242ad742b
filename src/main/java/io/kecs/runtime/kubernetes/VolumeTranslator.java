package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.kecs.runtime.ManagedEbsVolume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DockerVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.Scope;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.Tmpfs;
import software.amazon.awssdk.services.ecs.model.VolumeFrom;

/**
 * Task volumes and container mounts. Host paths stay host paths; Docker volumes of task scope and
 * bare volumes become emptyDirs (they live as long as the task), shared-scope Docker volumes a
 * PersistentVolumeClaim named after the volume; an EFS volume the claim {@code efs-<file system
 * id>} with its root directory as sub-path; a volume configured at launch the task's EBS volume, a
 * generic ephemeral volume ({@link EbsVolumeTranslator}). FSx and S3 Files cannot be expressed and
 * are left out with their mounts. {@code sharedMemorySize} and {@code tmpfs} become memory-backed
 * emptyDirs.
 */
final class VolumeTranslator {
  private final Map<String, Volume> taskVolumes = new LinkedHashMap<>();
  private final Map<String, String> subPaths = new LinkedHashMap<>();
  private final Map<String, ContainerDefinition> containers = new LinkedHashMap<>();
  private final List<Volume> containerVolumes = new ArrayList<>();

  /**
   * @param ebs the task's EBS volume (its definition's volume configured at launch), or null
   */
  VolumeTranslator(TaskDefinition def, ManagedEbsVolume ebs, EbsStorageClasses storageClasses) {
    def.containerDefinitions().forEach(c -> containers.put(c.name(), c));
    for (var v : def.volumes()) {
      String name = KubeNames.label(v.name());
      VolumeBuilder b = new VolumeBuilder().withName(name);
      if (v.host() != null && v.host().sourcePath() != null) {
        b.withNewHostPath().withPath(v.host().sourcePath()).endHostPath();
      } else if (v.dockerVolumeConfiguration() != null) {
        DockerVolumeConfiguration d = v.dockerVolumeConfiguration();
        if (d.scope() == Scope.SHARED) {
          b.withNewPersistentVolumeClaim().withClaimName(name).endPersistentVolumeClaim();
        } else {
          b.withNewEmptyDir().endEmptyDir();
        }
      } else if (v.efsVolumeConfiguration() != null) {
        var efs = v.efsVolumeConfiguration();
        b.withNewPersistentVolumeClaim()
            .withClaimName(KubeNames.label("efs-" + efs.fileSystemId()))
            .endPersistentVolumeClaim();
        String root = efs.rootDirectory() == null ? "" : efs.rootDirectory().replaceAll("^/+", "");
        if (!root.isEmpty()) {
          subPaths.put(v.name(), root);
        }
      } else if (Boolean.TRUE.equals(v.configuredAtLaunch())) {
        if (ebs == null || !v.name().equals(ebs.name())) {
          continue; // launched without a volume configuration (a task set's task)
        }
        b.withEphemeral(EbsVolumeTranslator.of(ebs, storageClasses));
      } else if (v.fsxWindowsFileServerVolumeConfiguration() != null
          || v.s3filesVolumeConfiguration() != null) {
        continue;
      } else {
        b.withNewEmptyDir().endEmptyDir();
      }
      taskVolumes.put(v.name(), b.build());
    }
  }

  /** The mounts of one container: its mount points, those of volumesFrom, /dev/shm and tmpfs. */
  List<VolumeMount> mounts(ContainerDefinition c) {
    List<VolumeMount> out = new ArrayList<>();
    c.mountPoints().forEach(m -> mount(m, false).ifPresent(out::add));
    for (VolumeFrom from : c.volumesFrom()) {
      ContainerDefinition source = containers.get(from.sourceContainer());
      if (source != null) {
        boolean ro = Boolean.TRUE.equals(from.readOnly());
        source.mountPoints().forEach(m -> mount(m, ro).ifPresent(out::add));
      }
    }
    var linux = c.linuxParameters();
    if (linux != null && linux.sharedMemorySize() != null) {
      String name = KubeNames.label("shm-" + c.name());
      containerVolumes.add(memory(name, linux.sharedMemorySize()));
      out.add(new VolumeMountBuilder().withName(name).withMountPath("/dev/shm").build());
    }
    if (linux != null) {
      int i = 0;
      for (Tmpfs t : linux.tmpfs()) {
        String name = KubeNames.label("tmpfs-" + c.name() + "-" + i++);
        containerVolumes.add(memory(name, t.size()));
        out.add(new VolumeMountBuilder().withName(name).withMountPath(t.containerPath()).build());
      }
    }
    // Kubernetes rejects two mounts on one path; the container's own mount point comes first.
    Map<String, VolumeMount> byPath = new LinkedHashMap<>();
    out.forEach(m -> byPath.putIfAbsent(m.getMountPath(), m));
    return List.copyOf(byPath.values());
  }

  /** The pod's volumes; call after {@link #mounts} has seen every container. */
  List<Volume> volumes() {
    List<Volume> out = new ArrayList<>(taskVolumes.values());
    out.addAll(containerVolumes);
    return out;
  }

  private Optional<VolumeMount> mount(MountPoint m, boolean forceReadOnly) {
    Volume v = taskVolumes.get(m.sourceVolume());
    if (v == null || m.containerPath() == null) {
      return Optional.empty();
    }
    VolumeMountBuilder b =
        new VolumeMountBuilder().withName(v.getName()).withMountPath(m.containerPath());
    if (forceReadOnly || Boolean.TRUE.equals(m.readOnly())) {
      b.withReadOnly(true);
    }
    String sub = subPaths.get(m.sourceVolume());
    if (sub != null) {
      b.withSubPath(sub);
    }
    return Optional.of(b.build());
  }

  private static Volume memory(String name, Integer mib) {
    VolumeBuilder b = new VolumeBuilder().withName(name);
    var dir = b.withNewEmptyDir().withMedium("Memory");
    if (mib != null && mib > 0) {
      dir.withSizeLimit(new Quantity(mib + "Mi"));
    }
    return dir.endEmptyDir().build();
  }
}
