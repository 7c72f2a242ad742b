package io.kecs.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the control plane needs to start. Built with {@link #builder()}: a new setting is a
 * new component, builder field and setter, and no call site has to change.
 *
 * @param dataDir where the store lives; ignored when {@code ephemeral}
 * @param adminPort the admin listener's port; -1 turns it off, 0 picks a free one
 * @param simulatedStep how long each phase of a simulated task takes
 * @param stoppedTaskRetention how long STOPPED tasks stay describable
 * @param runtime what runs tasks: simulated or a Kubernetes cluster
 * @param awsBackend the AWS-compatible endpoint that serves every service KECS does not serve
 *     itself (and SSM, Secrets Manager and S3 reads for tasks), or null when none is configured
 * @param allowedHosts Host names served besides the loopback ones ({@code *}: any)
 * @param corsOrigins browser origins allowed to call the API cross-site ({@code *}: any)
 * @param verifySignatures whether AWS calls must carry a valid SigV4 signature
 * @param credentialsFile the access keys signatures are checked with (AWS credentials file format);
 *     null: the test keys {@code test}/{@code test}
 * @param requestDeadline how long a client may take to send a request's headers, and then its body
 * @param taskStabilization how long a service task must stay RUNNING (and healthy) before it counts
 *     toward a deployment and the steady state; ECS waits 40 seconds
 * @param dnsPort the UDP and TCP port of the DNS server for Cloud Map DNS namespaces (on {@code
 *     bindAddress}); 0 picks a free port, -1 turns it off
 * @param endpointInjection whether containers on a cluster get {@code AWS_ENDPOINT_URL} pointing at
 *     KECS (unless they set it themselves)
 * @param elbSecond how long one second of ELBv2's timings lasts (health check intervals and
 *     timeouts, deregistration delay): one second, shorter in tests
 * @param elbListenerPorts whether load balancer listeners are also served on their own ports (on
 *     {@code bindAddress}) when those are free, besides KECS's port
 */
