package io.kecs.http;

import io.kecs.gateway.BackendProxy;
import io.kecs.gateway.CallerProtocol;
import io.kecs.gateway.NoBackend;
import io.kecs.gateway.Route;
import io.kecs.gateway.RoutingRequest;
import io.kecs.gateway.ServiceRouter;
import io.kecs.identity.SigV4Credential;
import io.kecs.identity.SigV4Identity;
import io.kecs.protocol.ApiAnswer;
import io.kecs.protocol.ApiCall;
import io.kecs.protocol.AwsException;
import io.kecs.protocol.FormBody;
import io.kecs.protocol.RequestContext;
import io.kecs.protocol.ServiceModule;
import io.kecs.store.ResetGate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The API port: every AWS call, routed by the {@link ServiceRouter} to the module that serves it or
 * forwarded to the AWS backend, plus {@code GET /_kecs/health}, {@code GET /_kecs/status} and
 * {@code POST /_kecs/reset}.
 */
public final class ApiHandler extends org.eclipse.jetty.server.Handler.Abstract {
  private static final long DRAIN_LIMIT = 1L << 30;

  private final ServiceRouter router;
  private final BackendProxy backend;
  private final SigV4Identity identity;
  private final RequestMetrics metrics;
  private final ResetGate gate;
  private final int maxBodyBytes;
  private final Runnable reset;
  private final Supplier<String> status;
  private final Supplier<String> health;

  /**
   * @param backend forwards what no module serves; null when no AWS backend is configured
   * @param reset wipes all state for {@code POST /_kecs/reset}; null when that endpoint is off
   * @param status the JSON body of {@code GET /_kecs/status}
   * @param health the JSON body of {@code GET /_kecs/health}
   */
  public ApiHandler(
      ServiceRouter router,
      BackendProxy backend,
      SigV4Identity identity,
      RequestMetrics metrics,
      ResetGate gate,
      int maxBodyBytes,
      Runnable reset,
      Supplier<String> status,
      Supplier<String> health) {
    this.router = router;
    this.backend = backend;
    this.identity = identity;
    this.metrics = metrics;
    this.gate = gate;
    this.maxBodyBytes = maxBodyBytes;
    this.reset = reset;
    this.status = status;
    this.health = health;
    if (backend != null) {
      installBean(backend);
    }
  }

