package io.kecs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kecs.server.ServerConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes applied to fabric8's mock API server (CRUD mode): every manifest parses, is
 * accepted and reads back, RBAC grants only what KECS uses, and the Deployment has its probes,
 * resources and storage.
 */
class KubernetesManifestsIT {
  private static final Path DIR = Path.of("deploy/kubernetes");
  private static final Set<String> VERBS =
      Set.of("get", "list", "watch", "create", "update", "patch", "delete");
  private static final Set<String> RESOURCES =
      Set.of(
          "namespaces",
          "pods",
          "pods/log",
          "services",
          "deployments",
          "replicasets",
          "daemonsets",
          "nodes",
          "events",
          "secrets",
          "serviceaccounts",
          "persistentvolumeclaims");

  private static KubernetesMockServer server;
  private static KubernetesClient client;
  private static final List<HasMetadata> applied = new ArrayList<>();

  @BeforeAll
  static void apply() throws Exception {
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesMixedDispatcher(new HashMap<>()),
            false);
    server.init();
    client = server.createClient();
    for (String file : kustomizationResources()) {
      try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
        for (HasMetadata item : client.load(in).items()) {
          client.resource(item).create();
          applied.add(item);
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void everyManifestIsListedAppliedAndReadsBack() throws Exception {
    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(
              files
                  .map(p -> p.getFileName().toString())
                  .filter(n -> !n.equals("kustomization.yaml")))
          .containsExactlyInAnyOrderElementsOf(kustomizationResources());
    }
    assertThat(applied)
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder(
            "Namespace",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "PersistentVolumeClaim",
            "Deployment",
            "Service",
            "DaemonSet");
    for (HasMetadata item : applied) {
      assertThat(client.resource(item).get()).as(item.getKind()).isNotNull();
      if (!item.getKind().startsWith("Cluster") && !item.getKind().equals("Namespace")) {
        assertThat(item.getMetadata().getNamespace()).as(item.getKind()).isEqualTo("kecs-system");
      }
    }
  }

  @Test
  void rbacGrantsOnlyWhatKecsUses() {
    ClusterRole role = client.rbac().clusterRoles().withName("kecs").get();
    Map<String, Set<String>> verbsByResource = new HashMap<>();
    for (PolicyRule rule : role.getRules()) {
      assertThat(rule.getApiGroups()).isSubsetOf("", "apps");
      assertThat(rule.getResources()).isSubsetOf(RESOURCES);
      assertThat(rule.getVerbs()).isSubsetOf(VERBS); // no *, escalate, bind, impersonate
      assertThat(rule.getResourceNames()).isNullOrEmpty();
      rule.getResources()
          .forEach(
              r ->
                  verbsByResource
                      .computeIfAbsent(r, k -> new java.util.TreeSet<>())
                      .addAll(rule.getVerbs()));
    }
    assertThat(verbsByResource.keySet()).isEqualTo(RESOURCES);
    assertThat(verbsByResource.get("secrets")).doesNotContain("list", "watch");
    assertThat(verbsByResource.get("replicasets"))
        .containsExactlyInAnyOrder("get", "list", "watch");
    assertThat(verbsByResource.get("events")).containsExactlyInAnyOrder("get", "list", "watch");
    assertThat(verbsByResource.get("pods/log")).containsExactly("get");
    assertThat(verbsByResource.get("nodes")).doesNotContain("create", "delete", "update");

    ClusterRoleBinding binding = client.rbac().clusterRoleBindings().withName("kecs").get();
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo("kecs");
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName()).isEqualTo("kecs");
              assertThat(s.getNamespace()).isEqualTo("kecs-system");
            });
    ServiceAccount account =
        client.serviceAccounts().inNamespace("kecs-system").withName("kecs").get();
    assertThat(account).isNotNull();
  }

  @Test
  void theDeploymentIsProbedSizedAndKeepsItsStore() {
    Deployment deployment =
        client.apps().deployments().inNamespace("kecs-system").withName("kecs").get();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("kecs");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    Container kecs = pod.getContainers().get(0);
    assertThat(kecs.getArgs()).containsExactly("server");

    Map<String, Integer> ports = new HashMap<>();
    for (ContainerPort p : kecs.getPorts()) {
      ports.put(p.getName(), p.getContainerPort());
    }
    assertThat(ports)
        .containsEntry("api", ServerConfig.DEFAULT_PORT)
        .containsEntry("admin", ServerConfig.DEFAULT_ADMIN_PORT);
    assertThat(kecs.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(kecs.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("admin");
    assertThat(kecs.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
    assertThat(kecs.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("admin");
    assertThat(kecs.getStartupProbe().getHttpGet().getPath()).isEqualTo("/ready");

    assertThat(kecs.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(kecs.getResources().getLimits()).containsKeys("cpu", "memory");
    assertThat(kecs.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(kecs.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();

    Map<String, String> env = new HashMap<>();
    kecs.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
    assertThat(env)
        .containsEntry("KECS_BIND", "0.0.0.0")
        .containsEntry("KECS_ADMIN_BIND", "0.0.0.0");
    String dataDir = env.get("KECS_DATA_DIR");
    String claim =
        pod.getVolumes().stream()
            .filter(v -> v.getPersistentVolumeClaim() != null)
            .findFirst()
            .orElseThrow()
            .getPersistentVolumeClaim()
            .getClaimName();
    PersistentVolumeClaim pvc =
        client.persistentVolumeClaims().inNamespace("kecs-system").withName(claim).get();
    assertThat(pvc.getSpec().getResources().getRequests()).containsKey("storage");
    assertThat(kecs.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo(dataDir))
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
  }

  @Test
  void theServiceExposesTheApiUnderTheInClusterName() {
    Service service = client.services().inNamespace("kecs-system").withName("kecs").get();
    Deployment deployment =
        client.apps().deployments().inNamespace("kecs-system").withName("kecs").get();
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts())
        .anySatisfy(
            p -> {
              assertThat(p.getPort()).isEqualTo(4566);
              assertThat(p.getTargetPort().getStrVal()).isEqualTo("api");
            });
  }

  @Test
  void theNodeAgentAnswersOnEveryNodeAt169254170_2WithOnlyTheCapabilitiesItNeeds() {
    var ds = client.apps().daemonSets().inNamespace("kecs-system").withName("kecs-agent").get();
    var spec = ds.getSpec().getTemplate().getSpec();
    assertThat(spec.getHostNetwork()).isTrue();
    assertThat(spec.getTolerations())
        .anySatisfy(t -> assertThat(t.getOperator()).isEqualTo("Exists"));
    var agent = spec.getContainers().get(0);
    assertThat(agent.getArgs())
        .containsSubsequence("agent", "--listen-host", "169.254.170.2", "--listen-port", "80");
    assertThat(agent.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(agent.getSecurityContext().getCapabilities().getAdd())
        .containsExactly("NET_BIND_SERVICE");
    assertThat(agent.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    var init = spec.getInitContainers().get(0);
    assertThat(String.join(" ", init.getCommand())).contains("169.254.170.2/32 dev lo");
    assertThat(init.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_ADMIN");
  }

  @Test
  void theImageMatchesTheManifests() throws Exception {
    String dockerfile = Files.readString(Path.of("deploy/Dockerfile"));
    assertThat(dockerfile)
        .contains(
            "COPY target/kecs.jar", "EXPOSE 4566 8081", "USER 10001:10001", "CMD [\"server\"]");
    Deployment deployment =
        client.apps().deployments().inNamespace("kecs-system").withName("kecs").get();
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
        .isEqualTo(10001L);
  }

  @SuppressWarnings("unchecked")
  private static List<String> kustomizationResources() throws Exception {
    Map<String, Object> k =
        Serialization.unmarshal(Files.readString(DIR.resolve("kustomization.yaml")), Map.class);
    return (List<String>) k.get("resources");
  }
}
