package io.kecs.runtime.kubernetes.real;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kecs.runtime.kubernetes.EcsTasks;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * deploy/kubernetes's RBAC on the real API server: KECS runs with the token of that manifest's
 * ServiceAccount (not as admin) and everything it does in the flows below is allowed (they would
 * fail on a 403), while what it does not need is denied.
 */
class RealRbacIT {
  private static final String SA = "system:serviceaccount:kecs-system:kecs";

  @RegisterExtension static RealKecs kecs = new RealKecs().as(RealRbacIT::serviceAccount);

  /** Applies the manifest's namespace, ServiceAccount and RBAC; a kubeconfig with its token. */
  private static Path serviceAccount(KubernetesClient admin, Path adminKubeconfig)
      throws Exception {
    for (String file : List.of("namespace.yaml", "serviceaccount.yaml", "rbac.yaml")) {
      try (InputStream in = Files.newInputStream(Path.of("deploy/kubernetes", file))) {
        for (HasMetadata item : admin.load(in).items()) {
          admin.resource(item).forceConflicts().serverSideApply();
        }
      }
    }
    String token =
        admin
            .serviceAccounts()
            .inNamespace("kecs-system")
            .withName("kecs")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Path file = Files.createTempFile("kecs-sa", ".kubeconfig");
    file.toFile().deleteOnExit();
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: real
          cluster:
            server: %s
            certificate-authority-data: %s
        contexts:
        - name: kecs
          context: {cluster: real, user: kecs}
        current-context: kecs
        users:
        - name: kecs
          user:
            token: %s
        """
            .formatted(
                admin.getConfiguration().getMasterUrl(),
                admin.getConfiguration().getCaCertData(),
                token));
    return file;
  }

  @Test
  void kecsWorksWithTheManifestsServiceAccount() throws Exception {
    EcsTasks tasks = kecs.tasks("real-rbac");
    String ns = kecs.awaitNamespaceOf("real-rbac");
    tasks.register("solo", "app");
    tasks.registerServing("web", "nginx:1.27");
    Task solo = tasks.run("solo");
    kecs.awaitStatus(solo, "RUNNING");
    kecs.ecs()
        .createService(
            r ->
                r.cluster("real-rbac")
                    .serviceName("web")
                    .taskDefinition("web")
                    .desiredCount(1)
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
    RealKecs.awaitTrue(
        () ->
            kecs.ecs()
                    .describeServices(r -> r.cluster("real-rbac").services("web"))
                    .services()
                    .get(0)
                    .runningCount()
                == 1,
        () -> "service web never ran as the ServiceAccount");
    kecs.ecs().stopTask(r -> r.cluster("real-rbac").task(solo.taskArn()));
    kecs.awaitStatus(solo, "STOPPED");
    kecs.ecs().deleteService(r -> r.cluster("real-rbac").service("web").force(true));

    // A reset removes what KECS made, and only that: its own namespace stays.
    assertThat(kecs.reset()).isEqualTo(200);
    RealKecs.awaitTrue(
        () -> kecs.client().namespaces().withName(ns).get() == null,
        () -> "namespace " + ns + " stays after the reset");
    assertThat(kecs.client().apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(kecs.client().namespaces().withName("kecs-system").get()).isNotNull();
    assertThat(
            kecs.client()
                .namespaces()
                .withName("kecs-system")
                .get()
                .getMetadata()
                .getDeletionTimestamp())
        .isNull();
  }

  @Test
  void nothingBeyondWhatKecsUsesIsGranted() {
    // Allowed: a sample of what the flows above use.
    assertThat(allowed("create", "", "pods", "any")).isTrue();
    assertThat(allowed("create", "apps", "deployments", "any")).isTrue();
    assertThat(allowed("watch", "apps", "replicasets", "")).isTrue();
    // Denied: everything else.
    assertThat(allowed("list", "", "secrets", "")).isFalse();
    assertThat(allowed("list", "", "secrets", "any")).isFalse();
    assertThat(allowed("create", "apps", "replicasets", "any")).isFalse();
    assertThat(allowed("delete", "", "nodes", "")).isFalse();
    assertThat(allowed("create", "", "pods/exec", "any")).isFalse();
    assertThat(allowed("create", "rbac.authorization.k8s.io", "clusterroles", "")).isFalse();
    assertThat(allowed("create", "rbac.authorization.k8s.io", "rolebindings", "any")).isFalse();
    assertThat(allowed("impersonate", "", "users", "")).isFalse();
    assertThat(allowed("escalate", "rbac.authorization.k8s.io", "clusterroles", "")).isFalse();
    assertThat(allowed("deletecollection", "", "pods", "any")).isFalse();
    assertThat(allowed("update", "apps", "deployments/scale", "any")).isFalse();
    assertThat(allowed("get", "", "configmaps", "any")).isFalse();
  }

  private static boolean allowed(String verb, String group, String resource, String namespace) {
    String sub = resource.contains("/") ? resource.substring(resource.indexOf('/') + 1) : null;
    String res = sub == null ? resource : resource.substring(0, resource.indexOf('/'));
    return kecs.client()
        .authorization()
        .v1()
        .subjectAccessReview()
        .create(
            new SubjectAccessReviewBuilder()
                .withNewSpec()
                .withUser(SA)
                .withGroups(
                    "system:serviceaccounts",
                    "system:serviceaccounts:kecs-system",
                    "system:authenticated")
                .withNewResourceAttributes()
                .withVerb(verb)
                .withGroup(group)
                .withResource(res)
                .withSubresource(sub)
                .withNamespace(namespace.isEmpty() ? null : namespace)
                .endResourceAttributes()
                .endSpec()
                .build())
        .getStatus()
        .getAllowed();
  }
}
