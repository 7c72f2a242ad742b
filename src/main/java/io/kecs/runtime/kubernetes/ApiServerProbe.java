package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kecs.runtime.RuntimeConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the API server answers: its version within three seconds. The client's own retries could
 * stretch one call past that, so the call runs on a virtual thread and the answer is awaited for a
 * bounded time. Cached briefly so {@code /_kecs/status} and the dashboard can poll it.
 */
final class ApiServerProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final Duration CACHE = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final Clock clock;
  private Instant checkedAt = Instant.MIN;
  private RuntimeConnection last;

  ApiServerProbe(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  synchronized RuntimeConnection check() {
    Instant now = clock.instant();
    if (last != null && now.isBefore(checkedAt.plus(CACHE))) {
      return last;
    }
    last = probe();
    checkedAt = clock.instant();
    return last;
  }

  private RuntimeConnection probe() {
    String url = String.valueOf(client.getMasterUrl());
    CompletableFuture<String> version = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("kecs-apiserver-probe")
        .start(
            () -> {
              try {
                version.complete(client.getKubernetesVersion().getGitVersion());
              } catch (RuntimeException e) {
                version.completeExceptionally(e);
              }
            });
    try {
      return new RuntimeConnection(
          url, true, "Kubernetes " + version.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return new RuntimeConnection(url, false, "no answer within " + TIMEOUT.toSeconds() + " s");
    } catch (ExecutionException e) {
      return new RuntimeConnection(url, false, KubernetesConnection.rootMessage(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RuntimeConnection(url, false, "interrupted");
    }
  }
}
