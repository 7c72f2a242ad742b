package io.kecs.ecs.service;

import io.kecs.identity.Arn;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Deployment identifiers. An ECS deployment id ({@code ecs-svc/} and 19 digits) names the
 * deployment inside DescribeServices; its service deployment and service revision ARNs reuse those
 * digits, so the three always map to each other without a lookup table.
 */
final class DeploymentIds {
  private static final String PREFIX = "ecs-svc/";

  private DeploymentIds() {}

  static String newId() {
    long n = ThreadLocalRandom.current().nextLong(1_000_000_000_000_000_000L, Long.MAX_VALUE);
    return PREFIX + n;
  }

  static String digits(String deploymentId) {
    return deploymentId.substring(PREFIX.length());
  }

  static String serviceDeploymentArn(Arn service, String deploymentId) {
    return child(service, "service-deployment", deploymentId);
  }

  static String serviceRevisionArn(Arn service, String deploymentId) {
    return child(service, "service-revision", deploymentId);
  }

  /** The deployment id behind a service deployment or revision ARN. */
  static String deploymentIdOf(Arn serviceDeploymentOrRevision) {
    return PREFIX + serviceDeploymentOrRevision.lastSegment();
  }

  /** The service ARN a service deployment or revision ARN belongs to. */
  static Arn serviceOf(Arn child) {
    String path = child.resourcePath(); // CLUSTER/SERVICE/DIGITS
    String clusterAndService = path.substring(0, path.lastIndexOf('/'));
    return new Arn(
        child.partition(), "ecs", child.region(), child.account(), "service/" + clusterAndService);
  }

  private static String child(Arn service, String type, String deploymentId) {
    return new Arn(
            service.partition(),
            "ecs",
            service.region(),
            service.account(),
            type + "/" + service.resourcePath() + "/" + digits(deploymentId))
        .toString();
  }
}
