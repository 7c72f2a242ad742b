package io.kecs.ecs.taskdef;

import io.kecs.ecs.common.Names;
import io.kecs.ecs.error.ClientException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.EFSAuthorizationConfigIAM;
import software.amazon.awssdk.services.ecs.model.EFSTransitEncryption;
import software.amazon.awssdk.services.ecs.model.EFSVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * Task volumes: a valid, unique name (mount points refer to it), one kind of storage each, at most
 * one volume configured at launch, and the EFS rules (IAM authorization and a port need transit
 * encryption; an access point sets the root directory itself).
 */
final class VolumeRules {
  private VolumeRules() {}

  /** Checks the volumes and answers their names. */
  static Set<String> check(List<Volume> volumes) {
    Set<String> names = new HashSet<>();
    int atLaunch = 0;
    for (Volume v : volumes) {
      if (!Names.isValidName(v.name())) {
        throw new ClientException(
            "Invalid volume name '"
                + v.name()
                + "'. Up to 255 letters (uppercase and lowercase), numbers, underscores, and"
                + " hyphens are allowed.");
      }
      if (!names.add(v.name())) {
        throw new ClientException("Duplicate volume name '" + v.name() + "'.");
      }
      int kinds =
          count(v.host())
              + count(v.dockerVolumeConfiguration())
              + count(v.efsVolumeConfiguration())
              + count(v.fsxWindowsFileServerVolumeConfiguration())
              + count(v.s3filesVolumeConfiguration());
      if (kinds > 1) {
        throw new ClientException(
            "Invalid setting for volume '"
                + v.name()
                + "'. Specify only one of host, dockerVolumeConfiguration, efsVolumeConfiguration,"
                + " fsxWindowsFileServerVolumeConfiguration and s3filesVolumeConfiguration.");
      }
      if (Boolean.TRUE.equals(v.configuredAtLaunch())) {
        atLaunch++;
        if (kinds > 0) {
          throw new ClientException(
              "Invalid setting for volume '"
                  + v.name()
                  + "'. A volume configured at launch cannot also specify its storage.");
        }
      }
      if (v.efsVolumeConfiguration() != null) {
        checkEfs(v.name(), v.efsVolumeConfiguration());
      }
    }
    if (atLaunch > 1) {
      throw new ClientException(
          "A task definition can have only one volume with 'configuredAtLaunch' set to true.");
    }
    return names;
  }

  private static void checkEfs(String volume, EFSVolumeConfiguration efs) {
    boolean encrypted = efs.transitEncryption() == EFSTransitEncryption.ENABLED;
    String prefix = "Invalid 'efsVolumeConfiguration' setting for volume '" + volume + "'. ";
    if (efs.transitEncryptionPort() != null && !encrypted) {
      throw new ClientException(
          prefix + "'transitEncryptionPort' requires 'transitEncryption' to be ENABLED.");
    }
    var auth = efs.authorizationConfig();
    if (auth == null) {
      return;
    }
    if ((auth.iam() == EFSAuthorizationConfigIAM.ENABLED || auth.accessPointId() != null)
        && !encrypted) {
      throw new ClientException(
          prefix
              + "IAM authorization and access points require 'transitEncryption' to be ENABLED.");
    }
    if (auth.accessPointId() != null
        && efs.rootDirectory() != null
        && !efs.rootDirectory().equals("/")) {
      throw new ClientException(
          prefix + "With an access point, 'rootDirectory' must be omitted or set to '/'.");
    }
  }

  private static int count(Object part) {
    return part == null ? 0 : 1;
  }
}
