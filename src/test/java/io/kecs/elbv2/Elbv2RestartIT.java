package io.kecs.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** ELBv2 state survives a restart on a durable store, with its attributes, rules and tags. */
class Elbv2RestartIT {
  @TempDir Path dataDir;

  @Test
  void stateSurvivesARestart() throws Exception {
    ServerConfig config = ServerConfig.forTests().withDataDir(dataDir);
    String lbArn;
    String listenerArn;
    try (KecsServer kecs = KecsServer.start(config);
        ElasticLoadBalancingV2Client elb =
            Elbv2Clients.client(kecs.endpoint(), "AKIDEXAMPLE", Region.US_EAST_1)) {
      LoadBalancer lb =
          elb.createLoadBalancer(
                  r ->
                      r.name("durable")
                          .subnets("s-1", "s-2")
                          .tags(Tag.builder().key("k").value("v").build()))
              .loadBalancers()
              .get(0);
      lbArn = lb.loadBalancerArn();
      elb.modifyLoadBalancerAttributes(
          r ->
              r.loadBalancerArn(lbArn)
                  .attributes(a -> a.key("idle_timeout.timeout_seconds").value("90")));
      TargetGroup tg =
          elb.createTargetGroup(
                  r ->
                      r.name("durable")
                          .protocol(ProtocolEnum.HTTP)
                          .port(80)
                          .vpcId("vpc-1")
                          .targetType(TargetTypeEnum.IP))
              .targetGroups()
              .get(0);
      listenerArn =
          elb.createListener(
                  r ->
                      r.loadBalancerArn(lbArn)
                          .protocol(ProtocolEnum.HTTP)
                          .port(80)
                          .defaultActions(
                              a ->
                                  a.type(ActionTypeEnum.FORWARD)
                                      .targetGroupArn(tg.targetGroupArn())))
              .listeners()
              .get(0)
              .listenerArn();
      elb.registerTargets(
          r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("10.0.0.9")));
    }
    try (KecsServer kecs = KecsServer.start(config);
        ElasticLoadBalancingV2Client elb =
            Elbv2Clients.client(kecs.endpoint(), "AKIDEXAMPLE", Region.US_EAST_1)) {
      assertThat(
              elb.describeLoadBalancers(r -> r.names("durable"))
                  .loadBalancers()
                  .get(0)
                  .loadBalancerArn())
          .isEqualTo(lbArn);
      assertThat(elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lbArn)).attributes())
          .contains(
              LoadBalancerAttribute.builder()
                  .key("idle_timeout.timeout_seconds")
                  .value("90")
                  .build());
      assertThat(elb.describeTags(r -> r.resourceArns(lbArn)).tagDescriptions().get(0).tags())
          .extracting(Tag::key)
          .containsExactly("k");
      assertThat(elb.describeRules(r -> r.listenerArn(listenerArn)).rules())
          .extracting(Rule::priority)
          .containsExactly("default");
      TargetGroup tg = elb.describeTargetGroups(r -> r.names("durable")).targetGroups().get(0);
      assertThat(tg.loadBalancerArns()).containsExactly(lbArn);
      assertThat(
              elb.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn()))
                  .targetHealthDescriptions())
          .extracting(d -> d.target().id())
          .containsExactly("10.0.0.9");
    }
  }
}
