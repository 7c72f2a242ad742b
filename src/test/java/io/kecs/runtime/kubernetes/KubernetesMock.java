package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server in CRUD mode (the only Kubernetes API server available here), a
 * kubeconfig file pointing at it, and a client for the test, which plays the kubelet.
 */
public final class KubernetesMock implements AutoCloseable {
  private final Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
  private final KubernetesMixedDispatcher dispatcher = new KubernetesMixedDispatcher(responses);
  private volatile KubernetesMockServer server;
  private final NamespacedKubernetesClient client;
  private final Path kubeconfig;

  /** Held so the level sticks: the mock logs every request at INFO. */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  public KubernetesMock() throws IOException {
    server = newServer();
    server.init();
    client = server.createClient();
    kubeconfig = Files.createTempFile("kecs-kubeconfig", ".yaml");
    Files.writeString(kubeconfig, kubeconfig("http://localhost:" + server.getPort()));
  }

  private KubernetesMockServer newServer() {
    return new KubernetesMockServer(
        new Context(Serialization.jsonMapper()), new MockWebServer(), responses, dispatcher, false);
  }

  public static String kubeconfig(String url) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: %s
        contexts:
        - name: mock
          context:
            cluster: mock
            user: tester
        current-context: mock
        users:
        - name: tester
          user:
            token: secret
        """
        .formatted(url);
  }

  public NamespacedKubernetesClient client() {
    return client;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The mock server itself: expectations (answers before the CRUD store) and restarts. */
  public KubernetesMockServer server() {
    return server;
  }

  /**
   * Stops the API server, dropping every connection and watch, and starts it again on the same port
   * with the same objects (the CRUD store lives in the dispatcher, which the new server reuses).
   */
  public void restart() {
    int port = server.getPort();
    server.destroy();
    // A MockWebServer starts once: a new one on the same port, with the same dispatcher.
    KubernetesMockServer next = newServer();
    next.init(java.net.InetAddress.getLoopbackAddress(), port);
    server = next;
  }

  public FakeKubelet kubelet() {
    return new FakeKubelet(client);
  }

  @Override
  public void close() throws IOException {
    client.close();
    server.destroy();
    Files.deleteIfExists(kubeconfig);
  }
}
