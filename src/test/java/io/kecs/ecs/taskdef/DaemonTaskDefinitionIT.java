package io.kecs.ecs.taskdef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.DaemonContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinition;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinitionSummary;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListDaemonTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Tag;

class DaemonTaskDefinitionIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  static final String PREFIX = "arn:aws:ecs:us-east-1:000000000000:daemon-task-definition/";
  private final EcsClient ecs = kecs.ecs();

  private static DaemonContainerDefinition agent() {
    return DaemonContainerDefinition.builder()
        .name("agent")
        .image("public.ecr.aws/cloudwatch-agent/cloudwatch-agent:latest")
        .memory(64)
        .mountPoints(m -> m.sourceVolume("proc").containerPath("/host/proc").readOnly(true))
        .build();
  }

  private String register(String family) {
    return ecs.registerDaemonTaskDefinition(
            r ->
                r.family(family)
                    .cpu("0.25 vCPU")
                    .memory("512")
                    .volumes(v -> v.name("proc").host(h -> h.sourcePath("/proc")))
                    .containerDefinitions(agent()))
        .daemonTaskDefinitionArn();
  }

  @Test
  void registerAndDescribeByFamilyRevisionOrArn() {
    String arn =
        ecs.registerDaemonTaskDefinition(
                r ->
                    r.family("monitor")
                        .cpu("256")
                        .memory("0.5 GB")
                        .pidMode("shared")
                        .volumes(v -> v.name("proc").host(h -> h.sourcePath("/proc")))
                        .containerDefinitions(agent())
                        .tags(Tag.builder().key("team").value("obs").build()))
            .daemonTaskDefinitionArn();
    assertThat(arn).isEqualTo(PREFIX + "monitor:1");
    assertThat(register("monitor")).isEqualTo(PREFIX + "monitor:2");

    DaemonTaskDefinition first =
        ecs.describeDaemonTaskDefinition(r -> r.daemonTaskDefinition("monitor:1"))
            .daemonTaskDefinition();
    assertThat(first.daemonTaskDefinitionArn()).isEqualTo(arn);
    assertThat(first.family()).isEqualTo("monitor");
    assertThat(first.revision()).isEqualTo(1);
    assertThat(first.status()).isEqualTo(DaemonTaskDefinitionStatus.ACTIVE);
    assertThat(first.cpu()).isEqualTo("256");
    assertThat(first.memory()).isEqualTo("512");
    assertThat(first.pidModeAsString()).isEqualTo("shared");
    assertThat(first.registeredAt()).isNotNull();
    assertThat(first.registeredBy()).isEqualTo("arn:aws:iam::000000000000:root");
    assertThat(first.containerDefinitions().get(0).essential()).isTrue();
    assertThat(
            ecs.describeDaemonTaskDefinition(r -> r.daemonTaskDefinition("monitor"))
                .daemonTaskDefinition()
                .revision())
        .isEqualTo(2);
    assertThat(
            ecs.describeDaemonTaskDefinition(r -> r.daemonTaskDefinition(arn))
                .daemonTaskDefinition())
        .isEqualTo(first);
    assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags())
        .containsExactly(Tag.builder().key("team").value("obs").build());
    for (String missing : List.of("nope", "monitor:3", PREFIX + "monitor", "monitor:x")) {
      assertThatThrownBy(
              () -> ecs.describeDaemonTaskDefinition(r -> r.daemonTaskDefinition(missing)))
          .as(missing)
          .isInstanceOf(ClientException.class)
          .hasMessageContaining("Unable to describe daemon task definition.");
    }
  }

  @Test
  void containerRulesAreTheTaskDefinitionOnes() {
    assertThatThrownBy(
            () ->
                ecs.registerDaemonTaskDefinition(
                    r ->
                        r.family("d")
                            .containerDefinitions(agent().toBuilder().essential(false).build())
                            .volumes(v -> v.name("proc"))))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("must be essential");
    assertThatThrownBy(
            () ->
                ecs.registerDaemonTaskDefinition(r -> r.family("d").containerDefinitions(agent())))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("The source volume 'proc' is not defined");
    assertThatThrownBy(
            () ->
                ecs.registerDaemonTaskDefinition(
                    r -> r.family("d").containerDefinitions(c -> c.name("x").image("busybox"))))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("At least one of 'memory' or 'memoryReservation'");
    assertThatThrownBy(
            () ->
                ecs.registerDaemonTaskDefinition(
                    r ->
                        r.family("bad family")
                            .containerDefinitions(c -> c.name("x").image("b").memory(8))))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("Invalid family name");
    assertThatThrownBy(
            () ->
                ecs.registerDaemonTaskDefinition(
                    r ->
                        r.family("d")
                            .cpu("lots")
                            .containerDefinitions(c -> c.name("x").image("b").memory(8))))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(ecs.listDaemonTaskDefinitions(r -> r.status("ALL")).daemonTaskDefinitions())
        .isEmpty();
  }

  @Test
  void deleteMovesAnActiveRevisionToDeleteInProgress() {
    register("agent");
    register("agent");
    assertThatThrownBy(() -> ecs.deleteDaemonTaskDefinition(r -> r.daemonTaskDefinition("agent")))
        .isInstanceOf(ClientException.class);
    assertThatThrownBy(() -> ecs.deleteDaemonTaskDefinition(r -> r.daemonTaskDefinition("agent:7")))
        .isInstanceOf(ClientException.class);
    assertThat(
            ecs.deleteDaemonTaskDefinition(r -> r.daemonTaskDefinition(PREFIX + "agent:2"))
                .daemonTaskDefinitionArn())
        .isEqualTo(PREFIX + "agent:2");
    DaemonTaskDefinition deleted =
        ecs.describeDaemonTaskDefinition(r -> r.daemonTaskDefinition("agent:2"))
            .daemonTaskDefinition();
    assertThat(deleted.status()).isEqualTo(DaemonTaskDefinitionStatus.DELETE_IN_PROGRESS);
    assertThat(deleted.deleteRequestedAt()).isNotNull();
    assertThatThrownBy(() -> ecs.deleteDaemonTaskDefinition(r -> r.daemonTaskDefinition("agent:2")))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("Only an ACTIVE daemon task definition can be deleted.");
    assertThat(
            ecs.describeDaemonTaskDefinition(r -> r.daemonTaskDefinition("agent"))
                .daemonTaskDefinition()
                .revision())
        .isEqualTo(1);
    assertThat(register("agent")).isEqualTo(PREFIX + "agent:3");
  }

  @Test
  void listFiltersSortsAndPages() {
    for (String family : List.of("net", "log", "log-x", "log", "net", "log")) {
      register(family);
    }
    ecs.deleteDaemonTaskDefinition(r -> r.daemonTaskDefinition("log:3"));
    assertThat(arns(ecs.listDaemonTaskDefinitions(r -> {})))
        .containsExactly(
            PREFIX + "log:1",
            PREFIX + "log:2",
            PREFIX + "log-x:1",
            PREFIX + "net:1",
            PREFIX + "net:2");
    assertThat(arns(ecs.listDaemonTaskDefinitions(r -> r.status("DELETE_IN_PROGRESS"))))
        .containsExactly(PREFIX + "log:3");
    assertThat(
            ecs.listDaemonTaskDefinitions(r -> r.status("DELETE_IN_PROGRESS"))
                .daemonTaskDefinitions()
                .get(0)
                .deleteRequestedAt())
        .isNotNull();
    assertThat(arns(ecs.listDaemonTaskDefinitions(r -> r.status("ALL").family("log"))))
        .containsExactly(PREFIX + "log:1", PREFIX + "log:2", PREFIX + "log:3");
    assertThat(arns(ecs.listDaemonTaskDefinitions(r -> r.familyPrefix("log"))))
        .containsExactly(PREFIX + "log:1", PREFIX + "log:2", PREFIX + "log-x:1");
    assertThat(arns(ecs.listDaemonTaskDefinitions(r -> r.revision("LAST_REGISTERED"))))
        .containsExactly(PREFIX + "log:2", PREFIX + "log-x:1", PREFIX + "net:2");
    assertThat(
            arns(
                ecs.listDaemonTaskDefinitions(
                    r -> r.revision("LAST_REGISTERED").status("ALL").sort(SortOrder.DESC))))
        .containsExactly(PREFIX + "net:2", PREFIX + "log-x:1", PREFIX + "log:3");

    List<String> paged = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListDaemonTaskDefinitionsResponse page =
          ecs.listDaemonTaskDefinitions(r -> r.status("ALL").maxResults(2).nextToken(t));
      assertThat(page.daemonTaskDefinitions()).hasSizeBetween(1, 2);
      paged.addAll(arns(page));
      token = page.nextToken();
    } while (token != null);
    assertThat(paged).hasSize(6).doesNotHaveDuplicates();
    assertThatThrownBy(() -> ecs.listDaemonTaskDefinitions(r -> r.maxResults(0)))
        .isInstanceOf(InvalidParameterException.class);
  }

  private static List<String> arns(ListDaemonTaskDefinitionsResponse response) {
    return response.daemonTaskDefinitions().stream().map(DaemonTaskDefinitionSummary::arn).toList();
  }
}
