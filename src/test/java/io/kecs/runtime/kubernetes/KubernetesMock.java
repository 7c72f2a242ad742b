package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server in CRUD mode (the only Kubernetes API server available here), a
 * kubeconfig file pointing at it, and a client for the test, which plays the kubelet. Its store
 * keeps the event history watches resume from ({@link HistoryCrudDispatcher}), and it can go down
 * and come back ({@link #restart()}, {@link #outage}) with its objects.
 */
public final class KubernetesMock implements AutoCloseable {
  /** What an API server that comes back from an outage still knows of the events before it. */
  public enum History {
    /** Watches resume from their resourceVersion and get every event they missed. */
    KEPT,
    /** Watches from before the outage get 410 Gone (as after etcd compaction): clients relist. */
    LOST
  }

  /** What the kubelets and controllers do while KECS cannot reach the API server. */
  @FunctionalInterface
  public interface Meanwhile {
    void run(KubernetesClient client) throws Exception;
  }

  private final Map<ServerRequest, Queue<ServerResponse>> responses = new ConcurrentHashMap<>();
  private final HistoryCrudDispatcher store = new HistoryCrudDispatcher();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Dispatcher dispatcher = new ExpectationsFirst();
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

  /** A client of the API server for the test: the kubelets, controllers and cloud provider. */
  public NamespacedKubernetesClient client() {
    return client;
  }

  /** A kubeconfig file for KECS, pointing at this server. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The mock server itself: expectations (answers before the CRUD store). */
  public KubernetesMockServer server() {
    return server;
  }

  /** Every request served so far, as {@code "GET /api/v1/pods?labelSelector=..."}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /**
   * Stops the API server, dropping every connection and watch, and starts it again on the same port
   * with the same objects and history.
   */
  public void restart() {
    int port = server.getPort();
    server.destroy();
    start(port);
  }

  /**
   * An outage as KECS sees it: the API server goes down (every connection and watch dropped, calls
   * refused), {@code meanwhile} runs with a client that still reaches the same objects (the
   * kubelets carry on), and the server comes back on the same port, with its event {@code history}
   * or without.
   */
  public void outage(History history, Meanwhile meanwhile) throws Exception {
    int port = server.getPort();
    server.destroy();
    KubernetesMockServer sideDoor = newServer();
    sideDoor.init(InetAddress.getLoopbackAddress(), 0);
    try (KubernetesClient side = sideDoor.createClient()) {
      meanwhile.run(side);
    } finally {
      sideDoor.destroy();
    }
    if (history == History.LOST) {
      store.forgetHistory();
    }
    start(port);
  }

  private void start(int port) {
    // A MockWebServer starts once: a new one on the same port, with the same dispatcher.
    KubernetesMockServer next = newServer();
    next.init(InetAddress.getLoopbackAddress(), port);
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

  /**
   * What the mock's own mixed dispatcher does, over {@link HistoryCrudDispatcher}: a request the
   * test set an expectation for gets that answer; every other one goes to the store.
   */
  private final class ExpectationsFirst extends Dispatcher {
    private final MockDispatcher expectations = new MockDispatcher(responses);

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      requests.add(request.getMethod() + " " + request.getPath());
      Queue<ServerResponse> answers =
          responses.get(
              new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
      if (answers != null && !answers.isEmpty()) {
        return expectations.dispatch(request);
      }
      return store.dispatch(request);
    }

    @Override
    public void releaseResources() {
      expectations.releaseResources();
    }
  }
}
