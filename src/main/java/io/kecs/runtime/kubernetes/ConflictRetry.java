package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * Runs a write again when the API server answers 409 Conflict ("the object has been modified"): an
 * update carries the resourceVersion it read, and a controller (the Deployment controller writing
 * its status, the garbage collector) may change the object between that read and the write. Seen on
 * a real API server, never on the mock; each attempt reads the object afresh.
 */
final class ConflictRetry {
  static final int ATTEMPTS = 5;

  private ConflictRetry() {}

  static <T> T write(Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || "AlreadyExists".equals(reason(e)) || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static String reason(KubernetesClientException e) {
    return e.getStatus() == null ? null : e.getStatus().getReason();
  }
}
