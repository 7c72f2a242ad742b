package io.kecs.servicediscovery;

import static io.kecs.servicediscovery.CloudMapNamespacesIT.namespaceIdOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;

/** ECS refuses {@code serviceRegistries} that cannot work, with InvalidParameterException. */
class EcsRegistryRulesIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();
  static ServiceDiscoveryClient sd;
  private final EcsClient ecs = kecs.ecs();
  private final EcsRegistryFixture fx = new EcsRegistryFixture(kecs);
  private String srv;
  private String aOnly;
  private String awsvpc;
  private String bridge;

  @BeforeAll
  static void client() {
    sd = CloudMapClients.client(kecs.endpoint());
  }

  @AfterAll
  static void close() {
    sd.close();
  }

  @BeforeEach
  void registries() {
    String ns =
        namespaceIdOf(
            sd, sd.createPrivateDnsNamespace(b -> b.name("shop.local").vpc("vpc-1")).operationId());
    srv =
        sd.createService(
                b ->
                    b.name("srv")
                        .namespaceId(ns)
                        .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.SRV).ttl(10L))))
            .service()
            .arn();
    aOnly =
        sd.createService(
                b ->
                    b.name("a")
                        .namespaceId(ns)
                        .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(10L))))
            .service()
            .arn();
    ecs.createCluster(r -> r.clusterName("apps"));
    awsvpc = fx.taskDefinition("vpc", NetworkMode.AWSVPC);
    bridge = fx.taskDefinition("br", NetworkMode.BRIDGE);
  }

  private void create(String td, Consumer<ServiceRegistry.Builder> registry) {
    boolean vpc = td.equals(awsvpc);
    ecs.createService(
        (CreateServiceRequest.Builder r) -> {
          r.cluster("apps")
              .serviceName("s")
              .taskDefinition(td)
              .desiredCount(0)
              .launchType(vpc ? LaunchType.FARGATE : LaunchType.EC2)
              .serviceRegistries(registry);
          if (vpc) {
            r.networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")));
          }
        });
  }

  private void refused(String td, Consumer<ServiceRegistry.Builder> registry, String message) {
    assertThatThrownBy(() -> create(td, registry))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((InvalidParameterException) e).statusCode()).isEqualTo(400));
  }

  @Test
  void createServiceChecksTheRegistryAgainstTheTaskDefinition() {
    refused(awsvpc, r -> r.registryArn(srv.replace("srv-", "srv-zz")), "does not exist");
    refused(
        awsvpc,
        r -> r.registryArn(srv),
        "require a value for 'port' or the 'containerName' and 'containerPort' combination");
    refused(
        awsvpc,
        r -> r.registryArn(srv).port(80).containerName("app").containerPort(8080),
        "Specify a value for either 'port' or the 'containerName' and 'containerPort'"
            + " combination, but not both.");
    refused(awsvpc, r -> r.registryArn(aOnly).port(80), "do not require a value for 'port'");
    refused(
        awsvpc,
        r -> r.registryArn(aOnly).containerName("app").containerPort(8080),
        "do not require a value for 'containerPort'");
    refused(awsvpc, r -> r.registryArn(srv).containerName("app"), "must be specified");
    refused(
        awsvpc,
        r -> r.registryArn(srv).containerName("web").containerPort(8080),
        "The container 'web' does not exist in the task definition.");
    refused(
        awsvpc,
        r -> r.registryArn(srv).containerName("app").containerPort(9999),
        "does not have a port mapping for containerPort 9999");
    refused(
        bridge,
        r -> r.registryArn(srv).port(80),
        "When specifying 'host' or 'bridge' for networkMode, values for 'containerName' and"
            + " 'containerPort' must be specified from the task definition.");
    refused(
        bridge,
        r -> r.registryArn(aOnly).containerName("app").containerPort(8080),
        "must use SRV records");
    assertThat(ecs.listServices(r -> r.cluster("apps")).serviceArns()).isEmpty();

    // The valid forms are taken.
    create(awsvpc, r -> r.registryArn(srv).port(80));
    ecs.deleteService(r -> r.cluster("apps").service("s"));
  }

  @Test
  void updateServiceAndCreateTaskSetCheckThemToo() {
    create(awsvpc, r -> r.registryArn(aOnly));
    assertThatThrownBy(
            () ->
                ecs.updateService(
                    r -> r.cluster("apps").service("s").serviceRegistries(x -> x.registryArn(srv))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("require a value for 'port'");
    ecs.updateService(
        r -> r.cluster("apps").service("s").serviceRegistries(x -> x.registryArn(srv).port(81)));
    assertThat(
            ecs.describeServices(r -> r.cluster("apps").services("s"))
                .services()
                .get(0)
                .serviceRegistries())
        .singleElement()
        .satisfies(x -> assertThat(x.port()).isEqualTo(81));

    ecs.createService(
        r ->
            r.cluster("apps")
                .serviceName("ext")
                .desiredCount(1)
                .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL)));
    assertThatThrownBy(
            () ->
                ecs.createTaskSet(
                    r ->
                        r.cluster("apps")
                            .service("ext")
                            .taskDefinition(awsvpc)
                            .launchType(LaunchType.FARGATE)
                            .networkConfiguration(
                                n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                            .serviceRegistries(x -> x.registryArn(aOnly).port(80))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("do not require a value for 'port'");
  }
}
