package io.kecs.agent;

import io.kecs.ecs.task.TaskDirectory;
import io.kecs.identity.Arn;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Answers a credentials id with its role's credentials while the task runs. Issued credentials are
 * reused until shortly before they expire (as the agent refreshes them), so a container's SDK,
 * which fetches again only near expiry, never holds expired ones; once the task is STOPPED (or
 * stopping) its ids answer nothing.
 */
final class CredentialsService {
  /** Fetch new credentials when the cached ones have less than this left. */
  static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(15);

  private final TaskDirectory tasks;
  private final CredentialSource source;
  private final Clock clock;
  private final Map<String, RoleCredentials> issued = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  CredentialsService(TaskDirectory tasks, CredentialSource source, Clock clock) {
    this.tasks = tasks;
    this.source = source;
    this.clock = clock;
  }

  /** Why an id gets no credentials. */
  enum Refusal {
    MALFORMED,
    UNKNOWN,
    NO_ROLE
  }

  /** Credentials, or why there are none. */
  record Answer(RoleCredentials credentials, Refusal refusal) {}

  /**
   * @param caller the address the node agent saw the request come from ({@code X-Forwarded-For}),
   *     or null when the request came to KECS directly
   * @throws CredentialSource.CredentialsUnavailableException when the source fails
   */
  Answer credentials(String id, String caller) {
    Optional<CredentialIds.Parsed> parsed = CredentialIds.parse(id);
    if (parsed.isEmpty()) {
      return new Answer(null, Refusal.MALFORMED);
    }
    Optional<TaskDirectory.Entry> entry = tasks.byId(parsed.get().taskId());
    if (entry.isEmpty()
        || !(parsed.get().podBound()
            ? fromOwnAddress(entry.get().task(), caller)
            : CredentialIds.matches(entry.get().task(), parsed.get())
                && fromTask(entry.get().task(), caller))
        || !live(entry.get().task())) {
      issued.remove(id);
      locks.remove(id);
      return new Answer(null, Refusal.UNKNOWN);
    }
    String role =
        CredentialIds.roleArn(entry.get().task(), entry.get().definition(), parsed.get().role());
    if (role == null) {
      return new Answer(null, Refusal.NO_ROLE);
    }
    // One issue per id at a time: an SDK may fetch twice at once (prefetch and first use), and
    // both must get the same credentials.
    synchronized (locks.computeIfAbsent(id, k -> new Object())) {
      RoleCredentials cached = issued.get(id);
      if (cached != null
          && cached.roleArn().equals(role)
          && cached.expiration().isAfter(clock.instant().plus(REFRESH_BEFORE_EXPIRY))) {
        return new Answer(cached, null);
      }
      Task t = entry.get().task();
      String region = Arn.parse(t.taskArn()).map(Arn::region).orElse("us-east-1");
      RoleCredentials fresh = source.issue(role, MetadataMapper.taskId(t), region);
      // Rare (once per task and role per few hours): the moment to forget what has expired.
      issued
          .entrySet()
          .removeIf(
              e -> {
                boolean expired = e.getValue().expiration().isBefore(clock.instant());
                if (expired) {
                  locks.remove(e.getKey());
                }
                return expired;
              });
      issued.put(id, fresh);
      return new Answer(fresh, null);
    }
  }

  /**
   * Through the node agent, only the task's own address gets its credentials (as the ECS agent ties
   * them to the task's network); a task whose address KECS does not know is not checked.
   */
  private static boolean fromTask(Task t, String caller) {
    if (caller == null) {
      return true;
    }
    String own = ownAddress(t);
    return own == null || own.equals(caller.split(",")[0].trim());
  }

  /**
   * A pod-bound id names its task only by the pod's UID, which is no secret: it answers only a
   * request the node agent saw come from the task's own address, never one made to KECS directly
   * nor one of a task whose address KECS does not know (bridge, host).
   */
  private static boolean fromOwnAddress(Task t, String caller) {
    String own = ownAddress(t);
    return caller != null && own != null && own.equals(caller.split(",")[0].trim());
  }

  private static String ownAddress(Task t) {
    return t.containers().stream()
        .flatMap(c -> c.networkInterfaces().stream())
        .map(n -> n.privateIpv4Address())
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  /** ECS revokes a task's credentials once it is told to stop and its containers are gone. */
  private static boolean live(Task t) {
    return !"STOPPED".equals(t.lastStatus()) && !"DEPROVISIONING".equals(t.lastStatus());
  }
}
