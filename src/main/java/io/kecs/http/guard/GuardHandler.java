package io.kecs.http.guard;

import io.kecs.gateway.CallerProtocol;
import io.kecs.protocol.ApiAnswer;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Applies, in front of the API, the Host allow-list, the cross-site rules (with CORS answers for
 * allowed origins), the optional SigV4 check on AWS calls, and the connection deadlines. A refusal
 * is answered in the caller's protocol ({@link CallerProtocol}) so AWS clients show its message.
 */
public final class GuardHandler extends Handler.Wrapper {
  private final HostPolicy hosts;
  private final OriginPolicy origins;
  private final SignatureVerifier signatures;
  private final ConnectionDeadlines deadlines;
  private final int maxBodyBytes;
  private final Clock clock;

  /**
   * @param signatures null when signatures are not verified
   * @param deadlines null when connections have no overall deadline
   */
  public GuardHandler(
      Handler next,
      HostPolicy hosts,
      OriginPolicy origins,
      SignatureVerifier signatures,
      ConnectionDeadlines deadlines,
      int maxBodyBytes,
      Clock clock) {
    super(next);
    this.hosts = hosts;
    this.origins = origins;
    this.signatures = signatures;
    this.deadlines = deadlines;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Connection connection = request.getConnectionMetaData().getConnection();
    if (deadlines != null) {
      deadlines.headersReceived(connection, hasBody(request));
      request = new DeadlineRequest(request, deadlines, connection);
      callback = answered(callback, connection);
    }
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (!hosts.allows(host)) {
      return refuse(
          request,
          response,
          callback,
          403,
          "AccessDeniedException",
          "AccessDenied",
          "KECS does not answer requests for host '"
              + host
              + "' (a web page's name pointed at KECS, as in DNS rebinding, is refused). To reach"
              + " KECS by this name, start it with --allowed-hosts "
              + HostPolicy.nameOf(host == null ? "" : host)
              + ".");
    }
    String path = Request.getPathInContext(request);
    OriginPolicy.Decision d =
        origins.decide(
            request.getMethod(),
            path,
            host,
            request.getHeaders().get(HttpHeader.ORIGIN),
            request.getHeaders().get("Sec-Fetch-Site"),
            request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD));
    switch (d.verdict()) {
      case REFUSE -> {
        return refuse(
            request, response, callback, 403, "AccessDeniedException", "AccessDenied", d.reason());
      }
      case PREFLIGHT -> {
        cors(response, d.origin());
        String asked = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS);
        response
            .getHeaders()
            .put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, OriginPolicy.ALLOWED_METHODS);
        if (asked != null) {
          response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, asked);
        }
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
        response.setStatus(204);
        callback.succeeded();
        return true;
      }
      case PASS_WITH_CORS -> cors(response, d.origin());
      case PASS -> {}
    }
    if (signatures != null && !path.startsWith("/_kecs/")) {
      return verifyThenServe(request, response, callback, path);
    }
    return super.handle(request, response, callback);
  }

  private boolean verifyThenServe(
      Request request, Response response, Callback callback, String path) throws Exception {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField f : request.getHeaders()) {
      headers.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>()).add(f.getValue());
    }
    byte[][] body = {null};
    boolean oversized = false;
    List<String> declared = headers.get("x-amz-content-sha256");
    String declaredHash = declared == null ? null : declared.get(0).trim();
    // A declared hash (not UNSIGNED-PAYLOAD or a streaming marker) is checked against the body, as
    // S3 does: the signature covers the header, not the bytes.
    boolean readBody = declaredHash == null || declaredHash.matches("[0-9a-fA-F]{64}");
    if (readBody) {
      try (InputStream in = Request.asInputStream(request)) {
        byte[] bytes = in.readNBytes(maxBodyBytes + 1);
        if (bytes.length > maxBodyBytes) {
          oversized = true;
          // The client may send all before it reads: take the rest so it sees the 413.
          in.skip(Long.MAX_VALUE);
        } else {
          body[0] = bytes;
        }
      }
    }
    if (oversized) {
      return refuse(
          request,
          response,
          callback,
          413,
          "RequestEntityTooLargeException",
          "RequestEntityTooLarge",
          "Request body exceeds the limit of " + maxBodyBytes + " bytes");
    }
    SignatureVerifier.Signed signed =
        new SignatureVerifier.Signed(
            request.getMethod(),
            request.getHttpURI().getPath() == null ? path : request.getHttpURI().getPath(),
            request.getHttpURI().getQuery(),
            headers,
            () -> SignatureVerifier.sha256Hex(body[0]));
    var failure = signatures.verify(signed, clock.instant());
    if (failure.isPresent()) {
      SignatureFailure f = failure.get();
      return refuse(
          request, response, callback, f.status(), f.jsonCode(), f.queryCode(), f.message());
    }
    if (declaredHash != null
        && body[0] != null
        && !declaredHash.equalsIgnoreCase(SignatureVerifier.sha256Hex(body[0]))) {
      return refuse(
          request,
          response,
          callback,
          400,
          "XAmzContentSHA256Mismatch",
          "XAmzContentSHA256Mismatch",
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    Request next = body[0] == null ? request : new BufferedRequest(request, body[0]);
    return super.handle(next, response, callback);
  }

  private static void cors(Response response, String origin) {
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    response.getHeaders().add(HttpHeader.VARY, "Origin");
    response
        .getHeaders()
        .put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, OriginPolicy.EXPOSED_HEADERS);
  }

  private static boolean refuse(
      Request request,
      Response response,
      Callback callback,
      int status,
      String jsonCode,
      String queryCode,
      String message) {
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    CallerProtocol protocol =
        CallerProtocol.guess(
            request.getHeaders().get("X-Amz-Target"),
            contentType,
            request.getHttpURI().getQuery(),
            Request.getServerName(request));
    ApiAnswer r =
        protocol.error(status, jsonCode, queryCode, message, UUID.randomUUID().toString());
    response.setStatus(r.status());
    r.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, r.body().length);
    // The body is not read: keeping the connection would make Jetty drain or reset it anyway.
    if (hasBody(request)) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.write(true, ByteBuffer.wrap(r.body()), callback);
    return true;
  }

  /** Whether a body follows the headers (getLength() is -1 both for none and for chunked). */
  private static boolean hasBody(Request request) {
    return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
  }

  private Callback answered(Callback callback, Connection connection) {
    return new Callback() {
      @Override
      public void succeeded() {
        deadlines.answered(connection);
        callback.succeeded();
      }

      @Override
      public void failed(Throwable x) {
        deadlines.answered(connection);
        callback.failed(x);
      }

      @Override
      public InvocationType getInvocationType() {
        return callback.getInvocationType();
      }
    };
  }

  /** Tells the deadlines when the last of the body has been read. */
  private static final class DeadlineRequest extends Request.Wrapper {
    private final ConnectionDeadlines deadlines;
    private final Connection connection;

    DeadlineRequest(Request request, ConnectionDeadlines deadlines, Connection connection) {
      super(request);
      this.deadlines = deadlines;
      this.connection = connection;
    }

    @Override
    public Content.Chunk read() {
      Content.Chunk chunk = super.read();
      if (chunk != null && (chunk.isLast() || Content.Chunk.isFailure(chunk))) {
        deadlines.bodyReceived(connection);
      }
      return chunk;
    }
  }

  /** A request whose body was read for its hash, served again from memory. */
  private static final class BufferedRequest extends Request.Wrapper {
    private final byte[] body;
    private boolean served;

    BufferedRequest(Request request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public synchronized Content.Chunk read() {
      if (served) {
        return Content.Chunk.EOF;
      }
      served = true;
      return Content.Chunk.from(ByteBuffer.wrap(body), true);
    }

    @Override
    public void demand(Runnable demandCallback) {
      demandCallback.run();
    }
  }
}
