package io.kecs.runtime.simulated;

import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The one loopback Jetty server behind {@link SimulatedEcho}, started on first use. */
final class EchoServer implements AutoCloseable {
  private final SimulatedEcho echo;
  private Server server;
  private ServerConnector connector;

  EchoServer(SimulatedEcho echo) {
    this.echo = echo;
  }

  synchronized int port() {
    if (server == null) {
      QueuedThreadPool threads = new QueuedThreadPool(16, 2);
      threads.setName("kecs-echo");
      threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
      Server s = new Server(threads);
      ServerConnector c = new ServerConnector(s, 1, 1);
      c.setHost("127.0.0.1");
      c.setPort(0);
      s.addConnector(c);
      s.setHandler(new EchoHandler(echo));
      try {
        s.start();
      } catch (Exception e) {
        throw new IllegalStateException("The simulated containers' HTTP echo cannot start", e);
      }
      server = s;
      connector = c;
    }
    return connector.getLocalPort();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        // stopping is best effort
      }
      server = null;
    }
  }
}
