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
