package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Amazon EBS volumes configured at launch for services (CreateService, UpdateService) through the
 * AWS SDK: kept on each ECS deployment, given to every task of it, and checked as ECS checks them.
 */
class ServiceVolumeIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private static final String ROLE = "arn:aws:iam::000000000000:role/ecsInfrastructureRole";

  private final EcsClient ecs = kecs.ecs();

  private String register(String family, boolean atLaunch) {
    return ecs.registerTaskDefinition(
            r ->
                r.family(family)
                    .requiresCompatibilities(Compatibility.FARGATE, Compatibility.EC2)
                    .networkMode(NetworkMode.AWSVPC)
                    .cpu("256")
                    .memory("512")
                    .volumes(v -> v.name("data").configuredAtLaunch(atLaunch ? true : null))
                    .containerDefinitions(
                        c ->
                            c.name("app")
                                .image("redis:7")
                                .mountPoints(m -> m.sourceVolume("data").containerPath("/data"))))
        .taskDefinition()
        .taskDefinitionArn();
  }

  private static ServiceVolumeConfiguration volume(int gib) {
    return ServiceVolumeConfiguration.builder()
        .name("data")
        .managedEBSVolume(m -> m.roleArn(ROLE).volumeType("gp3").sizeInGiB(gib))
        .build();
  }

  private CreateServiceRequest.Builder service(CreateServiceRequest.Builder r, String name) {
    return r.cluster("vols")
        .serviceName(name)
        .desiredCount(2)
        .launchType(LaunchType.FARGATE)
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")));
  }

  private List<Task> tasksOf(String service) {
    List<String> arns = ecs.listTasks(r -> r.cluster("vols").serviceName(service)).taskArns();
    return ecs.describeTasks(r -> r.cluster("vols").tasks(arns)).tasks();
  }

  private static String detail(Task t, String name) {
    Attachment a =
        t.attachments().stream()
            .filter(x -> "AmazonElasticBlockStorage".equals(x.type()))
            .findFirst()
            .orElseThrow();
    return a.details().stream()
        .filter(d -> d.name().equals(name))
        .map(KeyValuePair::value)
        .findFirst()
        .orElse(null);
  }

  @Test
  void eachTaskOfTheDeploymentGetsItsVolumeAndUpdatesStartNewDeployments() {
    ecs.createCluster(r -> r.clusterName("vols"));
    String v1 = register("cache", true);
    Service created =
        ecs.createService(
                r -> service(r, "cache").taskDefinition(v1).volumeConfigurations(volume(20)))
            .service();
    assertThat(created.deployments().get(0).volumeConfigurations()).containsExactly(volume(20));
    kecs.waiter().waitUntilServicesStable(r -> r.cluster("vols").services("cache"));
    List<Task> tasks = tasksOf("cache");
    assertThat(tasks).hasSize(2);
    // Volumes of a service's tasks always go with the task.
    assertThat(tasks)
        .allSatisfy(t -> assertThat(detail(t, "deleteOnTermination")).isEqualTo("true"));
    assertThat(detail(tasks.get(0), "volumeId")).isNotEqualTo(detail(tasks.get(1), "volumeId"));

    // A new configuration is a new deployment; without one the configuration carries over.
    Service resized =
        ecs.updateService(r -> r.cluster("vols").service("cache").volumeConfigurations(volume(40)))
            .service();
    assertThat(resized.deployments()).hasSize(2);
    assertThat(resized.deployments().get(0).volumeConfigurations()).containsExactly(volume(40));
    Service forced =
        ecs.updateService(r -> r.cluster("vols").service("cache").forceNewDeployment(true))
            .service();
    assertThat(forced.deployments().get(0).volumeConfigurations()).containsExactly(volume(40));

    // A definition without the volume drops it; one with it again needs a configuration.
    String plain = register("cache", false);
    Service dropped =
        ecs.updateService(r -> r.cluster("vols").service("cache").taskDefinition(plain)).service();
    assertThat(dropped.deployments().get(0).volumeConfigurations()).isEmpty();
    String v3 = register("cache", true);
    assertThatThrownBy(
            () -> ecs.updateService(r -> r.cluster("vols").service("cache").taskDefinition(v3)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("no volume configuration was specified");
    assertThatThrownBy(
            () ->
                ecs.updateService(
                    r ->
                        r.cluster("vols")
                            .service("cache")
                            .taskDefinition(v3)
                            .volumeConfigurations(
                                v -> v.name("data").managedEBSVolume(m -> m.roleArn(ROLE)))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Specify either sizeInGiB or snapshotId");
    Service back =
        ecs.updateService(
                r ->
                    r.cluster("vols")
                        .service("cache")
                        .taskDefinition(v3)
                        .volumeConfigurations(volume(8)))
            .service();
    assertThat(back.deployments().get(0).volumeConfigurations()).containsExactly(volume(8));
  }

  @Test
  void createServiceChecksVolumeConfigurationsAsEcsDoes() {
    ecs.createCluster(r -> r.clusterName("vols"));
    String withVolume = register("db", true);
    String plain = register("web", false);
    assertThatThrownBy(() -> ecs.createService(r -> service(r, "a").taskDefinition(withVolume)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("no volume configuration was specified");
    assertThatThrownBy(
            () ->
                ecs.createService(
                    r -> service(r, "b").taskDefinition(plain).volumeConfigurations(volume(1))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("does not match a volume with configuredAtLaunch");
    assertThatThrownBy(
            () ->
                ecs.createService(
                    r ->
                        r.cluster("vols")
                            .serviceName("c")
                            .taskDefinition(withVolume)
                            .launchType(LaunchType.EC2)
                            .schedulingStrategy(SchedulingStrategy.DAEMON)
                            .networkConfiguration(
                                n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                            .volumeConfigurations(volume(1))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("REPLICA scheduling strategy");
    assertThatThrownBy(
            () ->
                ecs.createService(
                    r ->
                        service(r, "d")
                            .taskDefinition(withVolume)
                            .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL))
                            .volumeConfigurations(volume(1))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("ECS deployment controller");
    assertThatThrownBy(
            () ->
                ecs.createService(
                    r ->
                        service(r, "e")
                            .taskDefinition(withVolume)
                            .volumeConfigurations(
                                v ->
                                    v.name("data")
                                        .managedEBSVolume(
                                            m -> m.roleArn(ROLE).volumeType("io1").sizeInGiB(10)))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("iops is required for volume type io1");
    assertThatThrownBy(
            () ->
                ecs.createService(
                    r ->
                        service(r, "f")
                            .taskDefinition(withVolume)
                            .volumeConfigurations(
                                v ->
                                    v.name("data")
                                        .managedEBSVolume(
                                            m ->
                                                m.roleArn(ROLE)
                                                    .volumeType("standard")
                                                    .sizeInGiB(10)))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("FARGATE");
    assertThat(ecs.listServices(r -> r.cluster("vols")).serviceArns()).isEmpty();
  }
}
