package io.kecs.ecs.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskManagedEBSVolumeConfiguration;

/**
 * Amazon EBS volumes configured at launch for standalone tasks (RunTask, StartTask) through the AWS
 * SDK, on the simulated runtime: the checks ECS makes, and the task's attachment.
 */
class ManagedEbsVolumeIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private static final String ROLE = "arn:aws:iam::000000000000:role/ecsInfrastructureRole";

  private final EcsClient ecs = kecs.ecs();

  private void register(String family, boolean atLaunch) {
    ecs.registerTaskDefinition(
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
                            .image("postgres:16")
                            .mountPoints(m -> m.sourceVolume("data").containerPath("/data"))));
  }

  private RunTaskRequest.Builder run(RunTaskRequest.Builder r, String family) {
    return r.cluster("ebs")
        .taskDefinition(family)
        .launchType(LaunchType.FARGATE)
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")));
  }

  private Task runWith(String family, Consumer<TaskManagedEBSVolumeConfiguration.Builder> ebs) {
    return ecs.runTask(
            r ->
                run(r, family)
                    .volumeConfigurations(
                        v -> v.name("data").managedEBSVolume(m -> ebs.accept(m.roleArn(ROLE)))))
        .tasks()
        .get(0);
  }

  private static Attachment ebs(Task t) {
    return t.attachments().stream()
        .filter(a -> "AmazonElasticBlockStorage".equals(a.type()))
        .findFirst()
        .orElseThrow();
  }

  private static String detail(Attachment a, String name) {
    return a.details().stream()
        .filter(d -> d.name().equals(name))
        .map(KeyValuePair::value)
        .findFirst()
        .orElse(null);
  }

  @Test
  void runTaskAttachesOneVolumePerTaskAndDeletesItWhenTheTaskStops() {
    ecs.createCluster(r -> r.clusterName("ebs"));
    register("db", true);
    Task task = runWith("db", m -> m.volumeType("gp3").sizeInGiB(50).iops(4000).throughput(250));
    Attachment created = ebs(task);
    assertThat(task.attachments().get(0).type()).isEqualTo("ElasticNetworkInterface");
    assertThat(created.status()).isEqualTo("ATTACHING");
    assertThat(created.details())
        .extracting(KeyValuePair::name)
        .containsExactly("roleArn", "deleteOnTermination", "volumeName", "volumeId");
    assertThat(detail(created, "roleArn")).isEqualTo(ROLE);
    assertThat(detail(created, "deleteOnTermination")).isEqualTo("true");
    assertThat(detail(created, "volumeName")).isEqualTo("data");
    assertThat(detail(created, "volumeId")).matches("vol-[0-9a-f]{17}");

    kecs.waiter().waitUntilTasksRunning(r -> r.cluster("ebs").tasks(task.taskArn()));
    Task running = ecs.describeTasks(r -> r.cluster("ebs").tasks(task.taskArn())).tasks().get(0);
    assertThat(ebs(running).status()).isEqualTo("ATTACHED");
    assertThat(ebs(running).details()).hasSize(4);
    assertThat(detail(ebs(running), "volumeId")).isEqualTo(detail(created, "volumeId"));

    ecs.stopTask(r -> r.cluster("ebs").task(task.taskArn()));
    kecs.waiter().waitUntilTasksStopped(r -> r.cluster("ebs").tasks(task.taskArn()));
    Task stopped = ecs.describeTasks(r -> r.cluster("ebs").tasks(task.taskArn())).tasks().get(0);
    assertThat(ebs(stopped).status()).isEqualTo("DELETED");

    // deleteOnTermination false: ECS leaves the volume (detached) in the account.
    Task kept =
        runWith(
            "db",
            m ->
                m.snapshotId("snap-0123456789abcdef0")
                    .terminationPolicy(p -> p.deleteOnTermination(false)));
    assertThat(detail(ebs(kept), "deleteOnTermination")).isEqualTo("false");
    ecs.stopTask(r -> r.cluster("ebs").task(kept.taskArn()));
    kecs.waiter().waitUntilTasksStopped(r -> r.cluster("ebs").tasks(kept.taskArn()));
    assertThat(
            ebs(ecs.describeTasks(r -> r.cluster("ebs").tasks(kept.taskArn())).tasks().get(0))
                .status())
        .isEqualTo("DETACHED");

    // Each task of one RunTask gets its own volume.
    var two =
        ecs.runTask(
                r ->
                    run(r, "db")
                        .count(2)
                        .volumeConfigurations(
                            v ->
                                v.name("data").managedEBSVolume(m -> m.roleArn(ROLE).sizeInGiB(1))))
            .tasks();
    assertThat(detail(ebs(two.get(0)), "volumeId"))
        .isNotEqualTo(detail(ebs(two.get(1)), "volumeId"));
  }

  @Test
  void startTaskAttachesTheVolumeToo() {
    ecs.createCluster(r -> r.clusterName("ebs"));
    register("db", true);
    String instance =
        ecs.registerContainerInstance(
                r ->
                    r.cluster("ebs")
                        .instanceIdentityDocument(
                            "{\"instanceId\":\"i-0ebs\",\"region\":\"us-east-1\",\"instanceType\":\"m5.large\"}"))
            .containerInstance()
            .containerInstanceArn();
    Task started =
        ecs.startTask(
                r ->
                    r.cluster("ebs")
                        .taskDefinition("db")
                        .containerInstances(instance)
                        .networkConfiguration(
                            n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                        .volumeConfigurations(
                            v ->
                                v.name("data")
                                    .managedEBSVolume(
                                        m ->
                                            m.roleArn(ROLE)
                                                .volumeType("io2")
                                                .sizeInGiB(10)
                                                .iops(1000))))
            .tasks()
            .get(0);
    assertThat(detail(ebs(started), "volumeName")).isEqualTo("data");
    assertThatThrownBy(
            () ->
                ecs.startTask(
                    r ->
                        r.cluster("ebs")
                            .taskDefinition("db")
                            .containerInstances(instance)
                            .networkConfiguration(
                                n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("no volume configuration was specified");
  }

  @Test
  void volumeConfigurationsMustMatchTheDefinition() {
    ecs.createCluster(r -> r.clusterName("ebs"));
    register("db", true);
    register("plain", false);
    assertThatThrownBy(() -> ecs.runTask(r -> run(r, "db")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("'data' with configuredAtLaunch set to true");
    assertThatThrownBy(
            () ->
                ecs.runTask(
                    r ->
                        run(r, "db")
                            .volumeConfigurations(
                                v ->
                                    v.name("other")
                                        .managedEBSVolume(m -> m.roleArn(ROLE).sizeInGiB(1)))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("'other' does not match");
    assertThatThrownBy(() -> runWith("plain", m -> m.sizeInGiB(1)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("'data' does not match");
    assertThatThrownBy(
            () ->
                ecs.runTask(
                    r ->
                        run(r, "db")
                            .volumeConfigurations(
                                v ->
                                    v.name("data")
                                        .managedEBSVolume(m -> m.roleArn(ROLE).sizeInGiB(1)),
                                v ->
                                    v.name("data")
                                        .managedEBSVolume(m -> m.roleArn(ROLE).sizeInGiB(2)))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Only one volume configuration");
    assertThatThrownBy(
            () -> ecs.runTask(r -> run(r, "db").volumeConfigurations(v -> v.name("data"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("must specify a managedEBSVolume");
    // roleArn is required by the model.
    assertThatThrownBy(
            () ->
                ecs.runTask(
                    r ->
                        run(r, "db")
                            .volumeConfigurations(
                                v -> v.name("data").managedEBSVolume(m -> m.sizeInGiB(1)))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("roleArn");
  }

  @Test
  void managedVolumeSettingsAreCheckedPerVolumeType() {
    ecs.createCluster(r -> r.clusterName("ebs"));
    register("db", true);
    refused(
        m -> m.roleArn("arn:aws:iam::000000000000:user/bob").sizeInGiB(1),
        "not the ARN of an IAM role");
    refused(m -> m.roleArn("ecsInfrastructureRole").sizeInGiB(1), "not the ARN of an IAM role");
    refused(m -> m.volumeType("gp3"), "Specify either sizeInGiB or snapshotId");
    refused(m -> m.volumeType("gp4").sizeInGiB(1), "volumeType 'gp4' is not supported");
    refused(m -> m.sizeInGiB(16_385), "sizeInGiB for volume type gp3 must be between 1 and 16384");
    refused(m -> m.volumeType("io1").sizeInGiB(3).iops(100), "between 4 and 16384");
    refused(m -> m.volumeType("st1").sizeInGiB(100), "between 125 and 16384");
    refused(m -> m.volumeType("standard").sizeInGiB(2000), "between 1 and 1024");
    refused(m -> m.volumeType("io2").sizeInGiB(10), "iops is required for volume type io2");
    refused(m -> m.volumeType("io2").sizeInGiB(10).iops(300_000), "between 100 and 256000");
    refused(m -> m.sizeInGiB(10).iops(2000), "iops for volume type gp3 must be between 3000");
    refused(m -> m.volumeType("sc1").sizeInGiB(200).iops(500), "iops is not supported");
    refused(
        m -> m.volumeType("gp2").sizeInGiB(10).throughput(200),
        "only supported for volume type gp3");
    refused(m -> m.sizeInGiB(10).throughput(2000), "throughput must be between 125 and 1000");
    refused(m -> m.snapshotId("snapshot-1"), "not a valid snapshot ID");
    refused(
        m -> m.sizeInGiB(10).volumeInitializationRate(200), "only be specified with a snapshotId");
    refused(
        m ->
            m.sizeInGiB(10)
                .tagSpecifications(
                    t -> t.resourceType("volume").tags(g -> g.key("AmazonECSManaged").value("x"))),
        "reserved");
    refused(
        m ->
            m.sizeInGiB(10)
                .tagSpecifications(
                    t -> t.resourceType("volume").propagateTags(PropagateTags.SERVICE)),
        "only propagate from a SERVICE");
    // Magnetic volumes are not for Fargate.
    refused(
        m -> m.volumeType("standard").sizeInGiB(10), "not supported for tasks using the FARGATE");
    assertThat(runWith("db", m -> m.volumeType("io2").sizeInGiB(4).iops(100)).taskArn())
        .isNotNull();
  }

  private void refused(Consumer<TaskManagedEBSVolumeConfiguration.Builder> ebs, String message) {
    assertThatThrownBy(() -> runWith("db", ebs))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining(message);
  }
}