public record ServerConfig(
    String bindAddress,
    int port,
    String adminBindAddress,
    int adminPort,
    Path dataDir,
    boolean ephemeral,
    String region,
    String account,
    boolean resetEndpoint,
    int maxBodyBytes,
    Duration simulatedStep,
    Duration stoppedTaskRetention,
    RuntimeChoice runtime,
    URI awsBackend,
    List<String> allowedHosts,
    List<String> corsOrigins,
    boolean verifySignatures,
    Path credentialsFile,
    Duration requestDeadline,
    Duration taskStabilization,
    int dnsPort,
    boolean endpointInjection,
    Duration elbSecond,
    boolean elbListenerPorts) {

  public static final int DEFAULT_PORT = 4566;
  public static final int DEFAULT_ADMIN_PORT = 8081;
  public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
  public static final Duration DEFAULT_SIMULATED_STEP = Duration.ofMillis(100);
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);
  public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_TASK_STABILIZATION = Duration.ofSeconds(40);
  public static final int DEFAULT_DNS_PORT = 8053;

  /** The defaults of {@code kecs server}: loopback, port 4566, an in-memory store. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.bindAddress = bindAddress;
    b.port = port;
    b.adminBindAddress = adminBindAddress;
    b.adminPort = adminPort;
    b.dataDir = dataDir;
    b.ephemeral = ephemeral;
    b.region = region;
    b.account = account;
    b.resetEndpoint = resetEndpoint;
    b.maxBodyBytes = maxBodyBytes;
    b.simulatedStep = simulatedStep;
    b.stoppedTaskRetention = stoppedTaskRetention;
    b.runtime = runtime;
    b.awsBackend = awsBackend;
    b.allowedHosts = allowedHosts;
    b.corsOrigins = corsOrigins;
    b.verifySignatures = verifySignatures;
    b.credentialsFile = credentialsFile;
    b.requestDeadline = requestDeadline;
    b.taskStabilization = taskStabilization;
    b.dnsPort = dnsPort;
    b.endpointInjection = endpointInjection;
    b.elbSecond = elbSecond;
    b.elbListenerPorts = elbListenerPorts;
    return b;
  }

  /** Loopback, ephemeral, free ports: what in-process tests start. */
  public static ServerConfig forTests() {
    return builder()
        .port(0)
        .adminPort(0)
        .simulatedStep(Duration.ofMillis(20))
        .taskStabilization(Duration.ofMillis(300))
        .dnsPort(0)
        .elbSecond(Duration.ofMillis(100))
        .build();
  }

  /** The same settings with a durable store in {@code dir}. */
  public ServerConfig withDataDir(Path dir) {
    return toBuilder().dataDir(dir).ephemeral(false).build();
  }

  /** The same settings with another runtime. */
  public ServerConfig withRuntime(RuntimeChoice choice) {
    return toBuilder().runtime(choice).build();
  }

  /** Mutable settings with the server's defaults; {@link #build()} makes the record. */
  public static final class Builder {
    private String bindAddress = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private String adminBindAddress = "127.0.0.1";
    private int adminPort = DEFAULT_ADMIN_PORT;
    private Path dataDir;
    private boolean ephemeral = true;
    private String region = "us-east-1";
    private String account = "000000000000";
    private boolean resetEndpoint = true;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Duration simulatedStep = DEFAULT_SIMULATED_STEP;
    private Duration stoppedTaskRetention = DEFAULT_RETENTION;
    private RuntimeChoice runtime = RuntimeChoice.SIMULATED;
    private URI awsBackend;
    private List<String> allowedHosts = List.of();
    private List<String> corsOrigins = List.of();
    private boolean verifySignatures;
    private Path credentialsFile;
    private Duration requestDeadline = DEFAULT_REQUEST_DEADLINE;
    private Duration taskStabilization = DEFAULT_TASK_STABILIZATION;
    private int dnsPort = DEFAULT_DNS_PORT;
    private boolean endpointInjection = true;
    private Duration elbSecond = Duration.ofSeconds(1);
    private boolean elbListenerPorts;

    private Builder() {}

    public Builder bindAddress(String value) {
      bindAddress = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder adminBindAddress(String value) {
      adminBindAddress = value;
      return this;
    }

    public Builder adminPort(int value) {
      adminPort = value;
      return this;
    }

    public Builder dataDir(Path value) {
      dataDir = value;
      return this;
    }

    public Builder ephemeral(boolean value) {
      ephemeral = value;
      return this;
    }

    public Builder region(String value) {
      region = value;
      return this;
    }

    public Builder account(String value) {
      account = value;
      return this;
    }

    public Builder resetEndpoint(boolean value) {
      resetEndpoint = value;
      return this;
    }

    public Builder maxBodyBytes(int value) {
      maxBodyBytes = value;
      return this;
    }

    public Builder simulatedStep(Duration value) {
      simulatedStep = value;
      return this;
    }

    public Builder stoppedTaskRetention(Duration value) {
      stoppedTaskRetention = value;
      return this;
    }

    public Builder runtime(RuntimeChoice value) {
      runtime = value;
      return this;
    }

    public Builder awsBackend(URI value) {
      awsBackend = value;
      return this;
    }

    public Builder allowedHosts(List<String> value) {
      allowedHosts = List.copyOf(value);
      return this;
    }

    public Builder corsOrigins(List<String> value) {
      corsOrigins = List.copyOf(value);
      return this;
    }

    public Builder verifySignatures(boolean value) {
      verifySignatures = value;
      return this;
    }

    public Builder credentialsFile(Path value) {
      credentialsFile = value;
      return this;
    }

    public Builder requestDeadline(Duration value) {
      requestDeadline = value;
      return this;
    }

    public Builder taskStabilization(Duration value) {
      taskStabilization = value;
      return this;
    }

    public Builder dnsPort(int value) {
      dnsPort = value;
      return this;
    }

    public Builder endpointInjection(boolean value) {
      endpointInjection = value;
      return this;
    }

    public Builder elbSecond(Duration value) {
      elbSecond = value;
      return this;
    }

    public Builder elbListenerPorts(boolean value) {
      elbListenerPorts = value;
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(
          bindAddress,
          port,
          adminBindAddress,
          adminPort,
          dataDir,
          ephemeral,
          region,
          account,
          resetEndpoint,
          maxBodyBytes,
          simulatedStep,
          stoppedTaskRetention,
          runtime,
          awsBackend,
          allowedHosts,
          corsOrigins,
          verifySignatures,
          credentialsFile,
          requestDeadline,
          taskStabilization,
          dnsPort,
          endpointInjection,
          elbSecond,
          elbListenerPorts);
    }
  }
}
