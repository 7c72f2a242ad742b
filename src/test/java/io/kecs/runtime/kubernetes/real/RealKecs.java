package io.kecs.runtime.kubernetes.real;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kecs.runtime.kubernetes.EcsTasks;
import io.kecs.server.KecsServer;
import io.kecs.server.RuntimeChoice;
import io.kecs.server.ServerConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * KECS in-process with {@code --runtime kubernetes} on the real control plane ({@link
 * ControlPlane}), one per test class, on a durable store so {@link #restartKecs()} adopts what
 * runs. The real scheduler places the pods, kwok plays their kubelets and the real controllers make
 * ReplicaSets and pods of Deployments: the test only drives ECS and looks at Kubernetes.
 *
 * <pre>{@code
 * @RegisterExtension static RealKecs kecs = new RealKecs();
 * }</pre>
 *
 * <p>Nothing is reset between the tests of a class (use a cluster name per test); after the class,
 * {@code POST /_kecs/reset} removes what KECS made in Kubernetes.
 */
public final class RealKecs implements BeforeAllCallback, AfterAllCallback {
  /** Real controllers, the scheduler and kwok take seconds per step on two shared cores. */
  static final Duration LIMIT = Duration.ofSeconds(90);

  /** Who KECS is in Kubernetes: a kubeconfig made with the admin's client and kubeconfig. */
  @FunctionalInterface
  public interface Identity {
    Path kubeconfig(KubernetesClient admin, Path adminKubeconfig) throws Exception;
  }

  private Identity identity = (admin, kubeconfig) -> kubeconfig;
  private Path kubeconfig;
  private Path kecsKubeconfig;
  private Path dataDir;
  private KecsServer server;
  private java.net.URI backend;
  private EcsClient ecs;
  private KubernetesClient client;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    kubeconfig = ControlPlane.kubeconfig();
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(null, kubeconfig.toFile()))
            .build();
    dataDir = Files.createTempDirectory("kecs-real-k8s");
    kecsKubeconfig = identity.kubeconfig(client, kubeconfig);
    startKecs();
  }

  /** KECS forwards other services to {@code backend} and reads task secrets there. */
  public RealKecs backend(java.net.URI backend) {
    this.backend = backend;
    return this;
  }

  /** KECS talks to Kubernetes as {@code identity} (the admin if unset). */
  public RealKecs as(Identity identity) {
    this.identity = identity;
    return this;
  }

  /** Starts KECS (again) on the same store and control plane. */
  public void startKecs() throws Exception {
    ServerConfig config =
        ServerConfig.forTests()
            .withRuntime(
                RuntimeChoice.kubernetes(kecsKubeconfig, null).withSecretsEndpoint(backend))
            .withDataDir(dataDir)
            .toBuilder()
            .awsBackend(backend)
            .build();
    server = KecsServer.start(config);
    ecs = EcsTasks.client(server.endpoint());
  }

  public void stopKecs() {
    if (ecs != null) {
      ecs.close();
      ecs = null;
    }
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** A restarted KECS listens on a new port: take {@link #ecs()} again after it. */
  public void restartKecs() throws Exception {
    stopKecs();
    startKecs();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (server != null) {
        reset();
      }
    } finally {
      stopKecs();
      if (client != null) {
        client.close();
      }
      if (dataDir != null) {
        try (Stream<Path> files = Files.walk(dataDir)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  // --- what the test works with ---------------------------------------------------------------

  public EcsClient ecs() {
    return ecs;
  }

  public KecsServer server() {
    return server;
  }

  /** An admin client of the real API server, for the test (not the one KECS uses). */
  public KubernetesClient client() {
    return client;
  }

  /** Fargate tasks in {@code cluster}, which is created if need be. */
  public EcsTasks tasks(String cluster) {
    return new EcsTasks(ecs, cluster);
  }

  /** {@code POST /_kecs/reset}; the HTTP status it answered. */
  public int reset() throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(server.endpoint().resolve("/_kecs/reset"))
                .timeout(java.time.Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  // --- waits (LIMIT at most) ------------------------------------------------------------------

  public static void awaitTrue(BooleanSupplier condition, Supplier<String> failure)
      throws InterruptedException {
    await(() -> condition.getAsBoolean() ? Boolean.TRUE : null, failure);
  }

  /** Waits until {@code probe} gives a value other than null and returns it. */
  public static <T> T await(Supplier<T> probe, Supplier<String> failure)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(LIMIT);
    T found = probe.get();
    while (found == null) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("after " + LIMIT.toSeconds() + " s: " + failure.get());
      }
      Thread.sleep(100);
      found = probe.get();
    }
    return found;
  }

  /** {@code task} as DescribeTasks answers once {@code condition} holds. */
  public Task awaitTask(Task task, Predicate<Task> condition) throws InterruptedException {
    Task[] last = new Task[1];
    return await(
        () -> {
          String cluster = task.clusterArn();
          last[0] = ecs.describeTasks(r -> r.cluster(cluster).tasks(task.taskArn())).tasks().get(0);
          return condition.test(last[0]) ? last[0] : null;
        },
        () -> "task never got there; last seen: " + last[0]);
  }

  public Task awaitStatus(Task task, String status) throws InterruptedException {
    return awaitTask(task, t -> status.equals(t.lastStatus()));
  }

  /** The name of the namespace KECS made for an ECS cluster, once it is there. */
  public String awaitNamespaceOf(String cluster) throws InterruptedException {
    return await(
        () ->
            client.namespaces().list().getItems().stream()
                .filter(ns -> cluster.equals(annotation(ns, "kecs.io/cluster-name")))
                .filter(ns -> ns.getMetadata().getDeletionTimestamp() == null)
                .map(ns -> ns.getMetadata().getName())
                .findFirst()
                .orElse(null),
        () -> "no namespace for cluster " + cluster);
  }

  /** The pods of a namespace with a label. */
  public List<Pod> pods(String namespace, String label, String value) {
    return client.pods().inNamespace(namespace).withLabel(label, value).list().getItems();
  }

  private static String annotation(Namespace ns, String key) {
    Map<String, String> a = ns.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }
}
