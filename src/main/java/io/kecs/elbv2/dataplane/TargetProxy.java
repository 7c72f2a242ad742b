package io.kecs.elbv2.dataplane;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Forwards a request to the target the handler chose, streamed both ways by Jetty's proxy, with the
 * headers an ALB adds ({@code X-Forwarded-For}, {@code -Proto}, {@code -Port}, {@code
 * X-Amzn-Trace-Id}) and the client's Host kept. A target that refuses or fails gives the client a
 * 502, one that does not connect or answer in time a 504, as an ALB does.
 */
final class TargetProxy extends ProxyHandler.Reverse {
  /** Request attribute: the {@link Forward} the handler chose. */
  static final String FORWARD = "kecs.elb.forward";

  /** ELBv2's connect timeout to targets. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final Duration idleTimeout;

  /** Where a request goes, and what the load balancer tells the target about the client. */
  record Forward(TargetAddresses.Route route, int listenerPort, String host) {}

  TargetProxy(Duration idleTimeout) {
    super(TargetProxy::target);
    this.idleTimeout = idleTimeout;
  }

  private static HttpURI target(Request request) {
    Forward f = (Forward) request.getAttribute(FORWARD);
    return HttpURI.build(request.getHttpURI())
        .scheme("http")
        .host(f.route().host())
        .port(f.route().port());
  }

  @Override
  protected void configureHttpClient(HttpClient client) {
    super.configureHttpClient(client);
    client.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
    client.setIdleTimeout(idleTimeout.toMillis());
    client.setFollowRedirects(false);
    client.setMaxConnectionsPerDestination(1024);
  }

  @Override
  protected org.eclipse.jetty.client.Request newProxyToServerRequest(
      Request clientToProxyRequest, HttpURI newHttpURI) {
    return super.newProxyToServerRequest(clientToProxyRequest, newHttpURI)
        .idleTimeout(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  protected void addProxyHeaders(
      Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {
    Forward f = (Forward) clientToProxyRequest.getAttribute(FORWARD);
    String client = Request.getRemoteAddr(clientToProxyRequest);
    String prior = clientToProxyRequest.getHeaders().get("X-Forwarded-For");
    String trace = clientToProxyRequest.getHeaders().get("X-Amzn-Trace-Id");
    proxyToServerRequest.headers(
        h -> {
          h.put("X-Forwarded-For", prior == null ? client : prior + ", " + client);
          h.put("X-Forwarded-Proto", "http");
          h.put("X-Forwarded-Port", Integer.toString(f.listenerPort()));
          h.put("X-Amzn-Trace-Id", trace == null ? traceId() : trace);
          if (f.host() != null) {
            h.put(HttpHeader.HOST, f.host());
          }
          if (f.route().header() != null) {
            h.put(f.route().header(), f.route().value());
          }
        });
  }

  private static String traceId() {
    byte[] random = new byte[12];
    ThreadLocalRandom.current().nextBytes(random);
    return "Root=1-"
        + Long.toHexString(System.currentTimeMillis() / 1000)
        + "-"
        + HexFormat.of().formatHex(random);
  }

  @Override
  protected void onServerToProxyResponseFailure(
      Request clientToProxyRequest,
      org.eclipse.jetty.client.Request proxyToServerRequest,
      org.eclipse.jetty.client.Response serverToProxyResponse,
      Response proxyToClientResponse,
      Callback proxyToClientCallback,
      Throwable failure) {
    if (proxyToClientResponse.isCommitted()) {
      super.onServerToProxyResponseFailure(
          clientToProxyRequest,
          proxyToServerRequest,
          serverToProxyResponse,
          proxyToClientResponse,
          proxyToClientCallback,
          failure);
      return;
    }
    proxyToClientResponse.reset();
    if (failure instanceof TimeoutException || failure instanceof java.net.SocketTimeoutException) {
      ErrorPages.error(proxyToClientResponse, 504, "Gateway Time-out", proxyToClientCallback);
    } else {
      ErrorPages.error(proxyToClientResponse, 502, "Bad Gateway", proxyToClientCallback);
    }
  }
}
