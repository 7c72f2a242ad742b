package io.kecs.dashboard;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;

/**
 * One page's open event stream. Events are queued and written by the client's own virtual thread,
 * one write at a time, so a slow page never holds up the writer that changed the store; a comment
 * line every {@link #HEARTBEAT_SECONDS} finds a page that has gone away.
 */
final class SseClient {
  static final long HEARTBEAT_SECONDS = 15;
  private static final int MAX_QUEUED = 1000;
  private static final String CLOSE = new String("close");

  private final Response response;
  private final String scopeMarker;
  private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();

  SseClient(Response response, String account, String region) {
    this.response = response;
    this.scopeMarker = ":" + region + ":" + account + ":";
  }

  String scopeMarker() {
    return scopeMarker;
  }

  void send(String event, String data) {
    if (queue.size() >= MAX_QUEUED) {
      // The page is not reading; it reloads everything when it catches up.
      queue.clear();
      queue.offer(frame("reset", "{}"));
    }
    queue.offer(frame(event, data));
  }

  void close() {
    queue.offer(CLOSE);
  }

  /** Writes until the page goes away or the stream is closed; then completes the request. */
  void run(String hello, Callback done) {
    try {
      write("retry: 1000\n" + frame("hello", hello));
      while (true) {
        String next = queue.poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        if (next == CLOSE) {
          break;
        }
        write(next == null ? ": keep-alive\n\n" : next);
      }
      done.succeeded();
    } catch (Exception e) {
      done.failed(e);
    }
  }

  private void write(String text) throws Exception {
    FutureCallback written = new FutureCallback();
    response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), written);
    written.get(30, TimeUnit.SECONDS);
  }

  private static String frame(String event, String data) {
    return "event: " + event + "\ndata: " + data + "\n\n";
  }
}
