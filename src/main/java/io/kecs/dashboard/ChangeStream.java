package io.kecs.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kecs.store.ChangeListener;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects committed changes of the records the dashboard shows and pushes them, coalesced, to
 * every connected page. A burst (a service scaling by 500 tasks) becomes a few events, not
 * thousands: changes are gathered for {@link #COALESCE_MILLIS} after the first one, and a kind with
 * more than {@link #MAX_IDS} changed ids is sent as "many" so the page reloads its view.
 */
final class ChangeStream implements ChangeListener, AutoCloseable {
  static final Set<String> KINDS =
      Set.of(
          "cluster",
          "service",
          "service-deployment",
          "task",
          "task-definition",
          "container-instance");
  static final long COALESCE_MILLIS = 30;
  static final int MAX_IDS = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Tells one page apart from the next server process, so a page knows to reload after one. */
  private final String instance = UUID.randomUUID().toString();

  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private Map<String, Set<String>> pending = new LinkedHashMap<>();
  private boolean closed;
  private final Thread flusher;

  ChangeStream() {
    flusher = Thread.ofVirtual().name("kecs-dashboard-changes").start(this::flushLoop);
  }

  String instance() {
    return instance;
  }

  @Override
  public void changed(String kind, String id, Object record) {
    if (!KINDS.contains(kind)) {
      return;
    }
    synchronized (lock) {
      pending.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(id);
      lock.notifyAll();
    }
  }

  /** Every record is gone: pages drop what they show. */
  void reset() {
    broadcast("reset", "{}");
  }

  void add(SseClient client) {
    clients.add(client);
  }

  void remove(SseClient client) {
    clients.remove(client);
  }

  int clientCount() {
    return clients.size();
  }

  private void flushLoop() {
    try {
      while (true) {
        synchronized (lock) {
          while (pending.isEmpty() && !closed) {
            lock.wait();
          }
          if (closed) {
            return;
          }
        }
        Thread.sleep(COALESCE_MILLIS);
        Map<String, Set<String>> batch;
        synchronized (lock) {
          batch = pending;
          pending = new LinkedHashMap<>();
        }
        for (SseClient c : clients) {
          String data = eventFor(batch, c.scopeMarker());
          if (data != null) {
            c.send("changes", data);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The changes of one scope (ids are ARNs holding ":region:account:"), or null if none. */
  static String eventFor(Map<String, Set<String>> batch, String scopeMarker) {
    ObjectNode root = JSON.createObjectNode();
    for (Map.Entry<String, Set<String>> e : batch.entrySet()) {
      ArrayNode ids = JSON.createArrayNode();
      int count = 0;
      for (String id : e.getValue()) {
        if (id.contains(scopeMarker)) {
          if (++count <= MAX_IDS) {
            ids.add(id);
          }
        }
      }
      if (count > MAX_IDS) {
        root.putObject(e.getKey()).put("many", true);
      } else if (count > 0) {
        root.putObject(e.getKey()).set("ids", ids);
      }
    }
    return root.isEmpty() ? null : root.toString();
  }

  private void broadcast(String event, String data) {
    clients.forEach(c -> c.send(event, data));
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    clients.forEach(SseClient::close);
  }
}
