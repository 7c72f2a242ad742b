package io.kecs.http.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import io.kecs.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 6: a 60 MB body from a client that reads only after sending gets the 413 (not a
 * reset connection), and connections sending headers or a body too slowly are closed at the
 * deadline (2 s here) even though every byte restarts Jetty's idle timeout.
 */
class SlowClientIT {
  private static KecsServer kecs;

  @BeforeAll
  static void start() throws Exception {
    kecs =
        KecsServer.start(
            ServerConfig.forTests().toBuilder().requestDeadline(Duration.ofSeconds(2)).build());
  }

  @AfterAll
  static void stop() {
    kecs.close();
  }

  @Test
  void a60MegabyteBodySentBeforeReadingGetsThe413() throws Exception {
    int size = 60 * 1024 * 1024;
    try (RawHttp http = RawHttp.connect(kecs.endpoint())) {
      http.send(
          ("POST / HTTP/1.1\r\nHost: localhost\r\n"
                  + "X-Amz-Target: AmazonEC2ContainerServiceV20141113.ListClusters\r\n"
                  + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: "
                  + size
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      OutputStream out = http.output();
      byte[] block = new byte[1024 * 1024];
      java.util.Arrays.fill(block, (byte) ' ');
      for (int sent = 0; sent < size; sent += block.length) {
        out.write(block);
      }
      out.flush();
      RawHttp.Answer answer = http.readAnswer();
      assertThat(answer.status()).as(answer.head()).isEqualTo(413);
      assertThat(answer.body()).contains("RequestEntityTooLargeException");
    }
  }

  @Test
  void aDeclaredOversizedBodyWaitingForContinueIsAnsweredAtOnce() throws Exception {
    RawHttp.Answer answer =
        RawHttp.exchange(
            kecs.endpoint(),
            "POST / HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Amz-Target: AmazonEC2ContainerServiceV20141113.ListClusters\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 62914560\r\n"
                + "Expect: 100-continue\r\nConnection: close\r\n\r\n",
            null);
    assertThat(answer.status()).isEqualTo(413);
  }

  @Test
  void slowHeadersAreCutOffAtTheDeadline() throws Exception {
    try (RawHttp http = RawHttp.connect(kecs.endpoint())) {
      http.send("POST / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.ISO_8859_1));
      assertThat(dribbleUntilClosed(http, "X-Slow: " + "a".repeat(40))).isTrue();
    }
  }

  @Test
  void aSlowBodyIsCutOffAtTheDeadline() throws Exception {
    try (RawHttp http = RawHttp.connect(kecs.endpoint())) {
      http.send(
          ("POST / HTTP/1.1\r\nHost: localhost\r\n"
                  + "X-Amz-Target: AmazonEC2ContainerServiceV20141113.ListClusters\r\n"
                  + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 100\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      assertThat(dribbleUntilClosed(http, " ".repeat(90))).isTrue();
    }
  }

  @Test
  void anIdleKeptAliveConnectionIsNotCutWhileAnswering() throws Exception {
    // A complete request on a kept-alive connection is answered; only waiting for input is timed.
    try (RawHttp http = RawHttp.connect(kecs.endpoint())) {
      for (int i = 0; i < 2; i++) {
        http.send(
            ("POST / HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Amz-Target: AmazonEC2ContainerServiceV20141113.ListClusters\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n\r\n{}")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(readHead(http.input())).startsWith("HTTP/1.1 200");
      }
    }
  }

  /**
   * Sends one byte and waits up to 300 ms for the server (at most 40 times); true once it has
   * closed the connection. Each byte restarts Jetty's idle timeout, so only the deadline ends it.
   */
  private static boolean dribbleUntilClosed(RawHttp http, String text) throws Exception {
    InputStream in = http.input();
    http.readTimeout(300);
    for (int i = 0; i < Math.min(40, text.length()); i++) {
      try {
        http.send(new byte[] {(byte) text.charAt(i)});
        if (in.read() < 0) {
          return true;
        }
      } catch (java.net.SocketTimeoutException stillOpen) {
        continue;
      } catch (SocketException reset) {
        return true;
      }
    }
    return false;
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    String text = head.toString();
    int at = text.toLowerCase(java.util.Locale.ROOT).indexOf("content-length: ");
    if (at >= 0) {
      int end = text.indexOf("\r\n", at);
      int length = Integer.parseInt(text.substring(at + 16, end).trim());
      in.readNBytes(length);
    }
    return text;
  }
}
