package io.kecs.ecs.task;

import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import io.kecs.runtime.ManagedEbsVolume;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.EBSTagSpecification;
import software.amazon.awssdk.services.ecs.model.ServiceManagedEBSVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskManagedEBSVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.TaskVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * The ECS rules for {@code volumeConfigurations} (RunTask, StartTask, CreateService,
 * UpdateService): the one volume a task definition configures at launch needs exactly one
 * configuration of that name, an Amazon EBS volume with an infrastructure role, a size or a
 * snapshot, and sizes, IOPS and throughput within what its volume type allows (the ranges the ECS
 * API reference gives for {@code TaskManagedEBSVolumeConfiguration}).
 */
public final class VolumeConfigurationRules {
  private record Range(int min, int max) {
    boolean contains(int v) {
      return v >= min && v <= max;
    }
  }

  private static final Map<String, Range> SIZES =
      Map.of(
          "gp2", new Range(1, 16_384),
          "gp3", new Range(1, 16_384),
          "io1", new Range(4, 16_384),
          "io2", new Range(4, 16_384),
          "st1", new Range(125, 16_384),
          "sc1", new Range(125, 16_384),
          "standard", new Range(1, 1_024));
  private static final Map<String, Range> IOPS =
      Map.of(
          "gp3", new Range(3_000, 16_000),
          "io1", new Range(100, 64_000),
          "io2", new Range(100, 256_000));
  private static final List<String> NO_IOPS = List.of("st1", "sc1", "standard");
  private static final Range THROUGHPUT = new Range(125, 1_000);
  private static final Range INITIALIZATION_RATE = new Range(100, 300);
  private static final Pattern SNAPSHOT = Pattern.compile("snap-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final List<String> RESERVED_TAGS = List.of("AmazonECSCreated", "AmazonECSManaged");

  private VolumeConfigurationRules() {}

  /** RunTask / StartTask: the EBS volume each task gets, or null when the definition has none. */
  public static ManagedEbsVolume forTask(
      TaskDefinition def, List<TaskVolumeConfiguration> configs) {
    return check(def, configs, false);
  }

  /**
   * CreateService / UpdateService: the configurations a deployment carries, checked against the
   * definition it runs; answers the EBS volume each of its tasks gets, or null.
   */
  public static ManagedEbsVolume forService(
      TaskDefinition def, List<ServiceVolumeConfiguration> configs, boolean daemon) {
    if (daemon && !configs.isEmpty()) {
      throw new InvalidParameterException(
          "volumeConfigurations is only supported for services with the REPLICA scheduling"
              + " strategy.");
    }
    return check(def, configs.stream().map(VolumeConfigurationRules::asTask).toList(), true);
  }

  private static ManagedEbsVolume check(
      TaskDefinition def, List<TaskVolumeConfiguration> configs, boolean service) {
    if (!matches(
        configuredAtLaunch(def), configs.stream().map(TaskVolumeConfiguration::name).toList())) {
      return null;
    }
    TaskVolumeConfiguration c = configs.get(0);
    TaskManagedEBSVolumeConfiguration m = c.managedEBSVolume();
    if (m == null) {
      throw missingManaged(c.name());
    }
    managed(
        c.name(),
        m.roleArn(),
        m.sizeInGiB(),
        m.volumeType(),
        m.iops(),
        m.throughput(),
        m.snapshotId(),
        m.volumeInitializationRate(),
        m.tagSpecifications(),
        service);
    return ManagedEbsVolume.of(c);
  }

  /** The EBS volume a service's configuration (checked by {@link #forService}) gives each task. */
  public static ManagedEbsVolume volumeOf(ServiceVolumeConfiguration c) {
    return ManagedEbsVolume.of(asTask(c));
  }

  /**
   * A service's volume configuration as a task's: the same fields, and ECS always deletes a service
   * task's volume with the task.
   */
  private static TaskVolumeConfiguration asTask(ServiceVolumeConfiguration c) {
    ServiceManagedEBSVolumeConfiguration m = c.managedEBSVolume();
    TaskVolumeConfiguration.Builder b = TaskVolumeConfiguration.builder().name(c.name());
    if (m != null) {
      b.managedEBSVolume(
          TaskManagedEBSVolumeConfiguration.builder()
              .encrypted(m.encrypted())
              .kmsKeyId(m.kmsKeyId())
              .volumeType(m.volumeType())
              .sizeInGiB(m.sizeInGiB())
              .snapshotId(m.snapshotId())
              .volumeInitializationRate(m.volumeInitializationRate())
              .iops(m.iops())
              .throughput(m.throughput())
              .tagSpecifications(m.tagSpecifications())
              .roleArn(m.roleArn())
              .filesystemType(m.filesystemTypeAsString())
              .terminationPolicy(t -> t.deleteOnTermination(true))
              .build());
    }
    return b.build();
  }

  /** The magnetic type cannot be attached to Fargate tasks. */
  public static void launchType(ManagedEbsVolume volume, String launchType) {
    if (volume != null
        && "FARGATE".equals(launchType)
        && "standard".equals(volume.effectiveType())) {
      throw new InvalidParameterException(
          "The volume type 'standard' is not supported for tasks using the FARGATE launch type.");
    }
  }

  /** The name of the definition's volume configured at launch, or null. */
  public static String configuredAtLaunch(TaskDefinition def) {
    return def.volumes().stream()
        .filter(v -> Boolean.TRUE.equals(v.configuredAtLaunch()))
        .map(Volume::name)
        .findFirst()
        .orElse(null);
  }

  /** Whether a volume is configured: one configuration naming the one volume, or neither. */
  private static boolean matches(String atLaunch, List<String> names) {
    if (names.size() > 1) {
      throw new InvalidParameterException(
          "Only one volume configuration is supported, but " + names.size() + " were specified.");
    }
    if (names.isEmpty()) {
      if (atLaunch != null) {
        throw new InvalidParameterException(
            "The task definition has the volume '"
                + atLaunch
                + "' with configuredAtLaunch set to true, but no volume configuration was"
                + " specified for it.");
      }
      return false;
    }
    if (!names.get(0).equals(atLaunch)) {
      throw new InvalidParameterException(
          "The volume configuration name '"
              + names.get(0)
              + "' does not match a volume with configuredAtLaunch set to true in the task"
              + " definition.");
    }
    return true;
  }

  private static void managed(
      String volume,
      String roleArn,
      Integer size,
      String volumeType,
      Integer iops,
      Integer throughput,
      String snapshotId,
      Integer initializationRate,
      List<EBSTagSpecification> tagSpecifications,
      boolean service) {
    String prefix = "Invalid managedEBSVolume for volume '" + volume + "'. ";
    boolean role =
        Arn.parse(roleArn)
            .map(a -> "iam".equals(a.service()) && "role".equals(a.resourceType()))
            .orElse(false);
    if (!role) {
      throw new InvalidParameterException(
          prefix + "roleArn '" + roleArn + "' is not the ARN of an IAM role.");
    }
    String type = volumeType == null ? ManagedEbsVolume.DEFAULT_TYPE : volumeType;
    Range sizes = SIZES.get(type);
    if (sizes == null) {
      throw new InvalidParameterException(
          prefix
              + "volumeType '"
              + volumeType
              + "' is not supported. Supported types: gp2, gp3, io1, io2, st1, sc1, standard.");
    }
    if (size == null && snapshotId == null) {
      throw new InvalidParameterException(prefix + "Specify either sizeInGiB or snapshotId.");
    }
    if (size != null && !sizes.contains(size)) {
      throw new InvalidParameterException(
          prefix + "sizeInGiB for volume type " + type + " must be " + between(sizes) + ".");
    }
    if (snapshotId != null && !SNAPSHOT.matcher(snapshotId).matches()) {
      throw new InvalidParameterException(
          prefix + "snapshotId '" + snapshotId + "' is not a valid snapshot ID.");
    }
    if (initializationRate != null) {
      if (snapshotId == null) {
        throw new InvalidParameterException(
            prefix + "volumeInitializationRate can only be specified with a snapshotId.");
      }
      if (!INITIALIZATION_RATE.contains(initializationRate)) {
        throw new InvalidParameterException(
            prefix
                + "volumeInitializationRate must be "
                + between(INITIALIZATION_RATE)
                + " MiB/s.");
      }
    }
    iops(prefix, type, iops);
    if (throughput != null) {
      if (!"gp3".equals(type)) {
        throw new InvalidParameterException(
            prefix + "throughput is only supported for volume type gp3.");
      }
      if (!THROUGHPUT.contains(throughput)) {
        throw new InvalidParameterException(
            prefix + "throughput must be " + between(THROUGHPUT) + " MiB/s.");
      }
    }
    for (EBSTagSpecification spec : tagSpecifications) {
      TagService.validate(spec.tags());
      if (spec.tags().stream().anyMatch(t -> RESERVED_TAGS.contains(t.key()))) {
        throw new InvalidParameterException(
            prefix + "The tag keys AmazonECSCreated and AmazonECSManaged are reserved.");
      }
      if (!service && "SERVICE".equals(spec.propagateTagsAsString())) {
        throw new InvalidParameterException(
            prefix + "Tags can only propagate from a SERVICE for volumes of a service.");
      }
    }
  }

  private static void iops(String prefix, String type, Integer iops) {
    Range range = IOPS.get(type);
    if (iops == null) {
      if (type.startsWith("io")) {
        throw new InvalidParameterException(
            prefix + "iops is required for volume type " + type + ".");
      }
      return;
    }
    if (NO_IOPS.contains(type)) {
      throw new InvalidParameterException(
          prefix + "iops is not supported for volume type " + type + ".");
    }
    if (range != null && !range.contains(iops)) {
      throw new InvalidParameterException(
          prefix + "iops for volume type " + type + " must be " + between(range) + ".");
    }
  }

  private static String between(Range r) {
    return "between " + r.min() + " and " + r.max();
  }

  private static InvalidParameterException missingManaged(String volume) {
    return new InvalidParameterException(
        "The volume configuration for '" + volume + "' must specify a managedEBSVolume.");
  }
}
