package io.kecs.ecs.instance;

import static io.kecs.ecs.instance.Ec2Instances.AGENT;
import static io.kecs.ecs.instance.Ec2Instances.M5_LARGE;
import static io.kecs.ecs.instance.Ec2Instances.document;
import static io.kecs.ecs.instance.Ec2Instances.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsContainerInstancesException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceField;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesResponse;
import software.amazon.awssdk.services.ecs.model.InstanceHealthCheckState;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.MissingVersionException;
import software.amazon.awssdk.services.ecs.model.NoUpdateAvailableException;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.UpdateContainerInstancesStateResponse;

class ContainerInstanceIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();

  @Test
  void registerDescribeListAndDeregister() {
    ecs.createCluster(r -> r.clusterName("web"));
    Instant before = Instant.now().minusSeconds(1);
    ContainerInstance registered =
        ecs.registerContainerInstance(
                r ->
                    r.cluster("web")
                        .instanceIdentityDocument(document("i-0aa", "m5.large", "us-east-1b"))
                        .instanceIdentityDocumentSignature("sig")
                        .totalResources(M5_LARGE)
                        .versionInfo(AGENT)
                        .attributes(Attribute.builder().name("stack").value("prod").build())
                        .tags(Tag.builder().key("team").value("a").build()))
            .containerInstance();

    assertThat(registered.containerInstanceArn())
        .matches("arn:aws:ecs:us-east-1:000000000000:container-instance/web/[0-9a-f]{32}");
    assertThat(registered.ec2InstanceId()).isEqualTo("i-0aa");
    assertThat(registered.status()).isEqualTo("ACTIVE");
    assertThat(registered.agentConnected()).isTrue();
    assertThat(registered.version()).isEqualTo(1L);
    assertThat(registered.versionInfo()).isEqualTo(AGENT);
    assertThat(registered.runningTasksCount()).isZero();
    assertThat(registered.pendingTasksCount()).isZero();
    assertThat(registered.agentUpdateStatus()).isNull();
    assertThat(registered.registeredAt()).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(registered.registeredResources()).hasSize(4);
    assertThat(registered.remainingResources()).isEqualTo(registered.registeredResources());
    assertThat(resource(registered, "MEMORY").integerValue()).isEqualTo(7680);
    assertThat(registered.tags()).containsExactly(Tag.builder().key("team").value("a").build());
    assertThat(attributes(registered))
        .containsEntry("ecs.instance-type", "m5.large")
        .containsEntry("ecs.availability-zone", "us-east-1b")
        .containsEntry("ecs.ami-id", "ami-0abcdef1234567890")
        .containsEntry("ecs.os-type", "linux")
        .containsEntry("ecs.cpu-architecture", "x86_64")
        .containsEntry("stack", "prod");

    String id =
        registered
            .containerInstanceArn()
            .substring(registered.containerInstanceArn().lastIndexOf('/') + 1);
    DescribeContainerInstancesResponse described =
        ecs.describeContainerInstances(
            r ->
                r.cluster("web")
                    .containerInstances(id, registered.containerInstanceArn(), "0123abcd")
                    .include(
                        ContainerInstanceField.TAGS,
                        ContainerInstanceField.CONTAINER_INSTANCE_HEALTH));
    assertThat(described.containerInstances())
        .singleElement()
        .satisfies(
            ci -> {
              assertThat(ci.containerInstanceArn()).isEqualTo(registered.containerInstanceArn());
              assertThat(ci.tags()).hasSize(1);
              assertThat(ci.healthStatus().overallStatus())
                  .isEqualTo(InstanceHealthCheckState.INSUFFICIENT_DATA);
            });
    assertThat(described.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.arn())
                  .isEqualTo("arn:aws:ecs:us-east-1:000000000000:container-instance/web/0123abcd");
              assertThat(f.reason()).isEqualTo("MISSING");
            });
    ContainerInstance plain =
        ecs.describeContainerInstances(r -> r.cluster("web").containerInstances(id))
            .containerInstances()
            .get(0);
    assertThat(plain.hasTags()).isFalse();
    assertThat(plain.healthStatus()).isNull();

    assertThat(ecs.listContainerInstances(r -> r.cluster("web")).containerInstanceArns())
        .containsExactly(registered.containerInstanceArn());
    assertThat(registeredCount("web")).isEqualTo(1);
    assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("web")))
        .isInstanceOf(ClusterContainsContainerInstancesException.class);

    ContainerInstance deregistered =
        ecs.deregisterContainerInstance(r -> r.cluster("web").containerInstance(id))
            .containerInstance();
    assertThat(deregistered.status()).isEqualTo("INACTIVE");
    assertThat(deregistered.agentConnected()).isFalse();
    assertThat(deregistered.version()).isEqualTo(2L);
    assertThat(ecs.listContainerInstances(r -> r.cluster("web")).containerInstanceArns()).isEmpty();
    assertThat(
            ecs.describeContainerInstances(r -> r.cluster("web").containerInstances(id))
                .containerInstances()
                .get(0)
                .status())
        .isEqualTo("INACTIVE");
    assertThat(registeredCount("web")).isZero();
    assertThat(ecs.deleteCluster(r -> r.cluster("web")).cluster().status()).isEqualTo("INACTIVE");
  }

  @Test
  void registrationCreatesTheDefaultClusterAndFillsInResources() {
    assertThat(ecs.listClusters().clusterArns()).isEmpty();
    ContainerInstance ci =
        ecs.registerContainerInstance(
                r -> r.instanceIdentityDocument(document("i-1", "t3.large", "us-east-1a")))
            .containerInstance();
    assertThat(ci.containerInstanceArn()).contains(":container-instance/default/");
    assertThat(ecs.listClusters().clusterArns())
        .containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/default");
    assertThat(resource(ci, "CPU").integerValue()).isEqualTo(2048);
    assertThat(resource(ci, "MEMORY").integerValue()).isEqualTo(8192);
    assertThat(resource(ci, "PORTS").stringSetValue())
        .containsExactly("22", "2375", "2376", "51678", "51679");
    assertThat(attributes(ci)).containsKey("com.amazonaws.ecs.capability.docker-remote-api.1.17");
    assertThat(ecs.listContainerInstances().containerInstanceArns())
        .containsExactly(ci.containerInstanceArn());
  }

  @Test
  void anEc2InstanceRegistersOncePerCluster() {
    ecs.createCluster(r -> r.clusterName("web"));
    ContainerInstance first = register(ecs, "web", "i-1", "m5.large", "us-east-1a");
    ContainerInstance again = register(ecs, "web", "i-1", "m5.large", "us-east-1a");
    assertThat(again.containerInstanceArn()).isEqualTo(first.containerInstanceArn());
    assertThat(again.version()).isEqualTo(2L);
    assertThat(again.registeredAt()).isEqualTo(first.registeredAt());

    // The agent names its ARN when it restarts; new resources replace the old ones.
    ContainerInstance restarted =
        ecs.registerContainerInstance(
                r ->
                    r.cluster("web")
                        .containerInstanceArn(first.containerInstanceArn())
                        .instanceIdentityDocument(document("i-1", "m5.large", "us-east-1a"))
                        .totalResources(
                            Resource.builder()
                                .name("CPU")
                                .type("INTEGER")
                                .integerValue(1024)
                                .build()))
            .containerInstance();
    assertThat(restarted.containerInstanceArn()).isEqualTo(first.containerInstanceArn());
    assertThat(restarted.version()).isEqualTo(3L);
    assertThat(resource(restarted, "CPU").integerValue()).isEqualTo(1024);
    assertThat(ecs.listContainerInstances(r -> r.cluster("web")).containerInstanceArns())
        .hasSize(1);

    assertThatThrownBy(
            () ->
                ecs.registerContainerInstance(
                    r ->
                        r.cluster("web")
                            .containerInstanceArn(first.containerInstanceArn())
                            .instanceIdentityDocument(document("i-1", "m5.xlarge", "us-east-1a"))))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("Container instance type changes are not supported.");
    assertThatThrownBy(
            () ->
                ecs.registerContainerInstance(
                    r ->
                        r.cluster("web")
                            .containerInstanceArn(first.containerInstanceArn())
                            .instanceIdentityDocument(document("i-2", "m5.large", "us-east-1a"))))
        .isInstanceOf(ClientException.class);

    ecs.deregisterContainerInstance(
        r -> r.cluster("web").containerInstance(first.containerInstanceArn()));
    assertThatThrownBy(
            () ->
                ecs.registerContainerInstance(
                    r ->
                        r.cluster("web")
                            .containerInstanceArn(first.containerInstanceArn())
                            .instanceIdentityDocument(document("i-1", "m5.large", "us-east-1a"))))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("is inactive");
    ContainerInstance fresh = register(ecs, "web", "i-1", "m5.large", "us-east-1a");
    assertThat(fresh.containerInstanceArn()).isNotEqualTo(first.containerInstanceArn());
    assertThat(fresh.version()).isEqualTo(1L);
  }

  @Test
  void badRegistrationsAreRefused() {
    ecs.createCluster(r -> r.clusterName("web"));
    assertThatThrownBy(
            () ->
                ecs.registerContainerInstance(
                    r -> r.cluster("web").instanceIdentityDocument("{not json")))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("identity document");
    assertThatThrownBy(() -> ecs.registerContainerInstance(r -> r.cluster("web")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.registerContainerInstance(
                    r ->
                        r.cluster("missing")
                            .instanceIdentityDocument(document("i-1", "m5.large", "us-east-1a"))))
        .isInstanceOf(ClusterNotFoundException.class);
    assertThatThrownBy(
            () ->
                ecs.registerContainerInstance(
                    r ->
                        r.cluster("web")
                            .instanceIdentityDocument(document("i-1", "m5.large", "us-east-1a"))
                            .totalResources(
                                Resource.builder()
                                    .name("PORTS")
                                    .type("STRINGSET")
                                    .stringSetValue("http")
                                    .build())))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.registerContainerInstance(
                    r ->
                        r.cluster("web")
                            .instanceIdentityDocument(document("i-1", "m5.large", "us-east-1a"))
                            .tags(Tag.builder().key("aws:x").value("y").build())))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.registerContainerInstance(
                    r ->
                        r.cluster("web")
                            .instanceIdentityDocument(
                                document("i-1", "m5.large", "eu-west-1a")
                                    .replace("\"us-east-1\"", "\"eu-west-1\""))))
        .isInstanceOf(ClientException.class);
    assertThat(ecs.listContainerInstances(r -> r.cluster("web")).containerInstanceArns()).isEmpty();
  }

  @Test
  void drainingInstancesStayListedAndCounted() {
    ecs.createCluster(r -> r.clusterName("web"));
    ContainerInstance a = register(ecs, "web", "i-a", "m5.large", "us-east-1a");
    ContainerInstance b = register(ecs, "web", "i-b", "m5.large", "us-east-1a");

    UpdateContainerInstancesStateResponse drained =
        ecs.updateContainerInstancesState(
            r ->
                r.cluster("web")
                    .containerInstances(a.containerInstanceArn(), "ffffffffffffffff")
                    .status(ContainerInstanceStatus.DRAINING));
    assertThat(drained.containerInstances())
        .singleElement()
        .satisfies(
            ci -> {
              assertThat(ci.status()).isEqualTo("DRAINING");
              assertThat(ci.version()).isEqualTo(2L);
            });
    assertThat(drained.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));

    assertThat(
            ecs.listContainerInstances(
                    r -> r.cluster("web").status(ContainerInstanceStatus.DRAINING))
                .containerInstanceArns())
        .containsExactly(a.containerInstanceArn());
    assertThat(
            ecs.listContainerInstances(r -> r.cluster("web").status(ContainerInstanceStatus.ACTIVE))
                .containerInstanceArns())
        .containsExactly(b.containerInstanceArn());
    assertThat(ecs.listContainerInstances(r -> r.cluster("web")).containerInstanceArns())
        .hasSize(2);

    ecs.deregisterContainerInstance(
        r -> r.cluster("web").containerInstance(b.containerInstanceArn()));
    assertThat(registeredCount("web")).isEqualTo(1);
    assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("web")))
        .isInstanceOf(ClusterContainsContainerInstancesException.class);

    // Setting the status it already has changes nothing; a deregistered instance is a failure.
    UpdateContainerInstancesStateResponse again =
        ecs.updateContainerInstancesState(
            r ->
                r.cluster("web")
                    .containerInstances(a.containerInstanceArn(), b.containerInstanceArn())
                    .status(ContainerInstanceStatus.DRAINING));
    assertThat(again.containerInstances().get(0).version()).isEqualTo(2L);
    assertThat(again.failures().get(0).reason()).isEqualTo("INACTIVE");

    ContainerInstance active =
        ecs.updateContainerInstancesState(
                r ->
                    r.cluster("web")
                        .containerInstances(a.containerInstanceArn())
                        .status(ContainerInstanceStatus.ACTIVE))
            .containerInstances()
            .get(0);
    assertThat(active.status()).isEqualTo("ACTIVE");
    assertThat(active.version()).isEqualTo(3L);

    assertThatThrownBy(
            () ->
                ecs.updateContainerInstancesState(
                    r ->
                        r.cluster("web")
                            .containerInstances(a.containerInstanceArn())
                            .status(ContainerInstanceStatus.REGISTERING)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.updateContainerInstancesState(
                    r ->
                        r.cluster("web")
                            .containerInstances(
                                List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"))
                            .status(ContainerInstanceStatus.DRAINING)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.updateContainerInstancesState(
                    r ->
                        r.cluster("gone")
                            .containerInstances(a.containerInstanceArn())
                            .status(ContainerInstanceStatus.DRAINING)))
        .isInstanceOf(ClusterNotFoundException.class);
  }

  @Test
  void deregistrationAndDescribeErrors() {
    ecs.createCluster(r -> r.clusterName("web"));
    ecs.createCluster(r -> r.clusterName("other"));
    ContainerInstance ci = register(ecs, "web", "i-a", "m5.large", "us-east-1a");
    assertThatThrownBy(
            () -> ecs.deregisterContainerInstance(r -> r.cluster("web").containerInstance("nope")))
        .isInstanceOf(InvalidParameterException.class);
    // An ARN of one cluster names nothing in another.
    assertThatThrownBy(
            () ->
                ecs.deregisterContainerInstance(
                    r -> r.cluster("other").containerInstance(ci.containerInstanceArn())))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.deregisterContainerInstance(
                    r -> r.cluster("gone").containerInstance(ci.containerInstanceArn())))
        .isInstanceOf(ClusterNotFoundException.class);
    assertThatThrownBy(
            () ->
                ecs.describeContainerInstances(r -> r.cluster("web").containerInstances(List.of())))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.describeContainerInstances(
                    r -> r.containerInstances(ci.containerInstanceArn())))
        .isInstanceOf(ClusterNotFoundException.class);
    ContainerInstance forced =
        ecs.deregisterContainerInstance(
                r -> r.cluster("web").containerInstance(ci.containerInstanceArn()).force(true))
            .containerInstance();
    assertThat(forced.status()).isEqualTo("INACTIVE");
    // Deregistration is final; repeating it answers the same record.
    assertThat(
            ecs.deregisterContainerInstance(
                    r -> r.cluster("web").containerInstance(ci.containerInstanceArn()))
                .containerInstance()
                .version())
        .isEqualTo(forced.version());
  }

  @Test
  void updateContainerAgentAnswersWhatEcsAnswersForACurrentAgent() {
    ecs.createCluster(r -> r.clusterName("web"));
    ContainerInstance withVersion = register(ecs, "web", "i-a", "m5.large", "us-east-1a");
    ContainerInstance withoutVersion =
        ecs.registerContainerInstance(
                r ->
                    r.cluster("web")
                        .instanceIdentityDocument(document("i-b", "m5.large", "us-east-1a")))
            .containerInstance();
    assertThatThrownBy(
            () ->
                ecs.updateContainerAgent(
                    r -> r.cluster("web").containerInstance(withVersion.containerInstanceArn())))
        .isInstanceOf(NoUpdateAvailableException.class);
    assertThatThrownBy(
            () ->
                ecs.updateContainerAgent(
                    r -> r.cluster("web").containerInstance(withoutVersion.containerInstanceArn())))
        .isInstanceOf(MissingVersionException.class);
    assertThatThrownBy(
            () -> ecs.updateContainerAgent(r -> r.cluster("web").containerInstance("missing")))
        .isInstanceOf(InvalidParameterException.class);
    ecs.deregisterContainerInstance(
        r -> r.cluster("web").containerInstance(withVersion.containerInstanceArn()));
    assertThatThrownBy(
            () ->
                ecs.updateContainerAgent(
                    r -> r.cluster("web").containerInstance(withVersion.containerInstanceArn())))
        .isInstanceOf(ClientException.class);
    assertThat(
            ecs.describeContainerInstances(
                    r -> r.cluster("web").containerInstances(withoutVersion.containerInstanceArn()))
                .containerInstances()
                .get(0)
                .agentUpdateStatus())
        .isNull();
  }

  @Test
  void containerInstancesAreTaggable() {
    ecs.createCluster(r -> r.clusterName("web"));
    ContainerInstance ci = register(ecs, "web", "i-a", "m5.large", "us-east-1a");
    ecs.tagResource(
        r ->
            r.resourceArn(ci.containerInstanceArn())
                .tags(Tag.builder().key("env").value("test").build()));
    assertThat(ecs.listTagsForResource(r -> r.resourceArn(ci.containerInstanceArn())).tags())
        .containsExactly(Tag.builder().key("env").value("test").build());
    ecs.deregisterContainerInstance(
        r -> r.cluster("web").containerInstance(ci.containerInstanceArn()));
    assertThatThrownBy(
            () ->
                ecs.tagResource(
                    r ->
                        r.resourceArn(ci.containerInstanceArn())
                            .tags(Tag.builder().key("x").value("y").build())))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void instancesAreKeptPerAccountAndRegion() {
    register(ecs, null, "i-a", "m5.large", "us-east-1a");
    try (EcsClient other =
        kecs.client("111122223333", software.amazon.awssdk.regions.Region.US_EAST_1)) {
      other.createCluster(r -> r.clusterName("default"));
      assertThat(other.listContainerInstances().containerInstanceArns()).isEmpty();
    }
    assertThat(ecs.listContainerInstances().containerInstanceArns()).hasSize(1);
  }

  private int registeredCount(String cluster) {
    return ecs.describeClusters(r -> r.clusters(cluster))
        .clusters()
        .get(0)
        .registeredContainerInstancesCount();
  }

  static Resource resource(ContainerInstance ci, String name) {
    return ci.registeredResources().stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  static Map<String, String> attributes(ContainerInstance ci) {
    return ci.attributes().stream()
        .collect(
            Collectors.toMap(
                Attribute::name, a -> a.value() == null ? "" : a.value(), (x, y) -> y));
  }
}
