package io.kecs.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the AWS backend answers, for {@code /_kecs/status} and {@code /_kecs/health}: any HTTP
 * answer to {@code GET /} within three seconds counts. Cached briefly so polling status stays
 * cheap; readiness never depends on it (a dead backend does not make ECS unready).
 */
public final class BackendProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final Duration CACHE = Duration.ofSeconds(2);

  private final URI backend;
  private final Clock clock;
  private final HttpClient client;
  private Instant checkedAt = Instant.MIN;
  private Result last;

  /** What the last check found. */
  public record Result(URI url, boolean reachable, String detail) {}

  public BackendProbe(URI backend, Clock clock) {
    this.backend = backend;
    this.clock = clock;
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  public synchronized Result check() {
    Instant now = clock.instant();
    if (last != null && now.isBefore(checkedAt.plus(CACHE))) {
      return last;
    }
    last = probe();
    checkedAt = now;
    return last;
  }

  private Result probe() {
    HttpRequest request =
        HttpRequest.newBuilder(backend.resolve("/")).timeout(TIMEOUT).GET().build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return new Result(backend, true, "HTTP " + status);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(backend, false, "interrupted");
    } catch (Exception e) {
      return new Result(backend, false, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
