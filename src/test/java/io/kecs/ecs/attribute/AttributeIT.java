package io.kecs.ecs.attribute;

import static io.kecs.ecs.instance.Ec2Instances.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.AttributeLimitExceededException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListAttributesResponse;
import software.amazon.awssdk.services.ecs.model.TargetNotFoundException;
import software.amazon.awssdk.services.ecs.model.TargetType;

class AttributeIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();
  private ContainerInstance a;
  private ContainerInstance b;

  @BeforeEach
  void instances() {
    ecs.createCluster(r -> r.clusterName("web"));
    a = register(ecs, "web", "i-a", "t2.micro", "us-east-1a");
    b = register(ecs, "web", "i-b", "m5.large", "us-east-1b");
  }

  @Test
  void putDescribeFilterListAndDelete() {
    List<Attribute> put =
        ecs.putAttributes(
                r ->
                    r.cluster("web")
                        .attributes(
                            attr("stack", "prod", a.containerInstanceArn(), null),
                            attr("owner", "team@example.com", id(b), TargetType.CONTAINER_INSTANCE),
                            attr("stack", "dev", id(b), TargetType.CONTAINER_INSTANCE),
                            attr("gpu-ready", null, a.containerInstanceArn(), null)))
            .attributes();
    assertThat(put)
        .hasSize(4)
        .allSatisfy(x -> assertThat(x.targetType()).isEqualTo(TargetType.CONTAINER_INSTANCE));
    assertThat(put.get(1).targetId()).isEqualTo(id(b));

    ContainerInstance described =
        ecs.describeContainerInstances(r -> r.cluster("web").containerInstances(id(a)))
            .containerInstances()
            .get(0);
    assertThat(described.attributes())
        .contains(
            Attribute.builder().name("stack").value("prod").build(),
            Attribute.builder().name("gpu-ready").build());
    assertThat(described.version()).isEqualTo(a.version() + 1);

    assertThat(arns("attribute:stack == prod")).containsExactly(a.containerInstanceArn());
    assertThat(arns("attribute:gpu-ready exists")).containsExactly(a.containerInstanceArn());
    assertThat(arns("attribute:stack in [prod, dev] and attribute:owner exists"))
        .containsExactly(b.containerInstanceArn());

    ListAttributesResponse stacks =
        ecs.listAttributes(
            r -> r.cluster("web").targetType(TargetType.CONTAINER_INSTANCE).attributeName("stack"));
    assertThat(stacks.attributes())
        .extracting(Attribute::targetId, Attribute::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(a.containerInstanceArn(), "prod"),
            org.assertj.core.groups.Tuple.tuple(b.containerInstanceArn(), "dev"));
    assertThat(
            ecs.listAttributes(
                    r ->
                        r.cluster("web")
                            .targetType(TargetType.CONTAINER_INSTANCE)
                            .attributeName("stack")
                            .attributeValue("dev"))
                .attributes())
        .singleElement()
        .satisfies(x -> assertThat(x.targetId()).isEqualTo(b.containerInstanceArn()));
    // ECS's own attributes are listed too.
    assertThat(
            ecs.listAttributes(
                    r ->
                        r.cluster("web")
                            .targetType(TargetType.CONTAINER_INSTANCE)
                            .attributeName("ecs.os-type")
                            .attributeValue("linux"))
                .attributes())
        .hasSize(2);

    List<Attribute> deleted =
        ecs.deleteAttributes(
                r ->
                    r.cluster("web")
                        .attributes(attr("stack", null, a.containerInstanceArn(), null)))
            .attributes();
    assertThat(deleted).singleElement().satisfies(x -> assertThat(x.name()).isEqualTo("stack"));
    assertThat(arns("attribute:stack exists")).containsExactly(b.containerInstanceArn());
  }

  @Test
  void putReplacesValuesAndCountsCustomAttributesPerResource() {
    List<Attribute> ten =
        IntStream.range(0, 10)
            .mapToObj(i -> attr("custom-" + i, "v", a.containerInstanceArn(), null))
            .toList();
    ecs.putAttributes(r -> r.cluster("web").attributes(ten));
    // Replacing a value and setting capability-style attributes stays within the limit.
    ecs.putAttributes(
        r ->
            r.cluster("web")
                .attributes(
                    attr("custom-0", "w", a.containerInstanceArn(), null),
                    attr("ecs.capability.extra", null, a.containerInstanceArn(), null)));
    assertThatThrownBy(
            () ->
                ecs.putAttributes(
                    r ->
                        r.cluster("web")
                            .attributes(
                                attr("stack", "prod", b.containerInstanceArn(), null),
                                attr("custom-10", "v", a.containerInstanceArn(), null))))
        .isInstanceOf(AttributeLimitExceededException.class);
    // All or nothing: the attribute for the other instance was not stored either.
    assertThat(arns("attribute:stack exists")).isEmpty();
    assertThat(arns("attribute:custom-0 == w")).containsExactly(a.containerInstanceArn());

    List<Attribute> eleven =
        IntStream.range(0, 11)
            .mapToObj(i -> attr("n" + i, "v", b.containerInstanceArn(), null))
            .toList();
    assertThatThrownBy(() -> ecs.putAttributes(r -> r.cluster("web").attributes(eleven)))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void badAttributesAndTargetsAreRefused() {
    String arn = a.containerInstanceArn();
    for (Attribute bad :
        List.of(
            attr("has space", "v", arn, null),
            attr("x".repeat(129), "v", arn, null),
            attr("name", "bad#value", arn, null),
            attr("name", " leading", arn, null),
            attr("name", "v".repeat(129), arn, null),
            attr("name", "v", null, null),
            attr("name", "v", id(a), null))) {
      assertThatThrownBy(() -> ecs.putAttributes(r -> r.cluster("web").attributes(bad)))
          .isInstanceOf(InvalidParameterException.class);
    }
    assertThat(
            ecs.putAttributes(
                    r -> r.cluster("web").attributes(attr("a/b\\c_d.e-f", "x@y:z /w", arn, null)))
                .attributes())
        .hasSize(1);

    assertThatThrownBy(
            () ->
                ecs.putAttributes(
                    r ->
                        r.cluster("web")
                            .attributes(attr("n", "v", "0000", TargetType.CONTAINER_INSTANCE))))
        .isInstanceOf(TargetNotFoundException.class);
    ecs.createCluster(r -> r.clusterName("other"));
    assertThatThrownBy(
            () -> ecs.putAttributes(r -> r.cluster("other").attributes(attr("n", "v", arn, null))))
        .isInstanceOf(TargetNotFoundException.class);
    assertThatThrownBy(
            () -> ecs.putAttributes(r -> r.cluster("gone").attributes(attr("n", "v", arn, null))))
        .isInstanceOf(ClusterNotFoundException.class);
    assertThatThrownBy(
            () ->
                ecs.deleteAttributes(
                    r ->
                        r.cluster("web")
                            .attributes(attr("n", null, "0000", TargetType.CONTAINER_INSTANCE))))
        .isInstanceOf(TargetNotFoundException.class);
    assertThatThrownBy(
            () ->
                ecs.listAttributes(
                    r ->
                        r.cluster("web")
                            .targetType(TargetType.CONTAINER_INSTANCE)
                            .attributeValue("linux")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.listAttributes(
                    r -> r.cluster("gone").targetType(TargetType.CONTAINER_INSTANCE)))
        .isInstanceOf(ClusterNotFoundException.class);

    ecs.deregisterContainerInstance(r -> r.cluster("web").containerInstance(arn));
    assertThatThrownBy(
            () -> ecs.putAttributes(r -> r.cluster("web").attributes(attr("n", "v", arn, null))))
        .isInstanceOf(TargetNotFoundException.class);
    assertThat(
            ecs.listAttributes(
                    r ->
                        r.cluster("web")
                            .targetType(TargetType.CONTAINER_INSTANCE)
                            .attributeName("ecs.os-type"))
                .attributes())
        .singleElement()
        .satisfies(x -> assertThat(x.targetId()).isEqualTo(b.containerInstanceArn()));
  }

  @Test
  void listAttributesPages() {
    List<Attribute> all = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListAttributesResponse page =
          ecs.listAttributes(
              r ->
                  r.cluster("web")
                      .targetType(TargetType.CONTAINER_INSTANCE)
                      .maxResults(7)
                      .nextToken(t));
      assertThat(page.attributes()).hasSizeLessThanOrEqualTo(7);
      all.addAll(page.attributes());
      token = page.nextToken();
    } while (token != null);
    int expected = a.attributes().size() + b.attributes().size();
    assertThat(all).hasSize(expected).doesNotHaveDuplicates();

    assertThatThrownBy(
            () ->
                ecs.listAttributes(
                    r -> r.cluster("web").targetType(TargetType.CONTAINER_INSTANCE).maxResults(0)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.listAttributes(
                    r ->
                        r.cluster("web")
                            .targetType(TargetType.CONTAINER_INSTANCE)
                            .nextToken("bm9wZQ")))
        .isInstanceOf(InvalidParameterException.class);
  }

  private List<String> arns(String filter) {
    return ecs.listContainerInstances(r -> r.cluster("web").filter(filter)).containerInstanceArns();
  }

  private static String id(ContainerInstance ci) {
    return ci.containerInstanceArn().substring(ci.containerInstanceArn().lastIndexOf('/') + 1);
  }

  private static Attribute attr(String name, String value, String targetId, TargetType type) {
    return Attribute.builder().name(name).value(value).targetId(targetId).targetType(type).build();
  }
}
