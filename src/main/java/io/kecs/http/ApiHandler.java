package io.kecs.http;

import io.kecs.identity.SigV4Identity;
import io.kecs.protocol.AwsException;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.protocol.UnknownOperationException;
import io.kecs.store.ResetGate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API port: AWS calls ({@code POST /} with {@code X-Amz-Target}) routed to the awsJson service
 * whose target prefix matches, plus {@code GET /_kecs/health}, {@code GET /_kecs/status} and {@code
 * POST /_kecs/reset}.
 */
public final class ApiHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final String JSON_11 = "application/x-amz-json-1.1";
  private static final long DRAIN_LIMIT = 1L << 30;

  private final List<AwsJsonService> services;
  private final AwsJsonCodec codec;
  private final SigV4Identity identity;
  private final RequestMetrics metrics;
  private final ResetGate gate;
  private final int maxBodyBytes;
  private final Runnable reset;
  private final Supplier<String> status;

  /**
   * @param reset wipes all state for {@code POST /_kecs/reset}; null when that endpoint is off
   * @param status the JSON body of {@code GET /_kecs/status}
   */
  public ApiHandler(
      List<AwsJsonService> services,
      AwsJsonCodec codec,
      SigV4Identity identity,
      RequestMetrics metrics,
      ResetGate gate,
      int maxBodyBytes,
      Runnable reset,
      Supplier<String> status) {
    this.services = List.copyOf(services);
    this.codec = codec;
    this.identity = identity;
    this.metrics = metrics;
    this.gate = gate;
    this.maxBodyBytes = maxBodyBytes;
    this.reset = reset;
    this.status = status;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    if (path.equals("/_kecs/health") && method.equals("GET")) {
      return plain(response, callback, 200, "{\"status\":\"ok\"}");
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
    String target = request.getHeaders().get("X-Amz-Target");
    if (target == null) {
      return plain(
          response,
          callback,
          404,
          "{\"message\":\"KECS serves AWS JSON calls: POST / with an X-Amz-Target header\"}");
    }
    serveAwsCall(request, response, callback, target);
    return true;
  }

  private void serveAwsCall(Request request, Response response, Callback callback, String target)
      throws IOException {
    long start = System.nanoTime();
    String requestId = UUID.randomUUID().toString();
    int dot = target.indexOf('.');
    String prefix = dot < 0 ? target : target.substring(0, dot);
    String action = dot < 0 ? "" : target.substring(dot + 1);
    AwsJsonService service =
        services.stream().filter(s -> s.targetPrefix().equals(prefix)).findFirst().orElse(null);
    int status = 200;
    byte[] body;
    try {
      if (service == null) {
        throw new UnknownOperationException("No service for X-Amz-Target " + target);
      }
      byte[] input = readBody(request);
      RequestContext context =
          new RequestContext(
              requestId, identity.scopeOf(request.getHeaders().get(HttpHeader.AUTHORIZATION)));
      AwsJsonService chosen = service;
      body = gate.shared(() -> chosen.invoke(action, input, context));
    } catch (AwsException e) {
      status = e.httpStatus();
      body = codec.writeError(e);
      response.getHeaders().put("x-amzn-ErrorType", e.errorCode());
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure serving {} (request {})", target, requestId, e);
      AwsException fault = new AwsException("ServerException", 500, "Internal error: " + e);
      status = 500;
      body = codec.writeError(fault);
      response.getHeaders().put("x-amzn-ErrorType", fault.errorCode());
    }
    response.setStatus(status);
    response.getHeaders().put("x-amzn-RequestId", requestId);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_11);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    metrics.record(
        service == null ? "unknown" : prefix,
        service != null && service.operationNames().contains(action) ? action : "unknown",
        status,
        System.nanoTime() - start);
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
