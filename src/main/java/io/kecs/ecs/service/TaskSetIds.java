package io.kecs.ecs.service;

import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Arn;
import java.util.regex.Pattern;

/**
 * Task set identifiers. A task set id has the deployment id's form ({@code ecs-svc/} and 19 digits,
 * tasks carry it as {@code startedBy}); its ARN is {@code
 * ...:task-set/CLUSTER/SERVICE/ecs-svc/DIGITS}.
 */
final class TaskSetIds {
  private static final Pattern ID = Pattern.compile("ecs-svc/\\d{1,19}");

  private TaskSetIds() {}

  static String newId() {
    return DeploymentIds.newId();
  }

  static Arn arn(Arn service, String id) {
    return new Arn(
        service.partition(),
        "ecs",
        service.region(),
        service.account(),
        "task-set/" + service.resourcePath() + "/" + id);
  }

  /**
   * The ARN a task set parameter (an id or an ARN) names within a service. An ARN of another
   * service is returned as it is, and then matches none of this service's task sets.
   */
  static String resolve(Arn service, String ref) {
    if (ref == null || ref.isEmpty()) {
      throw new InvalidParameterException("Task Set Identifier is invalid");
    }
    if (Arn.looksLikeArn(ref)) {
      return Arn.parse(ref)
          .filter(a -> "ecs".equals(a.service()) && "task-set".equals(a.resourceType()))
          .filter(a -> ID.matcher(idOf(a)).matches())
          .map(Arn::toString)
          .orElseThrow(() -> new InvalidParameterException("Task Set Identifier is invalid"));
    }
    if (!ID.matcher(ref).matches()) {
      throw new InvalidParameterException("Task Set Identifier is invalid");
    }
    return arn(service, ref).toString();
  }

  /** The service ARN a task set ARN belongs to, or null when it is not a task set ARN. */
  static Arn serviceOf(Arn taskSet) {
    String[] path = taskSet.resourcePath().split("/");
    if (!"task-set".equals(taskSet.resourceType()) || path.length != 4) {
      return null;
    }
    return new Arn(
        taskSet.partition(),
        "ecs",
        taskSet.region(),
        taskSet.account(),
        "service/" + path[0] + "/" + path[1]);
  }

  /** The id ({@code ecs-svc/DIGITS}) at the end of a task set ARN. */
  private static String idOf(Arn taskSet) {
    String[] path = taskSet.resourcePath().split("/");
    return path.length == 4 ? path[2] + "/" + path[3] : "";
  }
}
