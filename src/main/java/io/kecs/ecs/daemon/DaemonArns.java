package io.kecs.ecs.daemon;

import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;

/**
 * Daemon ARNs as ECS documents them: {@code daemon/CLUSTER/NAME}, {@code
 * daemon-deployment/CLUSTER/NAME/ID} (21 letters and digits) and {@code
 * daemon-revision/CLUSTER/NAME/UUID}. Deployments and revisions sit under their daemon's path, so
 * one daemon's history is one contiguous range.
 */
final class DaemonArns {
  static final String DAEMON = "daemon";
  static final String DEPLOYMENT = "daemon-deployment";
  static final String REVISION = "daemon-revision";

  private static final String ID_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private DaemonArns() {}

  static Arn daemon(Scope scope, String clusterName, String daemonName) {
    return Arn.ecs(scope, DAEMON, clusterName + "/" + daemonName);
  }

  static String newDeployment(Arn daemon) {
    StringBuilder id = new StringBuilder(21);
    for (int i = 0; i < 21; i++) {
      id.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
    }
    return child(daemon, DEPLOYMENT, id.toString()).toString();
  }

  static String newRevision(Arn daemon) {
    return child(daemon, REVISION, UUID.randomUUID().toString()).toString();
  }

  /** The prefix of every deployment ARN of a daemon. */
  static String deploymentPrefix(Arn daemon) {
    return child(daemon, DEPLOYMENT, "").toString();
  }

  /** The prefix of every revision ARN of a daemon. */
  static String revisionPrefix(Arn daemon) {
    return child(daemon, REVISION, "").toString();
  }

  /** The revision ARN a daemon task was started for (its {@code startedBy} is the revision id). */
  static String revisionOf(Arn daemon, String revisionId) {
    return child(daemon, REVISION, revisionId).toString();
  }

  /** The ARN a DaemonArn parameter names; an ARN of another kind or malformed one is refused. */
  static Arn parseDaemon(String text) {
    return Arn.parse(text)
        .filter(a -> a.service().equals("ecs") && a.resourceType().equals(DAEMON))
        .filter(a -> a.resourcePath().split("/", -1).length == 2)
        .filter(a -> !a.resourcePath().startsWith("/") && !a.resourcePath().endsWith("/"))
        .orElseThrow(() -> new InvalidParameterException("Invalid daemon ARN: " + text));
  }

  /** The daemon a deployment or revision ARN belongs to, or empty when it is not one. */
  static Optional<Arn> daemonOf(String childArn, String type) {
    return Arn.parse(childArn)
        .filter(a -> a.service().equals("ecs") && a.resourceType().equals(type))
        .filter(a -> a.resourcePath().split("/", -1).length == 3)
        .map(a -> daemonOfPath(a, a.resourcePath()));
  }

  /** The cluster name of a daemon ARN. */
  static String clusterName(Arn daemon) {
    return daemon.resourcePath().substring(0, daemon.resourcePath().indexOf('/'));
  }

  static String daemonName(Arn daemon) {
    return daemon.lastSegment();
  }

  static Arn cluster(Arn daemon) {
    return Arn.ecs(daemon.scope(), "cluster", clusterName(daemon));
  }

  private static Arn daemonOfPath(Arn child, String path) {
    String clusterAndName = path.substring(0, path.lastIndexOf('/'));
    return new Arn(
        child.partition(), "ecs", child.region(), child.account(), DAEMON + "/" + clusterAndName);
  }

  private static Arn child(Arn daemon, String type, String id) {
    return new Arn(
        daemon.partition(),
        "ecs",
        daemon.region(),
        daemon.account(),
        type + "/" + daemon.resourcePath() + "/" + id);
  }
}
