package io.kecs.ecs.instance;

import static io.kecs.ecs.instance.Ec2Instances.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesResponse;

/** ListContainerInstances: status and cluster query language filters, and pagination. */
class ContainerInstanceListIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();
  private final Map<String, String> arnByEc2Id = new HashMap<>();

  @BeforeEach
  void fleet() {
    ecs.createCluster(r -> r.clusterName("fleet"));
    add("i-1", "t2.micro", "us-east-1a");
    add("i-2", "t2.small", "us-east-1b");
    add("i-3", "m5.large", "us-east-1a");
    add("i-4", "m5.large", "us-east-1c");
    add("i-5", "c5.xlarge", "us-east-1d");
    ecs.updateContainerInstancesState(
        r ->
            r.cluster("fleet")
                .containerInstances(arnByEc2Id.get("i-5"))
                .status(ContainerInstanceStatus.DRAINING));
  }

  private void add(String ec2Id, String type, String zone) {
    arnByEc2Id.put(ec2Id, register(ecs, "fleet", ec2Id, type, zone).containerInstanceArn());
  }

  @Test
  void filtersWithTheClusterQueryLanguage() {
    assertThat(listed("attribute:ecs.instance-type == t2.micro")).containsExactly("i-1");
    assertThat(listed("attribute:ecs.instance-type =~ t2.*"))
        .containsExactlyInAnyOrder("i-1", "i-2");
    assertThat(listed("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"))
        .containsExactlyInAnyOrder("i-1", "i-2", "i-3");
    assertThat(
            listed(
                "attribute:ecs.instance-type =~ m5.* and attribute:ecs.availability-zone !="
                    + " us-east-1c"))
        .containsExactly("i-3");
    assertThat(listed("ec2InstanceId == i-4 or ec2InstanceId == i-5"))
        .containsExactlyInAnyOrder("i-4", "i-5");
    assertThat(listed("not (attribute:ecs.instance-type =~ t2.* or ec2InstanceId == i-5)"))
        .containsExactlyInAnyOrder("i-3", "i-4");
    assertThat(listed("registeredAt > 2020-01-01 and runningTasksCount == 0")).hasSize(5);
    assertThat(listed("runningTasksCount > 0")).isEmpty();
    assertThat(listed("agentConnected == true and agentVersion >= 1.50.0")).hasSize(5);
    assertThat(listed("task:group exists")).isEmpty();
    assertThat(listed("attribute:ecs.os-type == linux")).hasSize(5);
  }

  @Test
  void statusAndFilterCombine() {
    ListContainerInstancesResponse draining =
        ecs.listContainerInstances(
            r ->
                r.cluster("fleet")
                    .status(ContainerInstanceStatus.DRAINING)
                    .filter("attribute:ecs.instance-type =~ c5.*"));
    assertThat(draining.containerInstanceArns()).containsExactly(arnByEc2Id.get("i-5"));
    ListContainerInstancesResponse active =
        ecs.listContainerInstances(
            r ->
                r.cluster("fleet")
                    .status(ContainerInstanceStatus.ACTIVE)
                    .filter("attribute:ecs.instance-type =~ c5.*"));
    assertThat(active.containerInstanceArns()).isEmpty();
    assertThat(
            ecs.listContainerInstances(
                    r -> r.cluster("fleet").status(ContainerInstanceStatus.REGISTERING))
                .containerInstanceArns())
        .isEmpty();
  }

  @Test
  void malformedFiltersAreInvalidParameters() {
    for (String filter :
        List.of(
            "attribute:ecs.instance-type",
            "instanceType == t2.micro",
            "attribute:x =~ '('",
            "runningTasksCount > some",
            "(attribute:x == y")) {
      assertThatThrownBy(() -> ecs.listContainerInstances(r -> r.cluster("fleet").filter(filter)))
          .isInstanceOf(InvalidParameterException.class);
    }
  }

  @Test
  void pagesWithoutRepeatsOrGaps() {
    List<String> all = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      ListContainerInstancesResponse page =
          ecs.listContainerInstances(r -> r.cluster("fleet").maxResults(2).nextToken(t));
      assertThat(page.containerInstanceArns()).hasSizeLessThanOrEqualTo(2);
      all.addAll(page.containerInstanceArns());
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(all)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(arnByEc2Id.values());

    // Pages of a filtered listing hold only matches.
    ListContainerInstancesResponse first =
        ecs.listContainerInstances(
            r ->
                r.cluster("fleet").maxResults(1).filter("attribute:ecs.instance-type == m5.large"));
    ListContainerInstancesResponse second =
        ecs.listContainerInstances(
            r ->
                r.cluster("fleet")
                    .maxResults(1)
                    .filter("attribute:ecs.instance-type == m5.large")
                    .nextToken(first.nextToken()));
    assertThat(List.of(first.containerInstanceArns().get(0), second.containerInstanceArns().get(0)))
        .containsExactlyInAnyOrder(arnByEc2Id.get("i-3"), arnByEc2Id.get("i-4"));
    assertThat(second.nextToken()).isNull();

    assertThat(ecs.listContainerInstances(r -> r.cluster("fleet").maxResults(100)).nextToken())
        .isNull();
    for (int bad : new int[] {0, 101}) {
      assertThatThrownBy(() -> ecs.listContainerInstances(r -> r.cluster("fleet").maxResults(bad)))
          .isInstanceOf(InvalidParameterException.class);
    }
    assertThatThrownBy(
            () -> ecs.listContainerInstances(r -> r.cluster("fleet").nextToken("garbage")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.listContainerInstances(r -> r.cluster("nope")))
        .isInstanceOf(ClusterNotFoundException.class);
  }

  private List<String> listed(String filter) {
    Map<String, String> ec2IdByArn = new HashMap<>();
    arnByEc2Id.forEach((id, arn) -> ec2IdByArn.put(arn, id));
    return ecs
        .listContainerInstances(r -> r.cluster("fleet").filter(filter))
        .containerInstanceArns()
        .stream()
        .map(ec2IdByArn::get)
        .toList();
  }
}
