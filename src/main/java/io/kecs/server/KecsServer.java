package io.kecs.server;

import io.kecs.clock.RealTimeScheduler;
import io.kecs.dashboard.DashboardHandler;
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
import io.kecs.servicediscovery.CloudMapApi;
import io.kecs.store.CorruptRecords;
import io.kecs.store.Database;
import io.kecs.store.ResetGate;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The running control plane: store, ECS API and the two HTTP listeners. */
public final class KecsServer implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KecsServer.class);

  /** How long connecting to the AWS backend may take before the caller gets a 502. */
  static final Duration BACKEND_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** How long the AWS backend may stay silent mid-request before the caller gets a 504. */
  static final Duration BACKEND_IDLE_TIMEOUT = Duration.ofSeconds(60);

  private final ServerConfig config;
  private final Database database;
  private final RealTimeScheduler scheduler;
  private final TaskRuntime runtime;
  private final TaskRuntime tasks;
  private final EcsApi ecs;
  private final CloudMapApi cloudMap;
  private final Elbv2Api elbv2;
  private final io.kecs.elbv2.dataplane.DataPlane loadBalancers;
  private volatile io.kecs.servicediscovery.dns.DnsServer dns;
  private final ServiceRouter modules;
  private final BackendProbe backendProbe;
  private final Server jetty;
  private final ServerConnector api;
  private final ServerConnector admin;
  private volatile boolean ready;
  private volatile Instant startedAt;

  private KecsServer(ServerConfig config) {
    this(config, CorruptRecords.refuse());
  }

  private KecsServer(ServerConfig config, CorruptRecords corrupt) {
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
          config.ephemeral()
              ? Database.inMemory(gate)
              : Database.open(config.dataDir(), gate, corrupt);
    } catch (RuntimeException e) {
      runtime.close();
      scheduler.close();
      throw e;
    }
    try {
      // The awslogs driver wraps the runtime: it ships container output to the AWS backend.
      this.tasks =
          io.kecs.logs.AwslogsRuntime.around(
              runtime, config.awsBackend(), database, codec, scheduler::now);
      this.ecs = new EcsApi(database, codec, scheduler, tasks, this::endpoint);
      if (tasks instanceof io.kecs.logs.AwslogsRuntime awslogs) {
        awslogs.connect(
            arn ->
                ecs.taskDirectory()
                    .byId(arn.substring(arn.lastIndexOf('/') + 1))
                    .map(e -> new io.kecs.runtime.TaskLaunch(e.task(), e.definition())));
      }
      this.cloudMap = new CloudMapApi(database, codec, scheduler);
      ecs.connectRegistries(cloudMap.registries());
      this.elbv2 = new Elbv2Api(database, codec, scheduler, config.awsBackend());
      ecs.connectLoadBalancers(elbv2.targets());
      this.loadBalancers = elbv2.dataPlane(LoadBalancerTargets.of(runtime), config.elbSecond());
      ecs.registerHostsIn(
          new Scope(config.account(), config.region()), config.runtime().nodeCluster());
    } catch (RuntimeException e) {
      // An unreadable record, say: the store's lock must go with this failed start.
      database.close();
      runtime.close();
      scheduler.close();
      throw e;
    }
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

    this.modules = new ServiceRouter(List.of(ecs.module(), elbv2.module(), cloudMap.module()));
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
    // Inside out: the ECS agent's task endpoints (metadata v4, credentials) answer on the API port
    // too; the dashboard takes /_kecs/ui paths; the guards stand in front of all of them.
    Handler agentSide =
        io.kecs.agent.AgentHandler.in(
                apiHandler,
                ecs.taskDirectory(),
                config.awsBackend(),
                java.time.Clock.systemUTC(),
                this::endpoint)
            .measuredBy(runtime.usage().orElse(null));
    Handler apiSide =
        new DashboardHandler(
            agentSide,
            database,
            new DashboardHandler.Context(
                new Scope(config.account(), config.region()),
                ecs::scopes,
                runtime.name(),
                config.awsBackend(),
                this::connections));
    Handler guarded = Guards.around(apiSide, config, api);
    guarded.setServer(jetty);
    adminHandler.setServer(jetty);
    // Load balancer traffic (Host: <DNS name>.elb.localhost) is a website served by a target, not a
    // call of KECS's API: it goes before the API's guards (signatures, cross-site rules).
    Handler served = loadBalancers.handler(guarded);
    served.setServer(jetty);
    jetty.setHandler(new ByConnector(served, adminHandler, admin));
  }

  /** Opens the store and starts listening; returns once requests are served. */
  public static KecsServer start(ServerConfig config) throws Exception {
    KecsServer server = new KecsServer(config);
    try {
      server.ecs.start(config.stoppedTaskRetention(), config.taskStabilization());
      server.elbv2.start();
      server.loadBalancers.start();
      server.jetty.start();
      if (config.elbListenerPorts()) {
        server.loadBalancers.bindListenerPorts(server.jetty, config.bindAddress());
      }
      server.startDns();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    server.startedAt = Instant.now();
    server.database.serving(server.endpoint().toString());
    server.ready = true;
    return server;
  }

  /**
   * Loads every table of the durable store in {@code config} as the server would, without serving
   * or running anything, collecting the records that cannot be read; {@code work} then runs on the
   * open (and locked) store. For {@code kecs store check} and {@code repair}.
   */
  public static <T> T inspectStore(
      ServerConfig config, CorruptRecords corrupt, Function<Database, T> work) {
    KecsServer server =
        new KecsServer(
            config.toBuilder().ephemeral(false).runtime(RuntimeChoice.SIMULATED).build(), corrupt);
    try {
      return work.apply(server.database);
    } finally {
      server.close();
    }
  }

  /** The DNS server for Cloud Map namespaces; one that cannot bind leaves the API serving. */
  private void startDns() {
    if (config.dnsPort() < 0) {
      return;
    }
    try {
      dns =
          io.kecs.servicediscovery.dns.DnsServer.start(
              new io.kecs.servicediscovery.dns.DnsAnswerer(cloudMap.dns()),
              config.bindAddress(),
              config.dnsPort());
      LOG.info(
          "DNS for Cloud Map namespaces on {}:{} (UDP and TCP)", config.bindAddress(), dns.port());
    } catch (java.io.IOException e) {
      LOG.warn(
          "No DNS server for Cloud Map namespaces: cannot bind {}:{}: {}",
          config.bindAddress(),
          config.dnsPort(),
          e.getMessage());
    }
  }

  /** The DNS server's port, or -1 when none runs. */
  public int dnsPort() {
    io.kecs.servicediscovery.dns.DnsServer d = dns;
    return d == null ? -1 : d.port();
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

  /** The web dashboard's address. */
  public URI dashboardEndpoint() {
    return endpoint().resolve(DashboardHandler.PATH);
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

  /** The runtime's control plane (the Kubernetes API server) and whether it answers; else null. */
  public io.kecs.runtime.RuntimeConnection runtimeConnection() {
    return runtime.connection().orElse(null);
  }

  /** What the dashboard shows of the server's connections: the AWS backend, the runtime's. */
  private List<DashboardHandler.Connection> connections() {
    List<DashboardHandler.Connection> list = new java.util.ArrayList<>();
    BackendProbe.Result b = backend();
    if (b != null) {
      list.add(
          new DashboardHandler.Connection(
              "AWS backend", b.url().toString(), b.reachable(), b.detail()));
    }
    runtime
        .connection()
        .ifPresent(
            c ->
                list.add(
                    new DashboardHandler.Connection(
                        "Kubernetes", c.endpoint(), c.reachable(), c.detail())));
    return list;
  }

  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() {
    ready = false;
    try {
      if (dns != null) {
        dns.close();
      }
      jetty.stop();
    } catch (Exception e) {
      // stopping is best effort; the store below must still be closed
    } finally {
      loadBalancers.close();
      scheduler.close();
      tasks.close(); // the runtime, with the awslogs driver around it when there is one
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
