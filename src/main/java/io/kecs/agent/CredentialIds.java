package io.kecs.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Credentials ids, the last segment of {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}: {@code <task
 * id>.<role>.<check>}. They are computed from the stored task, not kept anywhere, so a pod made
 * before a restart still holds a valid id after it; the check (a digest over the task's randomly
 * generated container ARNs) keeps them from being guessed from a task id, which shows up in log
 * stream names and metadata.
 *
 * <p>A service's or daemon's pod is made by its workload from one template, before its task (named
 * by the pod's UID) exists, so no check can be put in it: its id is {@code <pod UID>.<role>.pod}, a
 * <em>pod-bound</em> id, good only for requests that come through the node agent from the task's
 * own address (see {@code CredentialsService}).
 */
public final class CredentialIds {
  /** Which of a task's roles an id is for. */
  public enum Role {
    TASK("task"),
    EXECUTION("execution");

    final String word;

    Role(String word) {
      this.word = word;
    }
  }

  /** The check of pod-bound ids: the caller's address stands in for it. */
  static final String POD_BOUND = "pod";

  /** An id taken apart; only {@link #of} proves it belongs to its task. */
  record Parsed(String taskId, Role role, String check) {
    boolean podBound() {
      return POD_BOUND.equals(check);
    }
  }

  private CredentialIds() {}

  /** The id of {@code task}'s credentials for {@code role}. */
  public static String of(Task task, Role role) {
    return MetadataMapper.taskId(task) + "." + role.word + "." + check(task, role);
  }

  /**
   * The pod-bound id for {@code role} of the task a workload's pod becomes, written with {@code
   * podUid} standing for the pod's UID (a variable Kubernetes expands, such as {@code $(UID)}).
   */
  public static String podBound(String podUid, Role role) {
    return podUid + "." + role.word + "." + POD_BOUND;
  }

  /** The role ARN for {@code role} of a task: its RunTask override, else its definition's. */
  static String roleArn(Task t, TaskDefinition d, Role role) {
    return switch (role) {
      case TASK ->
          t.overrides() != null && t.overrides().taskRoleArn() != null
              ? t.overrides().taskRoleArn()
              : d.taskRoleArn();
      case EXECUTION ->
          t.overrides() != null && t.overrides().executionRoleArn() != null
              ? t.overrides().executionRoleArn()
              : d.executionRoleArn();
    };
  }

  static Optional<Parsed> parse(String id) {
    String[] parts = id.split("\\.", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[2].isEmpty()) {
      return Optional.empty();
    }
    String taskId = PodUids.taskId(parts[0]);
    for (Role r : Role.values()) {
      if (r.word.equals(parts[1])) {
        return Optional.of(new Parsed(taskId, r, parts[2]));
      }
    }
    return Optional.empty();
  }

  /** Whether {@code id} is {@code task}'s id for {@code role} (compared in constant time). */
  static boolean matches(Task task, Parsed id) {
    return MessageDigest.isEqual(
        check(task, id.role()).getBytes(StandardCharsets.US_ASCII),
        id.check().getBytes(StandardCharsets.US_ASCII));
  }

  private static String check(Task task, Role role) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((role.word + "|" + task.taskArn()).getBytes(StandardCharsets.UTF_8));
      task.containers()
          .forEach(c -> sha.update(("|" + c.containerArn()).getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
