package io.kecs.agent;

import java.util.regex.Pattern;

/**
 * A service's or daemon's pod knows its task id only as its own UID (from the downward API), which
 * has dashes; the task's id is that UID without them. Ids in metadata URIs and credentials ids may
 * come either way.
 */
final class PodUids {
  private static final Pattern POD_UID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private PodUids() {}

  /** The task id {@code id} names: a pod UID without its dashes, anything else as it is. */
  static String taskId(String id) {
    return POD_UID.matcher(id).matches() ? id.replace("-", "") : id;
  }
}