  @Override
  public void setServer(org.eclipse.jetty.server.Server server) {
    super.setServer(server);
    if (backend != null) {
      backend.setServer(server);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    if (path.equals("/_kecs/health") && method.equals("GET")) {
      return plain(response, callback, 200, health.get());
    }
    if (path.equals("/_kecs/status") && method.equals("GET")) {
      return plain(response, callback, 200, status.get());
    }
    if (path.equals("/_kecs/reset") && reset != null) {
      if (!method.equals("POST")) {
        return plain(response, callback, 405, "{\"message\":\"use POST\"}");
      }
      reset.run();
      return plain(response, callback, 200, "{\"reset\":true}");
    }
    return serveAwsCall(request, response, callback);
  }

  private boolean serveAwsCall(Request request, Response response, Callback callback)
      throws IOException {
    long start = System.nanoTime();
    String requestId = UUID.randomUUID().toString();
    HttpFields headers = request.getHeaders();
    String contentType = headers.get(HttpHeader.CONTENT_TYPE);
    Map<String, String> query;
    Map<String, String> form = Map.of();
    byte[] body = null;
    try {
      query = FormBody.decode(request.getHttpURI().getQuery());
    } catch (IllegalArgumentException e) {
      return fail(response, callback, CallerProtocol.AWS_QUERY, malformed(e), requestId, start);
    }
    RoutingRequest bare =
        new RoutingRequest(
            request.getMethod(),
            hostOf(request),
            headers.get(HttpHeader.AUTHORIZATION),
            headers.get("X-Amz-Target"),
            query,
            form);
    if (isForm(contentType) && bare.target() == null) {
      // awsQuery names its operation in the body: read it (bounded) to route by Action.
      try {
        body = readBody(request);
        form = FormBody.decode(body);
      } catch (AwsException e) {
        return fail(response, callback, CallerProtocol.AWS_QUERY, e, requestId, start);
      } catch (IllegalArgumentException e) {
        return fail(response, callback, CallerProtocol.AWS_QUERY, malformed(e), requestId, start);
      }
    }
    RoutingRequest routing =
        new RoutingRequest(
            bare.method(), bare.host(), bare.authorization(), bare.target(), query, form);
    Route route = router.route(routing);
    if (route instanceof Route.ToModule(ServiceModule module, String rule)) {
      ApiAnswer answer = serveModule(module, routing, request, contentType, body, requestId);
      write(response, answer, requestId, callback);
      metrics.record(
          module.signingName(), answer.action(), answer.status(), System.nanoTime() - start);
      return true;
    }
    Route.ToBackend toBackend = (Route.ToBackend) route;
    CallerProtocol caller = CallerProtocol.of(routing, contentType, toBackend.service());
    String service = toBackend.service() == null ? "unknown" : toBackend.service();
    if (backend == null) {
      ApiAnswer answer = NoBackend.answer(caller, toBackend, routing.target(), requestId);
      write(response, answer, requestId, callback);
      metrics.record(service, "unknown", answer.status(), System.nanoTime() - start);
      return true;
    }
    request.setAttribute(BackendProxy.CALLER_ATTRIBUTE, caller);
    request.setAttribute(BackendProxy.REQUEST_ID_ATTRIBUTE, requestId);
    Request forwarded = body == null ? request : BackendProxy.replay(request, body);
    Callback recorded =
        new Callback.Nested(callback) {
          @Override
          public void succeeded() {
            metrics.record(service, "backend", response.getStatus(), System.nanoTime() - start);
            super.succeeded();
          }

          @Override
          public void failed(Throwable x) {
            metrics.record(service, "backend", 502, System.nanoTime() - start);
            super.failed(x);
          }
        };
    return backend.handle(forwarded, response, recorded);
  }

  private ApiAnswer serveModule(
      ServiceModule module,
      RoutingRequest routing,
      Request request,
      String contentType,
      byte[] body,
      String requestId) {
    if (SigV4Credential.isForeignAuthorization(routing.authorization())) {
      return module.error(
          new AwsException(
              "IncompleteSignatureException",
              400,
              "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' of a"
                  + " AWS4-HMAC-SHA256 signature"),
          requestId);
    }
    byte[] input = body;
    try {
      if (input == null) {
        input = readBody(request);
      }
    } catch (AwsException e) {
      return module.error(e, requestId);
    } catch (IOException e) {
      return module.error(new AwsException("SerializationException", 400, e.toString()), requestId);
    }
    RequestContext context = new RequestContext(requestId, identity.scopeOf(routing.credential()));
    ApiCall call =
        new ApiCall(
            context, routing.method(), routing.target(), contentType, routing.query(), input);
    return gate.shared(() -> module.serve(call));
  }

  private boolean fail(
      Response response,
      Callback callback,
      CallerProtocol caller,
      AwsException e,
      String requestId,
      long start) {
    ApiAnswer answer = caller.error(e.errorCode(), e.httpStatus(), e.getMessage(), requestId);
    write(response, answer, requestId, callback);
    metrics.record("unknown", "unknown", answer.status(), System.nanoTime() - start);
    return true;
  }

  private static AwsException malformed(IllegalArgumentException e) {
    return new AwsException("MalformedQueryString", 400, "Malformed form data: " + e.getMessage());
  }

  private static void write(Response response, ApiAnswer answer, String requestId, Callback cb) {
    response.setStatus(answer.status());
    response.getHeaders().put("x-amzn-RequestId", requestId);
    answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
    response.write(true, ByteBuffer.wrap(answer.body()), cb);
  }

  private static boolean isForm(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private static String hostOf(Request request) {
    String host = Request.getServerName(request);
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }

  private byte[] readBody(Request request) throws IOException {
    try (InputStream in = Request.asInputStream(request)) {
      if (request.getLength() > maxBodyBytes) {
        // A client waiting for "100 Continue" has sent nothing: the 413 spares it the upload.
        if (!request.getHeaders().contains(HttpHeader.EXPECT, "100-continue")) {
          drain(in);
        }
        throw tooLarge();
      }
      byte[] bytes = in.readNBytes(maxBodyBytes + 1);
      if (bytes.length > maxBodyBytes) {
        drain(in);
        throw tooLarge();
      }
      return bytes;
    }
  }

  /**
   * Reads and drops the rest of an oversized body: a client that sends its whole body before it
   * reads would otherwise see a reset connection instead of the 413. The connection deadline bounds
   * how long this may take; {@link #DRAIN_LIMIT} how much is read.
   */
  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = DRAIN_LIMIT;
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
      left -= n;
    }
  }

  private AwsException tooLarge() {
    return new AwsException(
        "RequestEntityTooLargeException",
        413,
        "Request body exceeds the limit of " + maxBodyBytes + " bytes");
  }

  static boolean plain(Response response, Callback callback, int status, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }
}
