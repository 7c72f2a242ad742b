package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import org.junit.jupiter.api.Test;

class KubeNamesTest {
  private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

  private static Arn cluster(String account, String name) {
    return Arn.ecs(new Scope(account, "us-east-1"), "cluster", name);
  }

  @Test
  void validClusterNamesKeepTheirNamespaceName() {
    assertThat(Namespaces.nameOf(cluster("000000000000", "default"), "000000000000"))
        .isEqualTo("default-us-east-1");
  }

  @Test
  void capitalsAndUnderscoresAreCleanedAndHashedSoNamesNeverMeet() {
    String upper = Namespaces.nameOf(cluster("000000000000", "My_Cluster"), "000000000000");
    String lower = Namespaces.nameOf(cluster("000000000000", "my-cluster"), "000000000000");
    assertThat(upper).matches("my-cluster-us-east-1-[0-9a-f]{8}").matches(DNS_LABEL);
    assertThat(lower).isEqualTo("my-cluster-us-east-1");
    assertThat(upper).isNotEqualTo(lower);
  }

  @Test
  void longNamesAreCutTo63WithAHash() {
    String name = "a".repeat(255);
    String ns = Namespaces.nameOf(cluster("000000000000", name), "000000000000");
    assertThat(ns).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
    String other = Namespaces.nameOf(cluster("000000000000", name + "b"), "000000000000");
    assertThat(other).isNotEqualTo(ns);
  }

  @Test
  void otherAccountsGetTheirIdInTheNamespace() {
    assertThat(Namespaces.nameOf(cluster("123456789012", "default"), "000000000000"))
        .isEqualTo("default-us-east-1-123456789012");
  }

  @Test
  void namesMadeOnlyOfSymbolsStillGiveALabel() {
    assertThat(KubeNames.label("___")).matches("x-[0-9a-f]{8}");
  }

  @Test
  void labelValuesKeepValidNamesAndHashLongOnes() {
    assertThat(KubeNames.labelValue("Prod_Cluster")).isEqualTo("Prod_Cluster");
    assertThat(KubeNames.labelValue("_lead")).matches("lead-[0-9a-f]{8}");
    assertThat(KubeNames.labelValue("x".repeat(100))).hasSize(63);
  }

  @Test
  void podNamesShowTheFamilyAndStayValidHostnames() {
    String id = "0123456789abcdef0123456789abcdef";
    assertThat(KubeNames.podName("Web_App", id)).isEqualTo("web-app-" + id);
    assertThat(KubeNames.podName("f".repeat(200), id)).hasSize(63).endsWith("-" + id);
    assertThat(KubeNames.podName("__", id)).isEqualTo("task-" + id);
  }

  @Test
  void hostnamesTakeTheFirstDnsLabel() {
    assertThat(KubeNames.hostname("Agent_1.example.internal")).isEqualTo("agent-1");
  }
}
