package io.kecs.elbv2.dataplane;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Answers written by the load balancer itself: its error pages and fixed responses. */
final class ErrorPages {
  private ErrorPages() {}

  /** An ALB's error page: {@code 502 Bad Gateway}, {@code 503 Service Temporarily Unavailable}. */
  static void error(Response response, int status, String reason, Callback callback) {
    String title = status + " " + reason;
    String body =
        "<html>\r\n<head><title>"
            + title
            + "</title></head>\r\n<body>\r\n<center><h1>"
            + title
            + "</h1></center>\r\n</body>\r\n</html>\r\n";
    write(response, status, "text/html", body, callback);
  }

  static void write(
      Response response, int status, String contentType, String body, Callback callback) {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.SERVER, "awselb/2.0");
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
