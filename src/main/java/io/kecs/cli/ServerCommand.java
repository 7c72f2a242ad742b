package io.kecs.cli;

import io.kecs.cli.local.RunFile;
import io.kecs.ecs.common.Names;
import io.kecs.http.guard.CredentialsFile;
import io.kecs.runtime.RuntimeUnavailableException;
import io.kecs.runtime.kubernetes.EbsStorageClasses;
import io.kecs.server.KecsServer;
import io.kecs.server.RuntimeChoice;
import io.kecs.server.ServerConfig;
import io.kecs.store.StoreException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kecs server}: the control plane in the foreground. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Run the KECS control plane in the foreground (Ctrl-C stops it; `kecs start` runs it in the"
          + " background).",
      "Every option can also come from an environment variable KECS_<NAME> (--data-dir:"
          + " KECS_DATA_DIR) or a config file line <name>=<value> (data-dir=/srv/kecs).",
      "Precedence: flag > environment variable > config file > default."
    })
final class ServerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "4566",
      description = "API port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description =
          "API bind address (default: ${DEFAULT-VALUE}). Binding beyond loopback exposes an unauthenticated API.")
  String bind;

  @Option(
      names = "--admin-port",
      defaultValue = "8081",
      description =
          "Admin port for /health, /ready, /metrics; -1 turns it off (default: ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(
      names = "--admin-bind",
      defaultValue = "127.0.0.1",
      description = "Admin bind address (default: ${DEFAULT-VALUE}).")
  String adminBind;

  @Option(
      names = "--data-dir",
      defaultValue = "${env:KECS_HOME:-${sys:user.home}/.kecs}/data",
      description = "Where the store lives (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Config file (Java properties, keys are option names without dashes; default: KECS_CONFIG,"
              + " else config.properties in KECS_HOME or ~/.kecs, when it exists).")
  Path configFile;

  /**
   * Set by {@code kecs start}: where to say, once serving, which endpoint the background server
   * has.
   */
  @Option(names = "--run-file", hidden = true)
  Path runFile;

  @Option(
      names = "--ephemeral",
      defaultValue = "false",
      description = "Keep state in memory only; nothing survives a restart.")
  boolean ephemeral;

  @Option(
      names = "--region",
      defaultValue = "us-east-1",
      description = "Region for requests that carry none (default: ${DEFAULT-VALUE}).")
  String region;

  @Option(
      names = "--account",
      defaultValue = "000000000000",
      description =
          "Account id for requests whose access key is not a 12-digit id (default: ${DEFAULT-VALUE}).")
  String account;

  @Option(names = "--no-reset-endpoint", description = "Turn off POST /_kecs/reset.")
  boolean noReset;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "10485760",
      description = "Largest request body accepted (default: ${DEFAULT-VALUE}).")
  int maxBodyBytes;

  @Option(
      names = "--simulated-step",
      defaultValue = "PT0.1S",
      description = "Simulated runtime: time per task phase, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration simulatedStep;

  @Option(
      names = "--task-retention",
      defaultValue = "PT1H",
      description =
          "How long STOPPED tasks stay describable, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration taskRetention;

  @Option(
      names = "--runtime",
      defaultValue = "${env:KECS_RUNTIME:-simulated}",
      description =
          "What runs tasks: simulated (no containers) or kubernetes (a pod per task) (default: ${DEFAULT-VALUE}).")
  String runtime;

  @Option(
      names = "--kubeconfig",
      defaultValue = "${env:KECS_KUBECONFIG}",
      description =
          "Kubernetes runtime: kubeconfig file (default: KUBECONFIG, ~/.kube/config, or the pod's service account).")
  Path kubeconfig;

  @Option(
      names = "--context",
      defaultValue = "${env:KECS_CONTEXT}",
      description = "Kubernetes runtime: kubeconfig context (default: the current context).")
  String context;

  @Option(
      names = "--node-cluster",
      defaultValue = "${env:KECS_NODE_CLUSTER:-default}",
      description =
          "Kubernetes runtime: the ECS cluster every Ready node registers in as a container instance (default: ${DEFAULT-VALUE}).")
  String nodeCluster;

  @Option(
      names = "--aws-backend",
      description =
          "AWS-compatible endpoint (moto server, MiniStack, LocalStack, ...) for every AWS service KECS does not serve itself; the Kubernetes runtime also reads task secrets (SSM, Secrets Manager) and environment files (S3) there (default: none).")
  URI awsBackend;

  /** The old name of --aws-backend, still accepted (flag, KECS_SECRETS_ENDPOINT, config key). */
  @Option(names = "--secrets-endpoint", hidden = true)
  URI secretsEndpoint;

  @Option(
      names = "--task-stabilization",
      defaultValue = "PT40S",
      description =
          "How long a service task must stay RUNNING (and healthy) before it counts toward its deployment and the steady state, ISO-8601; ECS waits 40 seconds (default: ${DEFAULT-VALUE}).")
  Duration taskStabilization;

  @Option(
      names = "--elb-second",
      defaultValue = "${env:KECS_ELB_SECOND:-PT1S}",
      description =
          "How long one second of ELBv2's timings lasts (health check intervals and timeouts, deregistration delay), ISO-8601; shorter makes load balancer tests quick (default: ${DEFAULT-VALUE}).")
  Duration elbSecond;

  @Option(
      names = "--elb-listener-ports",
      defaultValue = "${env:KECS_ELB_LISTENER_PORTS:-false}",
      description =
          "Also serve each load balancer listener on its own port (on the --bind address) while that port is free; a port that cannot be bound (80 without the privilege) stays reachable on KECS's port by the load balancer's DNS name (default: ${DEFAULT-VALUE}).")
  boolean elbListenerPorts;

  @Option(
      names = "--dns-port",
      defaultValue = "${env:KECS_DNS_PORT:-8053}",
      description =
          "UDP and TCP port of the DNS server that answers for Cloud Map DNS namespaces, on the API's bind address; 0 picks a free port, -1 turns it off (default: ${DEFAULT-VALUE}).")
  int dnsPort;

  @Option(
      names = "--ebs-storage-classes",
      defaultValue = "${env:KECS_EBS_STORAGE_CLASSES}",
      description =
          "Kubernetes runtime: StorageClass per EBS volume type for volumes configured at launch, e.g. gp3=ebs-gp3,io2=ebs-io2,*=standard (default: the cluster's default StorageClass).")
  String ebsStorageClasses;

  @Option(
      names = "--allowed-hosts",
      split = ",",
      paramLabel = "NAME",
      description =
          "Host names the API answers besides localhost, *.localhost and loopback addresses (against DNS rebinding); .example.test allows a domain, * any name. Bound beyond loopback, IP addresses and non-public names (single-label, *.internal, *.local, *.svc) pass too (default: none).")
  List<String> allowedHosts = new ArrayList<>();

  @Option(
      names = "--cors-origins",
      split = ",",
      paramLabel = "ORIGIN",
      description =
          "Browser origins (http://localhost:3000) allowed to call the API and change KECS state cross-site, with CORS answers; * allows any page (default: none: cross-site browser requests are refused).")
  List<String> corsOrigins = new ArrayList<>();

  @Option(
      names = "--verify-signatures",
      defaultValue = "false",
      description =
          "Require a valid AWS SigV4 signature on every AWS call, made with a key from --credentials (for shared or non-loopback installs).")
  boolean verifySignatures;

  @Option(
      names = "--credentials",
      paramLabel = "FILE",
      description =
          "Access keys for --verify-signatures, in the AWS credentials file format (every profile's key pair) (default: the test key pair test/test).")
  Path credentials;

  @Option(
      names = "--request-deadline",
      defaultValue = "PT30S",
      description =
          "How long a client may take to send a request's headers, and then its body, before the connection is closed; PT0S turns it off (default: ${DEFAULT-VALUE}).")
  Duration requestDeadline;

  @Option(
      names = "--no-endpoint-injection",
      description =
          "Kubernetes runtime: do not give containers AWS_ENDPOINT_URL pointing at KECS (they still get the ECS agent's variables).")
  boolean noEndpointInjection;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    if (!InetAddress.getByName(bind).isLoopbackAddress()) {
      LOG.warn(
          "Binding the API to {}: anyone who can reach it controls KECS (no authentication).",
          bind);
    }
    ServerConfig config =
        ServerConfig.builder()
            .bindAddress(bind)
            .port(port)
            .adminBindAddress(adminBind)
            .adminPort(adminPort)
            .dataDir(dataDir)
            .ephemeral(ephemeral)
            .region(region)
            .account(account)
            .resetEndpoint(!noReset)
            .maxBodyBytes(maxBodyBytes)
            .simulatedStep(simulatedStep)
            .stoppedTaskRetention(taskRetention)
            .runtime(runtimeChoice())
            .awsBackend(awsBackend())
            .allowedHosts(nonBlank(allowedHosts))
            .corsOrigins(nonBlank(corsOrigins))
            .verifySignatures(verifySignatures)
            .credentialsFile(credentials)
            .requestDeadline(requestDeadline)
            .taskStabilization(taskStabilization)
            .dnsPort(dnsPort)
            .endpointInjection(!noEndpointInjection)
            .elbSecond(elbSecond)
            .elbListenerPorts(elbListenerPorts)
            .build();
    if (credentials != null) {
      try {
        CredentialsFile.load(credentials);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--credentials: " + e.getMessage());
      }
    }
    KecsServer server;
    try {
      server = KecsServer.start(config);
    } catch (RuntimeUnavailableException e) {
      LOG.error("KECS cannot start: {}", e.getMessage());
      return ExitCodes.RUNTIME_UNAVAILABLE;
    } catch (StoreException e) {
      LOG.error("KECS cannot start: {}", e.getMessage());
      return ExitCodes.ERROR;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "kecs-shutdown"));
    if (runFile != null) {
      RunFile run = RunFile.of(server, runFile);
      Runtime.getRuntime().addShutdownHook(new Thread(run::delete, "kecs-run-file"));
    }
    LOG.info(
        "KECS ready on {} (admin {}, store {}, runtime {}, {} ECS operations) in {} ms",
        server.endpoint(),
        server.adminEndpoint(),
        server.storeLocation(),
        server.runtimeName(),
        server.operationCount(),
        (System.nanoTime() - started) / 1_000_000);
    LOG.info("Dashboard: {}", server.dashboardEndpoint());
    server.join();
    return 0;
  }

  URI awsBackend() {
    return awsBackend != null ? awsBackend : secretsEndpoint;
  }

  private static List<String> nonBlank(List<String> values) {
    return values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
  }

  private RuntimeChoice runtimeChoice() {
    return switch (runtime.trim().toLowerCase(Locale.ROOT)) {
      case "simulated" -> RuntimeChoice.SIMULATED;
      case "kubernetes", "k8s" -> {
        if (!Names.isValidName(nodeCluster)) {
          throw new ParameterException(
              spec.commandLine(), "--node-cluster '" + nodeCluster + "' is not a cluster name");
        }
        Map<String, String> storageClasses;
        try {
          storageClasses = EbsStorageClasses.parse(ebsStorageClasses);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(
              spec.commandLine(), "--ebs-storage-classes: " + e.getMessage());
        }
        yield RuntimeChoice.kubernetes(kubeconfig, context)
            .withNodeCluster(nodeCluster)
            .withSecretsEndpoint(awsBackend())
            .withEbsStorageClasses(storageClasses);
      }
      default ->
          throw new ParameterException(
              spec.commandLine(),
              "Unknown runtime '" + runtime + "': expected simulated or kubernetes");
    };
  }
}
