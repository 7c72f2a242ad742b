package io.kecs.gateway;

import io.kecs.protocol.ApiAnswer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a request, unchanged, to the AWS backend: same method, path, query, headers (the Host
 * header too, so virtual-hosted S3 and signatures keep working) and body, streamed both ways by
 * Jetty's proxy; the answer comes back unchanged. When the backend refuses, fails or goes quiet for
 * longer than the idle timeout, the caller gets an AWS-style 502 or 504 in its own protocol.
 */
public final class BackendProxy extends ProxyHandler.Reverse {
  private static final Logger LOG = LoggerFactory.getLogger(BackendProxy.class);

  /** Request attribute: the {@link CallerProtocol} its errors are written in. */
  public static final String CALLER_ATTRIBUTE = "kecs.gateway.caller";

  /** Request attribute: the request id KECS gave the call. */
  public static final String REQUEST_ID_ATTRIBUTE = "kecs.gateway.requestId";

  private final URI backend;
  private final Duration connectTimeout;
  private final Duration idleTimeout;

  public BackendProxy(URI backend, Duration connectTimeout, Duration idleTimeout) {
    super(request -> rewrite(backend, request));
    this.backend = backend;
    this.connectTimeout = connectTimeout;
    this.idleTimeout = idleTimeout;
  }

  public URI backend() {
    return backend;
  }

  /** The request with a body already read (to route it) ready to be read again. */
  public static Request replay(Request request, byte[] body) {
    return new ReplayedRequest(request, body);
  }

  /**
   * Answers {@code Expect: 100-continue} here instead of passing it on: Jetty sends the client its
   * 100 as soon as the body is read, while some backends (moto's Werkzeug server) never send one
   * and the upload would stall until the idle timeout.
   */
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Request forwarded = request;
    if (request.getHeaders().contains(HttpHeader.EXPECT)) {
      HttpFields headers =
          HttpFields.build(request.getHeaders()).remove(HttpHeader.EXPECT).asImmutable();
      forwarded =
          new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
              return headers;
            }
          };
    }
    return super.handle(forwarded, response, callback);
  }

  static HttpURI rewrite(URI backend, Request request) {
    String base = backend.getRawPath() == null ? "" : backend.getRawPath();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    HttpURI in = request.getHttpURI();
    return HttpURI.build(in)
        .scheme(backend.getScheme())
        .host(backend.getHost())
        .port(backend.getPort())
        .path(base + in.getPath())
        .query(in.getQuery());
  }

  @Override
  protected void configureHttpClient(HttpClient client) {
    super.configureHttpClient(client);
    client.setConnectTimeout(connectTimeout.toMillis());
    client.setIdleTimeout(idleTimeout.toMillis());
    client.setFollowRedirects(false);
  }

  @Override
  protected org.eclipse.jetty.client.Request newProxyToServerRequest(
      Request clientToProxyRequest, HttpURI newHttpURI) {
    return super.newProxyToServerRequest(clientToProxyRequest, newHttpURI)
        .idleTimeout(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Unchanged means unchanged: no Via or Forwarded headers. */
  @Override
  protected void addProxyHeaders(
      Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {}

  @Override
  protected void onServerToProxyResponseFailure(
      Request clientToProxyRequest,
      org.eclipse.jetty.client.Request proxyToServerRequest,
      org.eclipse.jetty.client.Response serverToProxyResponse,
      Response proxyToClientResponse,
      Callback proxyToClientCallback,
      Throwable failure) {
    if (proxyToClientResponse.isCommitted()
        || !(clientToProxyRequest.getAttribute(CALLER_ATTRIBUTE)
            instanceof CallerProtocol caller)) {
      super.onServerToProxyResponseFailure(
          clientToProxyRequest,
          proxyToServerRequest,
          serverToProxyResponse,
          proxyToClientResponse,
          proxyToClientCallback,
          failure);
      return;
    }
    boolean timeout = failure instanceof TimeoutException;
    String requestId = String.valueOf(clientToProxyRequest.getAttribute(REQUEST_ID_ATTRIBUTE));
    LOG.warn("AWS backend {} failed request {}: {}", backend, requestId, failure.toString());
    ApiAnswer answer =
        timeout
            ? caller.error(
                "GatewayTimeout",
                504,
                "The AWS backend at "
                    + backend
                    + " did not answer within "
                    + idleTimeout.toSeconds()
                    + " s",
                requestId)
            : caller.error(
                "BadGateway",
                502,
                "The AWS backend at " + backend + " cannot be reached: " + failure.getMessage(),
                requestId);
    proxyToClientResponse.reset();
    write(proxyToClientResponse, answer, proxyToClientCallback);
  }

  static void write(Response response, ApiAnswer answer, Callback callback) {
    response.setStatus(answer.status());
    answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
    response.write(true, ByteBuffer.wrap(answer.body()), callback);
  }
}
