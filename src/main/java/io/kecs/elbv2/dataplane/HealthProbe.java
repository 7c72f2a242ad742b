package io.kecs.elbv2.dataplane;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * One health check of one target with its group's settings: an HTTP {@code GET} of the health check
 * path answered with a code the matcher accepts, or (TCP, TLS, UDP and HTTPS checks) a TCP
 * connection accepted, within the timeout.
 */
final class HealthProbe implements AutoCloseable {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();

  ProbeResult probe(TargetGroup tg, TargetAddresses.Route route, Duration timeout) {
    String protocol =
        tg.healthCheckProtocolAsString() == null ? "HTTP" : tg.healthCheckProtocolAsString();
    return "HTTP".equals(protocol) ? httpGet(tg, route, timeout) : connect(route, timeout);
  }

  private ProbeResult httpGet(TargetGroup tg, TargetAddresses.Route route, Duration timeout) {
    String path = tg.healthCheckPath() == null ? "/" : tg.healthCheckPath();
    HttpRequest.Builder request;
    try {
      request =
          HttpRequest.newBuilder(URI.create("http://" + hostPort(route) + path))
              .timeout(timeout)
              .header("User-Agent", "ELB-HealthChecker/2.0")
              .GET();
    } catch (IllegalArgumentException e) {
      return ProbeResult.failed();
    }
    if (route.header() != null) {
      request.header(route.header(), route.value());
    }
    try {
      HttpResponse<Void> r = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      String codes = tg.matcher() == null ? null : tg.matcher().httpCode();
      return HttpCodeMatcher.matches(codes, r.statusCode())
          ? ProbeResult.PASSED
          : ProbeResult.codeMismatch(r.statusCode());
    } catch (HttpConnectTimeoutException e) {
      return ProbeResult.timeout();
    } catch (HttpTimeoutException e) {
      return ProbeResult.timeout();
    } catch (IOException e) {
      return ProbeResult.failed();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeResult.failed();
    }
  }

  private static ProbeResult connect(TargetAddresses.Route route, Duration timeout) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(route.host(), route.port()), (int) timeout.toMillis());
      return ProbeResult.PASSED;
    } catch (java.net.SocketTimeoutException e) {
      return ProbeResult.timeout();
    } catch (IOException e) {
      return ProbeResult.failed();
    }
  }

  static String hostPort(TargetAddresses.Route route) {
    String host = route.host().contains(":") ? "[" + route.host() + "]" : route.host();
    return host + ":" + route.port();
  }

  @Override
  public void close() {
    http.close();
  }
}
