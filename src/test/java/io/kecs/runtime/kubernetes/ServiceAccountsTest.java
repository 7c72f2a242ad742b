package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.kecs.identity.Arn;
import io.kecs.runtime.TaskLaunch;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

class ServiceAccountsTest {
  private static final Arn CLUSTER =
      Arn.parse("arn:aws:ecs:us-east-1:111122223333:cluster/web").orElseThrow();

  private static TaskLaunch launch(String defRole, String overrideRole) {
    Task task =
        Task.builder()
            .clusterArn(CLUSTER.toString())
            .overrides(TaskOverride.builder().taskRoleArn(overrideRole).build())
            .build();
    return new TaskLaunch(task, TaskDefinition.builder().taskRoleArn(defRole).build());
  }

  @Test
  void theOverrideRoleWinsAndShortNamesAreRolesOfTheClustersAccount() {
    assertThat(ServiceAccounts.roleOf(launch(null, null), CLUSTER)).isNull();
    assertThat(
            ServiceAccounts.roleOf(
                    launch("arn:aws:iam::111122223333:role/a", "arn:aws:iam::111122223333:role/b"),
                    CLUSTER)
                .toString())
        .isEqualTo("arn:aws:iam::111122223333:role/b");
    assertThat(ServiceAccounts.roleOf(launch("AppRole", null), CLUSTER).toString())
        .isEqualTo("arn:aws:iam::111122223333:role/AppRole");
  }

  @Test
  void accountsAreNamedAfterTheRoleAndItsAccountWhenForeign() {
    Arn own = Arn.parse("arn:aws:iam::111122223333:role/service/app-role").orElseThrow();
    Arn foreign = Arn.parse("arn:aws:iam::444455556666:role/App_Role").orElseThrow();
    assertThat(ServiceAccounts.nameOf(own, CLUSTER)).isEqualTo("app-role");
    assertThat(ServiceAccounts.nameOf(foreign, CLUSTER))
        .startsWith("app-role-444455556666-")
        .matches("[a-z0-9-]{1,63}");
  }

  @Test
  void theAccountCarriesTheRoleArnForKecsAndForEksPodIdentity() {
    Arn role = Arn.parse("arn:aws:iam::111122223333:role/app").orElseThrow();
    ServiceAccount sa = ServiceAccounts.desired("app", role);
    assertThat(sa.getMetadata().getAnnotations())
        .containsEntry("kecs.io/role-arn", role.toString())
        .containsEntry("eks.amazonaws.com/role-arn", role.toString());
    assertThat(sa.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "kecs");
    assertThat(sa.getAutomountServiceAccountToken()).isFalse();
  }
}
