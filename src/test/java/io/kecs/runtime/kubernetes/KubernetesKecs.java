package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kecs.server.KecsServer;
import io.kecs.server.RuntimeChoice;
import io.kecs.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * KECS on the Kubernetes runtime, for end-to-end tests: fabric8's mock API server ({@link #k8s()}),
 * an in-process KECS server started with {@code --runtime kubernetes} against it ({@link
 * #server()}), an AWS SDK client of KECS ({@link #ecs()}), the test's own hands in Kubernetes,
 * where it plays the kubelets, controllers and cloud provider ({@link #client()}, {@link
 * #kubelet()}, {@link #nodes()}), and the waits those tests share.
 *
 * <pre>{@code
 * // One KECS and API server for the whole class (nothing is reset between tests: use a cluster
 * // name per test):
 * @RegisterExtension static KubernetesKecs kecs = new KubernetesKecs();
 *
 * // Fresh ones for each test, with settings, on a store that outlives restartKecs():
 * @RegisterExtension KubernetesKecs kecs = new KubernetesKecs().nodeCluster("nodes").durable();
 *
 * // Or by hand:
 * try (KubernetesKecs other = new KubernetesKecs().start()) { ... }
 * }</pre>
 *
 * <p>Outages: {@link #restartKecs()} (or {@link #stopKecs()} ... {@link #startKecs()}) restarts
 * KECS on the same store and API server; {@code k8s().restart()} and {@code k8s().outage(...)} take
 * the API server down and back with its objects. A restarted KECS listens on a new port: take
 * {@link #ecs()} (and {@link #tasks}) again after it.
 */
public final class KubernetesKecs
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AutoCloseable {
  private UnaryOperator<RuntimeChoice> runtime = r -> r;
  private UnaryOperator<ServerConfig> settings = c -> c;
  private boolean durable;

  private KubernetesMock k8s;
  private Path dataDir;
  private KecsServer server;
  private EcsClient ecs;
  private boolean perClass;

  // --- settings, before the start -------------------------------------------------------------

  /** {@code --node-cluster}: the ECS cluster the nodes register in ({@code default} if unset). */
  public KubernetesKecs nodeCluster(String cluster) {
    runtime = andThen(r -> r.withNodeCluster(cluster));
    return this;
  }

  /** {@code --secrets-endpoint}: where task secrets are read (none if unset). */
  public KubernetesKecs secretsEndpoint(URI endpoint) {
    runtime = andThen(r -> r.withSecretsEndpoint(endpoint));
    return this;
  }

  /**
   * {@code --ebs-storage-classes}: StorageClass per EBS volume type (the default class if unset).
   */
  public KubernetesKecs ebsStorageClasses(String classes) {
    runtime = andThen(r -> r.withEbsStorageClasses(EbsStorageClasses.parse(classes)));
    return this;
  }

  /** {@code --no-endpoint-injection}: containers get no {@code AWS_ENDPOINT_URL}. */
  public KubernetesKecs noEndpointInjection() {
    settings = c -> c.toBuilder().endpointInjection(false).build();
    return this;
  }

  /** A store on disk (a temporary directory) instead of in memory, kept across KECS restarts. */
  public KubernetesKecs durable() {
    durable = true;
    return this;
  }

  private UnaryOperator<RuntimeChoice> andThen(UnaryOperator<RuntimeChoice> next) {
    UnaryOperator<RuntimeChoice> before = runtime;
    return r -> next.apply(before.apply(r));
  }

  // --- lifecycle ------------------------------------------------------------------------------

  /** Starts the API server, then KECS. The JUnit callbacks call it; call it when used by hand. */
  public KubernetesKecs start() throws Exception {
    try {
      k8s = new KubernetesMock();
      if (durable) {
        dataDir = Files.createTempDirectory("kecs-data");
      }
      startKecs();
      return this;
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /** Starts KECS (again) on the same API server and store. */
  public void startKecs() throws Exception {
    ServerConfig config =
        settings.apply(
            ServerConfig.forTests()
                .withRuntime(runtime.apply(RuntimeChoice.kubernetes(k8s.kubeconfig(), null))));
    server = KecsServer.start(dataDir == null ? config : config.withDataDir(dataDir));
    ecs = EcsTasks.client(server.endpoint());
  }

  /** Stops KECS; the API server and (if {@link #durable()}) the store stay. */
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

  public void restartKecs() throws Exception {
    stopKecs();
    startKecs();
  }

  @Override
  public void close() throws IOException {
    stopKecs();
    if (k8s != null) {
      k8s.close();
      k8s = null;
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(KubernetesKecs::delete);
      }
      dataDir = null;
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    perClass = true;
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (!perClass) {
      close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    close();
  }

  // --- what the test works with ---------------------------------------------------------------

  /** The ECS client of the running KECS (account 000000000000, us-east-1). */
  public EcsClient ecs() {
    return ecs;
  }

  public KecsServer server() {
    return server;
  }

  /** The mock API server: expectations, requests served, restarts and outages. */
  public KubernetesMock k8s() {
    return k8s;
  }

  /** A client of the API server for the test (not the one KECS uses). */
  public KubernetesClient client() {
    return k8s.client();
  }

  /** KECS's API URL. */
  public URI endpoint() {
    return server.endpoint();
  }

  public FakeKubelet kubelet() {
    return k8s.kubelet();
  }

  public FakeNodes nodes() {
    return new FakeNodes(k8s.client());
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

  // --- waits (15 s at most, see Await) --------------------------------------------------------

  public void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    Await.until(condition);
  }

  /** The pod of {@code task}, once KECS has created it. */
  public Pod awaitPod(Task task) throws InterruptedException {
    return kubelet().awaitPod(EcsTasks.id(task));
  }

  /** {@code task} as DescribeTasks answers once {@code condition} holds. */
  public Task awaitTask(Task task, Predicate<Task> condition) throws InterruptedException {
    return EcsTasks.await(ecs, task, condition);
  }

  /**
   * Plays the kubelet for a new task: waits for its pod, reports its images being pulled, and waits
   * until the task is PENDING.
   *
   * @return the pod, as KECS created it
   */
  public Pod awaitPending(Task task) throws InterruptedException {
    Pod pod = awaitPod(task);
    kubelet().pulling(pod);
    awaitStatus(task, "PENDING");
    return pod;
  }

  /**
   * Plays the kubelet for a new task: waits for its pod, reports every container running (and
   * ready) at {@code ip}, and waits until the task is RUNNING.
   *
   * @return the pod, as KECS created it
   */
  public Pod awaitRunning(Task task, String ip) throws InterruptedException {
    Pod pod = awaitPod(task);
    kubelet().run(pod, ip, true);
    awaitStatus(task, "RUNNING");
    return pod;
  }

  /** {@code task} once its lastStatus is {@code status} (RUNNING, STOPPED, ...). */
  public Task awaitStatus(Task task, String status) throws InterruptedException {
    return awaitTask(task, t -> status.equals(t.lastStatus()));
  }

  /** The name of the namespace KECS made for an ECS cluster, once it is there. */
  public String awaitNamespaceOf(String cluster) throws InterruptedException {
    return Await.value(
        () ->
            client().namespaces().list().getItems().stream()
                .filter(ns -> cluster.equals(annotation(ns, "kecs.io/cluster-name")))
                .map(ns -> ns.getMetadata().getName())
                .findFirst()
                .orElse(null),
        () -> "no namespace for cluster " + cluster);
  }

  /** The namespace named {@code name}, or null. */
  public Namespace namespace(String name) {
    return client().namespaces().withName(name).get();
  }

  private static String annotation(Namespace ns, String key) {
    Map<String, String> a = ns.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }
}
