package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kecs.runtime.RuntimeUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens the Kubernetes client KECS runs tasks with: from {@code --kubeconfig} (and {@code
 * --context}) when given, else the usual places ({@code KUBECONFIG}, {@code ~/.kube/config}, then
 * the service account of the pod KECS runs in). The API server must answer before KECS starts.
 */
public final class KubernetesConnection {
  private KubernetesConnection() {}

  /**
   * @param kubeconfig a kubeconfig file, or null for the usual places
   * @param context a context of that kubeconfig, or null for its current context
   * @throws RuntimeUnavailableException when the configuration is wrong or the server is silent
   */
  public static KubernetesClient open(Path kubeconfig, String context, Duration timeout) {
    Config config = config(kubeconfig, context);
    config.setConnectionTimeout((int) timeout.toMillis());
    config.setRequestTimeout((int) timeout.toMillis());
    // Fail a call after a few quick retries rather than the default ten, which take minutes.
    config.setRequestRetryBackoffLimit(3);
    // Transient errors (429, 5xx, connection failures) are retried by the client itself; a short
    // first interval keeps a failing pod creation to about 1.4 s (0.2 + 0.4 + 0.8) before the task
    // fails, rather than 7 s.
    config.setRequestRetryBackoffInterval(200);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    try {
      client.getKubernetesVersion();
      return client;
    } catch (RuntimeException e) {
      client.close();
      throw new RuntimeUnavailableException(
          "Cannot reach the Kubernetes API server at "
              + config.getMasterUrl()
              + source(kubeconfig, config)
              + ": "
              + rootMessage(e),
          e);
    }
  }

  private static Config config(Path kubeconfig, String context) {
    Config config;
    try {
      if (kubeconfig != null) {
        if (!Files.isRegularFile(kubeconfig)) {
          throw new RuntimeUnavailableException("Kubeconfig " + kubeconfig + " is not a file");
        }
        config = Config.fromKubeconfig(context, kubeconfig.toFile());
      } else {
        config = Config.autoConfigure(context);
      }
    } catch (RuntimeUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RuntimeUnavailableException(
          "Cannot read kubeconfig " + (kubeconfig == null ? "" : kubeconfig + " ") + rootMessage(e),
          e);
    }
    boolean found =
        context == null || config.getContexts().stream().anyMatch(c -> context.equals(c.getName()));
    if (!found) {
      throw new RuntimeUnavailableException(
          "Kubernetes context '"
              + context
              + "' is not in "
              + (kubeconfig == null ? "the kubeconfig" : kubeconfig.toString()));
    }
    return config;
  }

  private static String source(Path kubeconfig, Config config) {
    String ctx = config.getCurrentContext() == null ? null : config.getCurrentContext().getName();
    if (kubeconfig == null && ctx == null) {
      return " (no kubeconfig found; not running in a pod)";
    }
    return " ("
        + (kubeconfig == null ? "kubeconfig" : "kubeconfig " + kubeconfig)
        + (ctx == null ? "" : ", context " + ctx)
        + ")";
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }
}
