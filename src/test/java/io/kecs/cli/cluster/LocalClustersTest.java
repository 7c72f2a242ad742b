package io.kecs.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code kecs cluster} reads from k3d and what it writes into the cluster. */
class LocalClustersTest {

  @Test
  void readsK3dClusterListJson() throws Exception {
    String json =
        """
        [{"name":"kecs","nodes":[
            {"name":"k3d-kecs-server-0","role":"server","State":{"Running":true}},
            {"name":"k3d-kecs-agent-0","role":"agent","State":{"Running":true}},
            {"name":"k3d-kecs-serverlb","role":"loadbalancer","State":{"Running":true}}],
          "serversCount":1,"serversRunning":1,"agentsCount":1,"agentsRunning":0},
         {"name":"old","nodes":[],"serversCount":1,"serversRunning":0}]
        """;
    List<K3dCluster> clusters = K3dCluster.parseList(new ObjectMapper().readTree(json));
    assertThat(clusters).hasSize(2);
    K3dCluster kecs = clusters.get(0);
    assertThat(kecs.running()).isTrue();
    assertThat(kecs.serverContainer()).isEqualTo("k3d-kecs-server-0");
    assertThat(kecs.context()).isEqualTo("k3d-kecs");
    assertThat(kecs.agentsCount()).isEqualTo(1);
    assertThat(clusters.get(1).running()).isFalse();
    assertThat(clusters.get(1).serverContainer()).isEqualTo("k3d-old-server-0");
  }

  @Test
  void theInClusterEndpointIsAnExternalNameServiceToTheDockerHost() {
    String[] docs = InClusterEndpoint.manifest().split("---\n");
    assertThat(docs).hasSize(2);
    HasMetadata namespace = Serialization.unmarshal(docs[0]);
    assertThat(namespace.getKind()).isEqualTo("Namespace");
    assertThat(namespace.getMetadata().getName()).isEqualTo("kecs-system");
    Service service = Serialization.unmarshal(docs[1], Service.class);
    assertThat(service.getMetadata().getName()).isEqualTo("kecs");
    assertThat(service.getMetadata().getNamespace()).isEqualTo("kecs-system");
    assertThat(service.getSpec().getType()).isEqualTo("ExternalName");
    assertThat(service.getSpec().getExternalName()).isEqualTo("host.k3d.internal");
    assertThat(InClusterEndpoint.url(4566))
        .isEqualTo("http://kecs.kecs-system.svc.cluster.local:4566");
  }

  @Test
  void aMissingToolSaysWhatToInstallAndHowToRunWithout() {
    String both = LocalClusters.missingMessage(List.of("docker", "k3d"));
    assertThat(both)
        .contains(
            "not found on PATH: docker, k3d",
            "Install Docker",
            "Install k3d",
            "`kecs start`",
            "--kubeconfig FILE --context NAME");
    String k3dOnly = LocalClusters.missingMessage(List.of("k3d"));
    assertThat(k3dOnly).contains("Install k3d").doesNotContain("Install Docker");
  }
}
