package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Arn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentController;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Scale;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/** Scale, limits, identifiers and the controller rules of task sets. */
class TaskSetRulesTest {
  private static final Arn SERVICE =
      Arn.parse("arn:aws:ecs:us-east-1:000000000000:service/apps/web").orElseThrow();

  private static Scale percent(double value) {
    return Scale.builder().value(value).unit("PERCENT").build();
  }

  private static Service service(String controller) {
    return Service.builder()
        .serviceArn(SERVICE.toString())
        .deploymentController(DeploymentController.builder().type(controller).build())
        .build();
  }

  @Test
  void computedDesiredCountRoundsUpInDecimal() {
    assertThat(TaskSetRules.computedDesiredCount(10, percent(30))).isEqualTo(3);
    assertThat(TaskSetRules.computedDesiredCount(3, percent(50))).isEqualTo(2);
    assertThat(TaskSetRules.computedDesiredCount(3, percent(33.3))).isEqualTo(1);
    assertThat(TaskSetRules.computedDesiredCount(6, percent(20))).isEqualTo(2);
    assertThat(TaskSetRules.computedDesiredCount(4, percent(100))).isEqualTo(4);
    assertThat(TaskSetRules.computedDesiredCount(4, percent(0))).isZero();
    assertThat(TaskSetRules.computedDesiredCount(0, percent(100))).isZero();
    assertThat(TaskSetRules.computedDesiredCount(null, percent(100))).isZero();
    assertThat(TaskSetRules.computedDesiredCount(7, percent(0.1))).isEqualTo(1);
  }

  @Test
  void scaleDefaultsToZeroPercentAndStaysWithinBounds() {
    assertThat(TaskSetRules.scale(null)).isEqualTo(percent(0));
    assertThat(TaskSetRules.scale(Scale.builder().value(50.0).build())).isEqualTo(percent(50));
    assertThat(TaskSetRules.scale(percent(100)).value()).isEqualTo(100.0);
    assertThatThrownBy(() -> TaskSetRules.scale(percent(100.5)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> TaskSetRules.scale(percent(-1)))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void onlyExternalServicesManageTaskSets() {
    assertThatThrownBy(() -> TaskSetRules.readable(service("ECS")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("external deployment controllers");
    TaskSetRules.readable(service("CODE_DEPLOY"));
    assertThatThrownBy(() -> TaskSetRules.managed(service("CODE_DEPLOY")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("CODE_DEPLOY");
    TaskSetRules.managed(service("EXTERNAL"));
  }

  @Test
  void atMostFiveTaskSets() {
    List<TaskSet> sets = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sets.add(TaskSet.builder().id("ecs-svc/" + i).build());
    }
    TaskSetRules.room(service("EXTERNAL").toBuilder().taskSets(sets).build());
    sets.add(TaskSet.builder().id("ecs-svc/5").build());
    assertThatThrownBy(
            () -> TaskSetRules.room(service("EXTERNAL").toBuilder().taskSets(sets).build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(
            "5 deployments exist on the service. Unable to create new TaskSet since this exceeds"
                + " the maximum limit.");
  }

  @Test
  void deletionNeedsForceForThePrimaryAndForScaledTaskSets() {
    TaskSet primary = TaskSet.builder().status("PRIMARY").scale(percent(0)).build();
    TaskSet scaled = TaskSet.builder().status("ACTIVE").scale(percent(10)).build();
    TaskSet idle = TaskSet.builder().status("ACTIVE").scale(percent(0)).build();
    assertThatThrownBy(() -> TaskSetRules.deletable(primary, false))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("Primary TaskSet cannot be deleted");
    assertThatThrownBy(() -> TaskSetRules.deletable(scaled, false))
        .isInstanceOf(InvalidParameterException.class);
    TaskSetRules.deletable(idle, false);
    TaskSetRules.deletable(primary, true);
    TaskSetRules.deletable(scaled, true);
  }

  @Test
  void loadBalancersAreOneTargetGroup() {
    LoadBalancer tg =
        LoadBalancer.builder().targetGroupArn("tg").containerName("app").containerPort(80).build();
    TaskSetRules.loadBalancers(List.of(tg), null);
    assertThatThrownBy(() -> TaskSetRules.loadBalancers(List.of(tg, tg), null))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                TaskSetRules.loadBalancers(
                    List.of(
                        LoadBalancer.builder()
                            .loadBalancerName("classic")
                            .containerName("app")
                            .containerPort(80)
                            .build()),
                    null))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void updateServiceLeavesTaskSetParametersAlone() {
    Service external = service("EXTERNAL");
    TaskSetRules.serviceUpdate(external, UpdateServiceRequest.builder().desiredCount(3).build());
    assertThatThrownBy(
            () ->
                TaskSetRules.serviceUpdate(
                    external, UpdateServiceRequest.builder().taskDefinition("web:2").build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("EXTERNAL");
    assertThatThrownBy(
            () ->
                TaskSetRules.serviceUpdate(
                    service("CODE_DEPLOY"),
                    UpdateServiceRequest.builder().taskDefinition("web:2").build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(
            "Unable to update task definition on services with a CODE_DEPLOY deployment"
                + " controller. Use AWS CodeDeploy to trigger a new deployment.");
    TaskSetRules.serviceUpdate(
        service("ECS"), UpdateServiceRequest.builder().taskDefinition("web:2").build());
  }

  @Test
  void identifiersAreIdsOrTaskSetArns() {
    String id = "ecs-svc/1234567890123456789";
    String arn = "arn:aws:ecs:us-east-1:000000000000:task-set/apps/web/" + id;
    assertThat(TaskSetIds.arn(SERVICE, id).toString()).isEqualTo(arn);
    assertThat(TaskSetIds.resolve(SERVICE, id)).isEqualTo(arn);
    assertThat(TaskSetIds.resolve(SERVICE, arn)).isEqualTo(arn);
    assertThat(TaskSetIds.serviceOf(Arn.parse(arn).orElseThrow())).isEqualTo(SERVICE);
    assertThat(TaskSetIds.newId()).matches("ecs-svc/\\d{19}");
    for (String bad :
        List.of(
            "",
            "web",
            "ecs-svc/abc",
            "arn:aws:ecs:us-east-1:000000000000:task/apps/0123456789abcdef0123456789abcdef")) {
      assertThatThrownBy(() -> TaskSetIds.resolve(SERVICE, bad))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessage("Task Set Identifier is invalid");
    }
  }
}
