package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceRevisionSummary;

/** Issue 12, item 7: what stays of a service's deployment history. */
class HistoryRetentionTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  private static ServiceDeployment sd(int n, String status, Instant createdAt) {
    return ServiceDeployment.builder()
        .serviceDeploymentArn("sd/" + n)
        .status(status)
        .createdAt(createdAt)
        .targetServiceRevision(ServiceRevisionSummary.builder().arn("rev/" + n).build())
        .sourceServiceRevisions(ServiceRevisionSummary.builder().arn("rev/" + (n - 1)).build())
        .build();
  }

  @Test
  void keepsTheNewestHundredWithinNinetyDays() {
    List<ServiceDeployment> newestFirst = new ArrayList<>();
    for (int n = 300; n > 0; n--) {
      newestFirst.add(sd(n, "STOPPED", NOW.minusSeconds(300 - n)));
    }
    HistoryRetention.Kept kept = HistoryRetention.of(newestFirst, NOW);
    assertThat(kept.deploymentArns())
        .hasSize(100)
        .contains("sd/300", "sd/201")
        .doesNotContain("sd/200");
    // Each kept deployment's target and source revision; nothing older.
    assertThat(kept.revisionArns())
        .hasSize(101)
        .contains("rev/300", "rev/200")
        .doesNotContain("rev/199");
  }

  @Test
  void runningDeploymentsAndTheLastSuccessfulOneAreNeverDropped() {
    List<ServiceDeployment> newestFirst = new ArrayList<>();
    newestFirst.add(sd(1000, "IN_PROGRESS", NOW));
    for (int n = 999; n > 800; n--) {
      newestFirst.add(sd(n, "ROLLBACK_FAILED", NOW.minusSeconds(1000 - n)));
    }
    newestFirst.add(sd(5, "SUCCESSFUL", NOW.minus(Duration.ofDays(200))));
    newestFirst.add(sd(4, "SUCCESSFUL", NOW.minus(Duration.ofDays(201))));
    newestFirst.add(sd(3, "ROLLBACK_IN_PROGRESS", NOW.minus(Duration.ofDays(202))));
    HistoryRetention.Kept kept = HistoryRetention.of(newestFirst, NOW);
    assertThat(kept.deploymentArns())
        .contains("sd/1000", "sd/5", "sd/3")
        .doesNotContain("sd/4")
        .hasSize(102);
    assertThat(kept.revisionArns()).contains("rev/5", "rev/4", "rev/3");
  }

  @Test
  void olderThanNinetyDaysIsForgottenEvenWhenFew() {
    HistoryRetention.Kept kept =
        HistoryRetention.of(
            List.of(
                sd(3, "SUCCESSFUL", NOW.minus(Duration.ofDays(1))),
                sd(2, "STOPPED", NOW.minus(Duration.ofDays(91))),
                sd(1, "SUCCESSFUL", NOW.minus(Duration.ofDays(95)))),
            NOW);
    assertThat(kept.deploymentArns()).containsExactly("sd/3");
  }
}
