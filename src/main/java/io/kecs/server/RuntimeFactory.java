package io.kecs.server;

import io.kecs.clock.Scheduler;
import io.kecs.runtime.TaskRuntime;
import io.kecs.runtime.kubernetes.EbsStorageClasses;
import io.kecs.runtime.kubernetes.KubernetesConnection;
import io.kecs.runtime.kubernetes.KubernetesRuntime;
import io.kecs.runtime.secrets.AwsRequestSigner;
import io.kecs.runtime.secrets.AwsSecretSource;
import io.kecs.runtime.secrets.SecretSource;
import io.kecs.runtime.simulated.SimulatedRuntime;
import io.kecs.runtime.simulated.SimulationTimings;
import java.time.Duration;

/** Builds the runtime the configuration asks for; never another one in its place. */
final class RuntimeFactory {
  /** How long the API server may take to answer at start, and to list the pods KECS runs. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** How often every pod is looked at again, for verdicts that only time brings. */
  static final Duration RESYNC = Duration.ofSeconds(15);

  private RuntimeFactory() {}

  /**
   * @throws io.kecs.runtime.RuntimeUnavailableException when Kubernetes cannot be reached
   */
  static TaskRuntime create(ServerConfig config, Scheduler scheduler) {
    RuntimeChoice choice = config.runtime();
    return switch (choice.kind()) {
      case SIMULATED ->
          new SimulatedRuntime(scheduler, new SimulationTimings(config.simulatedStep()));
      case KUBERNETES -> {
        KubernetesRuntime k8s =
            new KubernetesRuntime(
                KubernetesConnection.open(choice.kubeconfig(), choice.context(), CONNECT_TIMEOUT),
                scheduler,
                config.account(),
                RESYNC,
                CONNECT_TIMEOUT,
                choice.secretsEndpoint() == null
                    ? SecretSource.NONE
                    : new AwsSecretSource(
                        choice.secretsEndpoint(), AwsRequestSigner.fromEnvironment()),
                new EbsStorageClasses(choice.ebsStorageClasses()));
        // Pods reach KECS by its in-cluster Service name (deploy/kubernetes, or the k3d set-up).
        k8s.endpointForPods(
            config.endpointInjection()
                ? io.kecs.cli.cluster.InClusterEndpoint.url(
                    config.port() == 0 ? ServerConfig.DEFAULT_PORT : config.port())
                : null);
        yield k8s;
      }
    };
  }
}
