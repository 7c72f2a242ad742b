package io.kecs.cli.cluster;

/**
 * The stable name pods use for a KECS that runs on the docker host: Service {@code kecs} in
 * namespace {@code kecs-system}, of type ExternalName pointing at {@code host.k3d.internal} (the
 * name k3d gives the host in the cluster's DNS). An in-cluster install (deploy/kubernetes) uses the
 * same Service name, so apps get the same {@code AWS_ENDPOINT_URL} either way.
 */
public final class InClusterEndpoint {
  public static final String NAMESPACE = "kecs-system";
  public static final String SERVICE = "kecs";
  public static final String HOST_GATEWAY = "host.k3d.internal";

  private InClusterEndpoint() {}

  public static String dnsName() {
    return SERVICE + "." + NAMESPACE + ".svc.cluster.local";
  }

  /** What apps in the cluster set as {@code AWS_ENDPOINT_URL} for a KECS on {@code port}. */
  public static String url(int port) {
    return "http://" + dnsName() + ":" + port;
  }

  /**
   * Namespace and Service. ExternalName ignores ports (DNS answers a CNAME), so the URL carries the
   * port KECS listens on.
   */
  static String manifest() {
    return """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %1$s
          labels:
            app.kubernetes.io/managed-by: kecs
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: %2$s
          namespace: %1$s
          labels:
            app.kubernetes.io/name: kecs
            app.kubernetes.io/managed-by: kecs
          annotations:
            kecs.io/purpose: ECS API of the KECS running on the docker host
        spec:
          type: ExternalName
          externalName: %3$s
        """
        .formatted(NAMESPACE, SERVICE, HOST_GATEWAY);
  }
}
