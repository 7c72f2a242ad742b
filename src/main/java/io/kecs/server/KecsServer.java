package io.kecs.server;

import io.kecs.clock.RealTimeScheduler;
import io.kecs.ecs.EcsApi;
import io.kecs.elbv2.Elbv2Api;
import io.kecs.gateway.BackendProbe;
import io.kecs.gateway.BackendProxy;
import io.kecs.gateway.ServiceRouter;
import io.kecs.http.AdminHandler;
import io.kecs.http.ApiHandler;
import io.kecs.http.RequestMetrics;
import io.kecs.identity.Scope;
import io.kecs.identity.SigV4Identity;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.ServiceModule;
import io.kecs.runtime.TaskRuntime;
import io.kecs.store.Database;
import io.kecs.store.ResetGate;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The running control plane: store, ECS API and the two HTTP listeners. */
public final class KecsServer implements AutoCloseable {
  /** How long connecting to the AWS backend may take before the caller gets a 502. */
  static final Duration BACKEND_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** How long the AWS backend may stay silent mid-request before the caller gets a 504. */
  static final Duration BACKEND_IDLE_TIMEOUT = Duration.ofSeconds(60);

  private final ServerConfig config;
  private final Database database;
  private final RealTimeScheduler scheduler;
  private final TaskRuntime runtime;
  private final EcsApi ecs;
  private final Elbv2Api elbv2;
  private final ServiceRouter modules;
  private final BackendProbe backendProbe;
  private final Server jetty;
  private final ServerConnector api;
  private final ServerConnector admin;
  private volatile boolean ready;
  private volatile Instant startedAt;

  private KecsServer(ServerConfig config) {
    this.config = config;
    AwsJsonCodec codec = new AwsJsonCodec();
    ResetGate gate = new ResetGate();
    this.scheduler = new RealTimeScheduler(gate);
    try {
      // First, so an unreachable cluster stops the start before the store is opened.
      this.runtime = RuntimeFactory.create(config, scheduler);
    } catch (RuntimeException e) {
      scheduler.close();
      throw e;
    }
    try {
      this.database =
          config.ephemeral() ? Database.inMemory(gate) : Database.open(config.dataDir(), gate);
    } catch (RuntimeException e) {
      runtime.close();
      scheduler.close();
      throw e;
    }
    this.ecs = new EcsApi(database, codec, scheduler, runtime, this::endpoint);
    this.elbv2 = new Elbv2Api(database, codec, scheduler, config.awsBackend());
    ecs.registerHostsIn(
        new Scope(config.account(), config.region()), config.runtime().nodeCluster());
    RequestMetrics metrics = new RequestMetrics();

    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("kecs-http");
    // Handlers block on the store; virtual threads keep that cheap under many connections.
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    this.jetty = new Server(threads);

    this.api = new ServerConnector(jetty);
    api.setHost(config.bindAddress());
    api.setPort(config.port());
    jetty.addConnector(api);

    this.modules = new ServiceRouter(List.of(ecs.module(), elbv2.module()));
    this.backendProbe =
        config.awsBackend() == null
            ? null
            : new BackendProbe(config.awsBackend(), java.time.Clock.systemUTC());
    ApiHandler apiHandler =
        new ApiHandler(
            modules,
            config.awsBackend() == null
                ? null
                : new BackendProxy(
                    config.awsBackend(), BACKEND_CONNECT_TIMEOUT, BACKEND_IDLE_TIMEOUT),
            new SigV4Identity(new Scope(config.account(), config.region())),
            metrics,
            gate,
            config.maxBodyBytes(),
            config.resetEndpoint() ? database::reset : null,
            () -> StatusReport.of(this, ecs.totals(), Instant.now()),
            () -> StatusReport.health(backend()));
    AdminHandler adminHandler = new AdminHandler(metrics, () -> ready);

    if (config.adminPort() >= 0) {
      this.admin = new ServerConnector(jetty);
      admin.setHost(config.adminBindAddress());
      admin.setPort(config.adminPort());
      jetty.addConnector(admin);
    } else {
      this.admin = null;
    }
    apiHandler.setServer(jetty);
    adminHandler.setServer(jetty);
    jetty.setHandler(new ByConnector(apiHandler, adminHandler, admin));
  }

  /** Opens the store and starts listening; returns once requests are served. */
  public static KecsServer start(ServerConfig config) throws Exception {
    KecsServer server = new KecsServer(config);
    try {
      server.ecs.start(config.stoppedTaskRetention());
      server.elbv2.start();
      server.jetty.start();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    server.startedAt = Instant.now();
    server.ready = true;
    return server;
  }

  public URI endpoint() {
    return URI.create("http://" + hostForUri(config.bindAddress()) + ":" + api.getLocalPort());
  }

  public URI adminEndpoint() {
    return admin == null
        ? null
        : URI.create(
            "http://" + hostForUri(config.adminBindAddress()) + ":" + admin.getLocalPort());
  }

  public ServerConfig config() {
    return config;
  }

  public String storeLocation() {
    return database.location();
  }

  /** When the server began serving. */
  public Instant startedAt() {
    return startedAt;
  }

  public String runtimeName() {
    return runtime.name();
  }

  public int operationCount() {
    return ecs.service().operationNames().size();
  }

  /** The services KECS serves itself, by signing name. */
  public List<String> moduleNames() {
    return modules.modules().stream().map(ServiceModule::signingName).toList();
  }

  /** The AWS backend and whether it answers; null when none is configured. */
  public BackendProbe.Result backend() {
    return backendProbe == null ? null : backendProbe.check();
  }

  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() {
    ready = false;
    try {
      jetty.stop();
    } catch (Exception e) {
      // stopping is best effort; the store below must still be closed
    } finally {
      scheduler.close();
      runtime.close();
      database.close();
    }
  }

  private static String hostForUri(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** Sends admin-port requests to the admin handler and everything else to the API. */
  private static final class ByConnector extends Handler.Abstract {
    private final Handler api;
    private final Handler admin;
    private final ServerConnector adminConnector;

    ByConnector(Handler api, Handler admin, ServerConnector adminConnector) {
      this.api = api;
      this.admin = admin;
      this.adminConnector = adminConnector;
      installBean(api);
      installBean(admin);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      boolean toAdmin = request.getConnectionMetaData().getConnector() == adminConnector;
      return (toAdmin ? admin : api).handle(request, response, callback);
    }
  }
}
