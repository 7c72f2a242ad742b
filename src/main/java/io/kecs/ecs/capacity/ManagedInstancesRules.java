package io.kecs.ecs.capacity;

import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Arn;
import software.amazon.awssdk.services.ecs.model.CapacityOptionType;
import software.amazon.awssdk.services.ecs.model.CreateManagedInstancesProviderConfiguration;
import software.amazon.awssdk.services.ecs.model.InfrastructureOptimization;
import software.amazon.awssdk.services.ecs.model.InstanceLaunchTemplate;
import software.amazon.awssdk.services.ecs.model.InstanceLaunchTemplateUpdate;
import software.amazon.awssdk.services.ecs.model.InstanceRequirementsRequest;
import software.amazon.awssdk.services.ecs.model.ManagedInstancesProvider;
import software.amazon.awssdk.services.ecs.model.UpdateManagedInstancesProviderConfiguration;

/**
 * The Managed Instances provider configuration: the checks KECS can make without EC2 (ARN kinds,
 * subnets present, documented ranges, min not above max) and the one default ECS reports
 * (capacityOptionType ON_DEMAND). Launch template details are kept as given.
 */
final class ManagedInstancesRules {
  private ManagedInstancesRules() {}

  static ManagedInstancesProvider forCreate(CreateManagedInstancesProviderConfiguration c) {
    InstanceLaunchTemplate template = c.instanceLaunchTemplate();
    if (template.capacityOptionType() == null) {
      template = template.toBuilder().capacityOptionType(CapacityOptionType.ON_DEMAND).build();
    }
    ManagedInstancesProvider provider =
        ManagedInstancesProvider.builder()
            .infrastructureRoleArn(c.infrastructureRoleArn())
            .instanceLaunchTemplate(template)
            .propagateTags(c.propagateTags())
            .infrastructureOptimization(c.infrastructureOptimization())
            .autoRepairConfiguration(c.autoRepairConfiguration())
            .build();
    check(provider);
    return provider;
  }

  /** The configuration after an update: what the update gives replaces, the rest stays. */
  static ManagedInstancesProvider forUpdate(
      ManagedInstancesProvider current, UpdateManagedInstancesProviderConfiguration u) {
    ManagedInstancesProvider.Builder b =
        current.toBuilder()
            .infrastructureRoleArn(u.infrastructureRoleArn())
            .instanceLaunchTemplate(
                merge(current.instanceLaunchTemplate(), u.instanceLaunchTemplate()));
    if (u.propagateTags() != null) {
      b.propagateTags(u.propagateTags());
    }
    if (u.infrastructureOptimization() != null) {
      b.infrastructureOptimization(u.infrastructureOptimization());
    }
    if (u.autoRepairConfiguration() != null) {
      b.autoRepairConfiguration(u.autoRepairConfiguration());
    }
    ManagedInstancesProvider provider = b.build();
    check(provider);
    return provider;
  }

  private static InstanceLaunchTemplate merge(
      InstanceLaunchTemplate current, InstanceLaunchTemplateUpdate u) {
    InstanceLaunchTemplate.Builder b = current.toBuilder();
    if (u.ec2InstanceProfileArn() != null) {
      b.ec2InstanceProfileArn(u.ec2InstanceProfileArn());
    }
    if (u.networkConfiguration() != null) {
      b.networkConfiguration(u.networkConfiguration());
    }
    if (u.storageConfiguration() != null) {
      b.storageConfiguration(u.storageConfiguration());
    }
    if (u.instanceMetadataTagsPropagation() != null) {
      b.instanceMetadataTagsPropagation(u.instanceMetadataTagsPropagation());
    }
    if (u.localStorageConfiguration() != null) {
      b.localStorageConfiguration(u.localStorageConfiguration());
    }
    if (u.monitoring() != null) {
      b.monitoring(u.monitoring());
    }
    if (u.instanceRequirements() != null) {
      b.instanceRequirements(u.instanceRequirements());
    }
    if (u.capacityReservations() != null) {
      b.capacityReservations(u.capacityReservations());
    }
    return b.build();
  }

  private static void check(ManagedInstancesProvider p) {
    requireIamArn("infrastructureRoleArn", p.infrastructureRoleArn(), "role/");
    InstanceLaunchTemplate t = p.instanceLaunchTemplate();
    requireIamArn("ec2InstanceProfileArn", t.ec2InstanceProfileArn(), "instance-profile/");
    if (t.networkConfiguration() == null
        || !t.networkConfiguration().hasSubnets()
        || t.networkConfiguration().subnets().isEmpty()) {
      throw new InvalidParameterException(
          "The instance launch template network configuration must specify at least one subnet.");
    }
    if (t.storageConfiguration() != null
        && t.storageConfiguration().storageSizeGiB() != null
        && t.storageConfiguration().storageSizeGiB() < 1) {
      throw new InvalidParameterException("storageSizeGiB must be at least 1.");
    }
    InfrastructureOptimization o = p.infrastructureOptimization();
    if (o != null && o.scaleInAfter() != null) {
      int v = o.scaleInAfter();
      if (v != -1 && (v < 0 || v > 3600)) {
        throw new InvalidParameterException(
            "The infrastructure optimization scaleInAfter value "
                + v
                + " is invalid. Specify -1, or a value between 0 and 3600.");
      }
    }
    if (t.instanceRequirements() != null) {
      checkRequirements(t.instanceRequirements());
    }
  }

  private static void checkRequirements(InstanceRequirementsRequest r) {
    minMax("vCpuCount", r.vCpuCount().min(), r.vCpuCount().max());
    minMax("memoryMiB", r.memoryMiB().min(), r.memoryMiB().max());
  }

  private static void minMax(String member, Integer min, Integer max) {
    if (min != null && min < 0) {
      throw new InvalidParameterException(member + ".min must not be negative.");
    }
    if (min != null && max != null && max < min) {
      throw new InvalidParameterException(member + ".max must not be less than its min.");
    }
  }

  private static void requireIamArn(String member, String value, String resourcePrefix) {
    boolean ok =
        Arn.parse(value)
            .filter(a -> a.service().equals("iam") && a.resource().startsWith(resourcePrefix))
            .isPresent();
    if (!ok) {
      throw new InvalidParameterException(
          "The specified "
              + member
              + " '"
              + value
              + "' is not a valid IAM "
              + resourcePrefix.replace('-', ' ').replace("/", "")
              + " ARN.");
    }
  }
}
