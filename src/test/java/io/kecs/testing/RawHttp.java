package io.kecs.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand on a socket, for what HTTP clients will not send (a foreign Host header,
 * a body sent in full before reading, a request dribbled byte by byte).
 */
public final class RawHttp implements AutoCloseable {
  private final Socket socket;

  private RawHttp(Socket socket) {
    this.socket = socket;
  }

  public static RawHttp connect(URI endpoint) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5_000);
    s.setSoTimeout(30_000);
    return new RawHttp(s);
  }

  /** A whole request with {@code Connection: close}; the answer's status line and rest. */
  public static Answer exchange(URI endpoint, String head, byte[] body) throws IOException {
    try (RawHttp http = connect(endpoint)) {
      http.send(head.getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        http.send(body);
      }
      return http.readAnswer();
    }
  }

  public void send(byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  /** How long a read waits before SocketTimeoutException. */
  public void readTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  public OutputStream output() throws IOException {
    return socket.getOutputStream();
  }

  public InputStream input() throws IOException {
    return socket.getInputStream();
  }

  /** Reads until the server closes the connection. */
  public Answer readAnswer() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    socket.getInputStream().transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n");
    String status = end < 0 ? text : text.substring(0, end);
    int code = status.startsWith("HTTP/1.1 ") ? Integer.parseInt(status.substring(9, 12)) : -1;
    int bodyAt = text.indexOf("\r\n\r\n");
    return new Answer(
        code,
        bodyAt < 0 ? text : text.substring(0, bodyAt),
        bodyAt < 0 ? "" : text.substring(bodyAt + 4));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** A status code (-1 when none came), the head (status line and headers) and the body. */
  public record Answer(int status, String head, String body) {}
}
