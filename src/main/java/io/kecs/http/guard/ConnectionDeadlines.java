package io.kecs.http.guard;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * An overall deadline per connection for what the client must send: a request's headers (from the
 * connection's opening, or the end of the previous answer) and then its body. Jetty's idle timeout
 * restarts with every byte, so a client dribbling one byte a second (slow loris) would hold a
 * connection forever; past the deadline the connection is closed. Handling time is not limited.
 */
public final class ConnectionDeadlines extends AbstractLifeCycle implements Connection.Listener {
  private final Duration deadline;
  private final Map<Connection, Watch> watches = new ConcurrentHashMap<>();
  private ScheduledExecutorService timer;

  public ConnectionDeadlines(Duration deadline) {
    this.deadline = deadline;
  }

  @Override
  protected void doStart() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kecs-connection-deadlines");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  protected void doStop() {
    timer.shutdownNow();
    watches.clear();
  }

  @Override
  public void onOpened(Connection connection) {
    Watch w = new Watch(connection);
    watches.put(connection, w);
    w.arm();
  }

  @Override
  public void onClosed(Connection connection) {
    Watch w = watches.remove(connection);
    if (w != null) {
      w.disarm();
    }
  }

  /** The headers are in: the body (if any) must follow within the deadline. */
  void headersReceived(Connection connection, boolean bodyFollows) {
    Watch w = watches.get(connection);
    if (w == null) {
      return;
    }
    if (bodyFollows) {
      w.arm();
    } else {
      w.disarm();
    }
  }

  /** The whole body is in; the server takes its time to answer. */
  void bodyReceived(Connection connection) {
    Watch w = watches.get(connection);
    if (w != null) {
      w.disarm();
    }
  }

  /** The answer is out: the next request's headers must come within the deadline. */
  void answered(Connection connection) {
    Watch w = watches.get(connection);
    if (w != null) {
      w.arm();
    }
  }

  private final class Watch {
    private final Connection connection;
    private long generation;
    private ScheduledFuture<?> pending;

    Watch(Connection connection) {
      this.connection = connection;
    }

    synchronized void arm() {
      disarm();
      long armed = generation;
      if (timer == null || timer.isShutdown()) {
        return;
      }
      pending = timer.schedule(() -> expire(armed), deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void disarm() {
      generation++;
      if (pending != null) {
        pending.cancel(false);
        pending = null;
      }
    }

    private synchronized void expire(long armed) {
      if (armed == generation) {
        connection.getEndPoint().close();
      }
    }
  }
}
