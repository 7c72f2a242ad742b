package io.kecs.runtime.kubernetes;

import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * One watch of {@link HistoryCrudDispatcher} that resumed from a resourceVersion: the changes after
 * it, then each new change, as watch events on the watch's web socket, in order. Changes come in
 * under the store's lock; one sender thread per watch writes them out.
 */
final class ResumedWatch extends WebSocketListener {
  private final AttributeSet query;
  private final Consumer<ResumedWatch> ended;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("resumed-watch").factory());
  private final List<String> pending = new ArrayList<>();
  private WebSocket socket;
  private boolean closed;

  ResumedWatch(AttributeSet query, Consumer<ResumedWatch> ended) {
    this.query = query;
    this.ended = ended;
  }

  /** What kube-apiserver answers a watch from a version it no longer has. */
  static WebSocketListener expired(long version, long oldest) {
    return new WebSocketListener() {
      @Override
      public void onOpen(WebSocket ws, Response response) {
        ws.send(
            event(
                "ERROR",
                """
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
                "message":"too old resource version: %d (%d)","reason":"Expired","code":410}"""
                    .formatted(version, oldest)));
        ws.close(1000, "");
      }
    };
  }

  /** Sends the change if it concerns this watch: as the mock words it for its own watches. */
  void offer(HistoryCrudDispatcher.Change c) {
    boolean was = c.beforeKeys() != null && c.beforeKeys().matches(query);
    boolean is = c.afterKeys() != null && c.afterKeys().matches(query);
    if (was && is) {
      send(event("MODIFIED", c.after()));
    } else if (was) {
      send(event("DELETED", c.before()));
    } else if (is) {
      send(event("ADDED", c.after()));
    }
  }

  private synchronized void send(String message) {
    if (closed) {
      return;
    }
    if (socket == null) {
      pending.add(message);
    } else {
      WebSocket ws = socket;
      sender.execute(
          () -> {
            boolean sent;
            try {
              sent = ws.send(message);
            } catch (RuntimeException e) {
              sent = false; // the server that held this socket is gone
            }
            if (!sent) {
              end();
            }
          });
    }
  }

  @Override
  public void onOpen(WebSocket ws, Response response) {
    synchronized (this) {
      socket = ws;
      pending.forEach(this::send);
      pending.clear();
    }
  }

  @Override
  public void onClosing(WebSocket ws, int code, String reason) {
    end();
    ws.close(code, reason);
  }

  @Override
  public void onClosed(WebSocket ws, int code, String reason) {
    end();
  }

  @Override
  public void onFailure(WebSocket ws, Throwable t, Response response) {
    end();
  }

  private void end() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      sender.shutdown();
    }
    // Outside this watch's lock: the store takes its own lock, then this one, to offer changes.
    ended.accept(this);
  }

  private static String event(String type, String object) {
    return "{\"type\":\"" + type + "\",\"object\":" + object + "}";
  }
}
