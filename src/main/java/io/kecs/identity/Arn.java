package io.kecs.identity;

import java.util.Optional;

/**
 * An Amazon Resource Name: {@code arn:partition:service:region:account:resource}. The only place
 * ARNs are formatted or split.
 */
public record Arn(
    String partition, String service, String region, String account, String resource) {
  public static final String PARTITION = "aws";

  /** An ECS ARN in the given scope, e.g. {@code ecs(scope, "cluster", "default")}. */
  public static Arn ecs(Scope scope, String resourceType, String resourcePath) {
    return new Arn(
        PARTITION, "ecs", scope.region(), scope.account(), resourceType + "/" + resourcePath);
  }

  /** A Cloud Map ARN, e.g. {@code servicediscovery(scope, "namespace", "ns-abc")}. */
  public static Arn servicediscovery(Scope scope, String resourceType, String id) {
    return new Arn(
        PARTITION, "servicediscovery", scope.region(), scope.account(), resourceType + "/" + id);
  }

  /**
   * The ARN of task {@code id} of an ECS cluster: {@code ...:task/CLUSTER/ID} (the long ARN format;
   * with an empty id, the prefix every task ARN of the cluster starts with). The one place task
   * ARNs are built, whoever chose the id (KECS, or Kubernetes as a pod UID).
   */
  public static Arn task(Arn cluster, String id) {
    return new Arn(
        cluster.partition(),
        "ecs",
        cluster.region(),
        cluster.account(),
        "task/" + cluster.lastSegment() + "/" + id);
  }

  /** An IAM role of an account, from its name: {@code arn:aws:iam::ACCOUNT:role/NAME}. */
  public static Arn iamRole(String partition, String account, String name) {
    return new Arn(partition, "iam", "", account, "role/" + name);
  }

  /** An account's root principal: {@code arn:aws:iam::ACCOUNT:root}. */
  public static Arn iamRoot(String account) {
    return new Arn(PARTITION, "iam", "", account, "root");
  }

  public static Optional<Arn> parse(String text) {
    if (text == null || !text.startsWith("arn:")) {
      return Optional.empty();
    }
    String[] parts = text.split(":", 6);
    if (parts.length != 6 || parts[1].isEmpty() || parts[2].isEmpty() || parts[5].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
  }

  public static boolean looksLikeArn(String text) {
    return text != null && text.startsWith("arn:");
  }

  public Scope scope() {
    return new Scope(account, region);
  }

  /** The resource type: the part of the resource before the first '/', e.g. {@code cluster}. */
  public String resourceType() {
    int slash = resource.indexOf('/');
    return slash < 0 ? resource : resource.substring(0, slash);
  }

  /** The resource after its type, e.g. {@code my-cluster/abc} for a container instance. */
  public String resourcePath() {
    int slash = resource.indexOf('/');
    return slash < 0 ? "" : resource.substring(slash + 1);
  }

  /** The last path segment, e.g. the task id of {@code task/cluster/id}. */
  public String lastSegment() {
    int slash = resource.lastIndexOf('/');
    return resource.substring(slash + 1);
  }

  @Override
  public String toString() {
    return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
  }
}
