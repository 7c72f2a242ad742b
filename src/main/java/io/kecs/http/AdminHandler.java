package io.kecs.http;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The admin port: {@code /health} (alive), {@code /ready} (serving), {@code /metrics}. */
public final class AdminHandler extends Handler.Abstract {
  private final RequestMetrics metrics;
  private final BooleanSupplier ready;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  public AdminHandler(RequestMetrics metrics, BooleanSupplier ready) {
    this.metrics = metrics;
    this.ready = ready;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    return switch (Request.getPathInContext(request)) {
      case "/health" -> ApiHandler.plain(response, callback, 200, "{\"status\":\"ok\"}");
      case "/ready" ->
          ready.getAsBoolean()
              ? ApiHandler.plain(response, callback, 200, "{\"status\":\"ready\"}")
              : ApiHandler.plain(response, callback, 503, "{\"status\":\"starting\"}");
      case "/metrics" -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, metrics.registry().scrape());
        byte[] bytes = out.toByteArray();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, writer.getContentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        yield true;
      }
      default -> ApiHandler.plain(response, callback, 404, "{\"message\":\"not found\"}");
    };
  }
}
