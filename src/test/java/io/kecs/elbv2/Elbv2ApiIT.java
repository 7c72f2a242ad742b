package io.kecs.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.testing.KecsTestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** The ELBv2 API through the AWS SDK for Java v2: an ECS-style ALB stack and its error codes. */
class Elbv2ApiIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();
  private static ElasticLoadBalancingV2Client elb;

  @BeforeAll
  static void client() {
    elb = Elbv2Clients.client(kecs.endpoint(), "AKIDEXAMPLE", Region.US_EAST_1);
  }

  @AfterAll
  static void close() {
    elb.close();
  }

  private static LoadBalancer alb(String name) {
    return elb.createLoadBalancer(
            r ->
                r.name(name)
                    .subnets("subnet-a", "subnet-b")
                    .securityGroups("sg-1")
                    .tags(Tag.builder().key("team").value("web").build()))
        .loadBalancers()
        .get(0);
  }

  private static TargetGroup httpGroup(String name) {
    return elb.createTargetGroup(
            r ->
                r.name(name)
                    .protocol(ProtocolEnum.HTTP)
                    .port(80)
                    .vpcId("vpc-1")
                    .targetType(TargetTypeEnum.IP))
        .targetGroups()
        .get(0);
  }

  private static Listener httpListener(LoadBalancer lb, TargetGroup tg, int port) {
    return elb.createListener(
            r ->
                r.loadBalancerArn(lb.loadBalancerArn())
                    .protocol(ProtocolEnum.HTTP)
                    .port(port)
                    .defaultActions(
                        Action.builder()
                            .type(ActionTypeEnum.FORWARD)
                            .targetGroupArn(tg.targetGroupArn())
                            .build()))
        .listeners()
        .get(0);
  }

  private static Action fixed(String status) {
    return Action.builder()
        .type(ActionTypeEnum.FIXED_RESPONSE)
        .fixedResponseConfig(f -> f.statusCode(status).contentType("text/plain").messageBody("x"))
        .build();
  }

  private static RuleCondition path(String... values) {
    return RuleCondition.builder()
        .field("path-pattern")
        .pathPatternConfig(p -> p.values(values))
        .build();
  }

  private static String code(Runnable call) {
    try {
      call.run();
    } catch (ElasticLoadBalancingV2Exception e) {
      assertThat(e.statusCode()).isBetween(400, 499);
      return e.awsErrorDetails().errorCode();
    }
    throw new AssertionError("expected an error");
  }

  @Test
  void anAlbStackAsEcsModulesBuildIt() {
    LoadBalancer lb = alb("web");
    assertThat(lb.loadBalancerArn())
        .matches(
            "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/[0-9a-f]{16}");
    assertThat(lb.dnsName()).matches("web-\\d+\\.us-east-1\\.elb\\.localhost");
    assertThat(lb.state().code()).isEqualTo(LoadBalancerStateEnum.ACTIVE);
    assertThat(lb.scheme()).isEqualTo(LoadBalancerSchemeEnum.INTERNET_FACING);
    assertThat(lb.availabilityZones())
        .extracting(AvailabilityZone::zoneName)
        .containsExactly("us-east-1a", "us-east-1b");
    assertThat(lb.canonicalHostedZoneId()).isEqualTo("Z35SXDOTRQ7X7K");
    assertThat(lb.createdTime()).isNotNull();

    TargetGroup tg = httpGroup("web-tg");
    assertThat(tg.healthCheckPath()).isEqualTo("/");
    assertThat(tg.healthCheckIntervalSeconds()).isEqualTo(30);
    assertThat(tg.healthCheckTimeoutSeconds()).isEqualTo(5);
    assertThat(tg.matcher().httpCode()).isEqualTo("200");
    assertThat(tg.protocolVersion()).isEqualTo("HTTP1");
    assertThat(tg.loadBalancerArns()).isEmpty();

    Listener listener = httpListener(lb, tg, 80);
    assertThat(listener.defaultActions().get(0).targetGroupArn()).isEqualTo(tg.targetGroupArn());
    assertThat(
            elb.describeTargetGroups(r -> r.targetGroupArns(tg.targetGroupArn()))
                .targetGroups()
                .get(0)
                .loadBalancerArns())
        .containsExactly(lb.loadBalancerArn());
    assertThat(
            elb.describeTargetGroups(r -> r.loadBalancerArn(lb.loadBalancerArn())).targetGroups())
        .hasSize(1);

    TargetGroup api = httpGroup("api-tg");
    Rule rule =
        elb.createRule(
                r ->
                    r.listenerArn(listener.listenerArn())
                        .priority(10)
                        .conditions(path("/api/*"))
                        .actions(
                            Action.builder()
                                .type(ActionTypeEnum.FORWARD)
                                .forwardConfig(
                                    f ->
                                        f.targetGroups(
                                                TargetGroupTuple.builder()
                                                    .targetGroupArn(api.targetGroupArn())
                                                    .weight(80)
                                                    .build(),
                                                TargetGroupTuple.builder()
                                                    .targetGroupArn(tg.targetGroupArn())
                                                    .weight(20)
                                                    .build())
                                            .targetGroupStickinessConfig(
                                                s -> s.enabled(true).durationSeconds(60)))
                                .build()))
            .rules()
            .get(0);
    elb.createRule(
        r ->
            r.listenerArn(listener.listenerArn())
                .priority(5)
                .conditions(
                    RuleCondition.builder()
                        .field("http-header")
                        .httpHeaderConfig(h -> h.httpHeaderName("X-Env").values("dev"))
                        .build())
                .actions(fixed("418")));
    List<Rule> rules = elb.describeRules(r -> r.listenerArn(listener.listenerArn())).rules();
    assertThat(rules).extracting(Rule::priority).containsExactly("5", "10", "default");
    assertThat(rules.get(2).isDefault()).isTrue();
    assertThat(rules.get(1).actions().get(0).forwardConfig().targetGroups()).hasSize(2);
    assertThat(
            rules
                .get(1)
                .actions()
                .get(0)
                .forwardConfig()
                .targetGroupStickinessConfig()
                .durationSeconds())
        .isEqualTo(60);

    elb.setRulePriorities(
        r ->
            r.rulePriorities(
                RulePriorityPair.builder().ruleArn(rule.ruleArn()).priority(1).build()));
    assertThat(elb.describeRules(r -> r.ruleArns(rule.ruleArn())).rules().get(0).priority())
        .isEqualTo("1");
    elb.modifyRule(r -> r.ruleArn(rule.ruleArn()).conditions(path("/v2/*")));
    assertThat(
            elb.describeRules(r -> r.ruleArns(rule.ruleArn()))
                .rules()
                .get(0)
                .conditions()
                .get(0)
                .pathPatternConfig()
                .values())
        .containsExactly("/v2/*");

    elb.registerTargets(
        r ->
            r.targetGroupArn(tg.targetGroupArn())
                .targets(t -> t.id("10.0.0.1").port(8080), t -> t.id("10.0.0.2")));
    List<TargetHealthDescription> health =
        elb.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn()))
            .targetHealthDescriptions();
    assertThat(health)
        .extracting(h -> h.target().id() + ":" + h.target().port())
        .containsExactly("10.0.0.1:8080", "10.0.0.2:80");
    assertThat(health.get(0).targetHealth().state()).isEqualTo(TargetHealthStateEnum.INITIAL);
    assertThat(health.get(0).healthCheckPort()).isEqualTo("8080");
    assertThat(
            elb.describeTargetHealth(
                    r -> r.targetGroupArn(api.targetGroupArn()).targets(t -> t.id("10.9.9.9")))
                .targetHealthDescriptions()
                .get(0)
                .targetHealth()
                .reason())
        .isEqualTo(TargetHealthReasonEnum.TARGET_NOT_REGISTERED);
    elb.deregisterTargets(
        r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("10.0.0.2")));
    assertThat(
            elb.describeTargetHealth(
                    r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("10.0.0.2")))
                .targetHealthDescriptions()
                .get(0)
                .targetHealth()
                .state())
        .isEqualTo(TargetHealthStateEnum.DRAINING);

    assertThat(code(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn()))))
        .isEqualTo("ResourceInUse");
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
    assertThat(code(() -> elb.describeListeners(r -> r.listenerArns(listener.listenerArn()))))
        .isEqualTo("ListenerNotFound");
    assertThat(code(() -> elb.describeRules(r -> r.ruleArns(rule.ruleArn()))))
        .isEqualTo("RuleNotFound");
    elb.deleteTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn()));
    assertThat(code(() -> elb.describeTargetGroups(r -> r.names("web-tg"))))
        .isEqualTo("TargetGroupNotFound");
  }

  @Test
  void attributesTagsAndPages() {
    LoadBalancer lb = alb("attrs");
    assertThat(
            elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                .attributes())
        .contains(
            LoadBalancerAttribute.builder()
                .key("idle_timeout.timeout_seconds")
                .value("60")
                .build());
    elb.modifyLoadBalancerAttributes(
        r ->
            r.loadBalancerArn(lb.loadBalancerArn())
                .attributes(a -> a.key("deletion_protection.enabled").value("true")));
    assertThat(code(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()))))
        .isEqualTo("OperationNotPermitted");
    assertThat(
            code(
                () ->
                    elb.modifyLoadBalancerAttributes(
                        r ->
                            r.loadBalancerArn(lb.loadBalancerArn())
                                .attributes(
                                    a -> a.key("idle_timeout.timeout_seconds").value("0")))))
        .isEqualTo("ValidationError");

    TargetGroup tg = httpGroup("sticky");
    elb.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(tg.targetGroupArn())
                .attributes(
                    a -> a.key("stickiness.enabled").value("true"),
                    a -> a.key("deregistration_delay.timeout_seconds").value("30")));
    assertThat(
            elb.describeTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn()))
                .attributes())
        .contains(
            TargetGroupAttribute.builder().key("stickiness.enabled").value("true").build(),
            TargetGroupAttribute.builder()
                .key("deregistration_delay.timeout_seconds")
                .value("30")
                .build(),
            TargetGroupAttribute.builder().key("stickiness.type").value("lb_cookie").build());

    elb.addTags(
        r ->
            r.resourceArns(lb.loadBalancerArn(), tg.targetGroupArn())
                .tags(Tag.builder().key("env").value("dev").build()));
    elb.removeTags(r -> r.resourceArns(lb.loadBalancerArn()).tagKeys("team"));
    List<TagDescription> tags =
        elb.describeTags(r -> r.resourceArns(lb.loadBalancerArn(), tg.targetGroupArn()))
            .tagDescriptions();
    assertThat(tags.get(0).tags()).extracting(Tag::key).containsExactly("env");
    assertThat(tags.get(1).tags()).extracting(Tag::key).containsExactly("env");

    for (int i = 0; i < 5; i++) {
      httpGroup("page-" + i);
    }
    DescribeTargetGroupsResponse first = elb.describeTargetGroups(r -> r.pageSize(2));
    assertThat(first.targetGroups()).hasSize(2);
    assertThat(first.nextMarker()).isNotNull();
    assertThat(
            elb.describeTargetGroupsPaginator(r -> r.pageSize(2)).targetGroups().stream()
                .map(TargetGroup::targetGroupName)
                .distinct()
                .count())
        .isEqualTo(6);

    ElasticLoadBalancingV2Client other =
        Elbv2Clients.client(kecs.endpoint(), "111122223333", Region.EU_WEST_1);
    assertThat(other.describeLoadBalancers().loadBalancers()).isEmpty();
    other.close();
  }

  @Test
  void errorCodes() {
    LoadBalancer lb = alb("errors");
    assertThat(alb("errors").loadBalancerArn()).isEqualTo(lb.loadBalancerArn());
    assertThat(
            code(
                () ->
                    elb.createLoadBalancer(
                        r ->
                            r.name("errors")
                                .type(LoadBalancerTypeEnum.NETWORK)
                                .subnets("subnet-a"))))
        .isEqualTo("DuplicateLoadBalancerName");
    assertThat(code(() -> elb.createLoadBalancer(r -> r.name("one").subnets("subnet-a"))))
        .isEqualTo("ValidationError");
    assertThat(code(() -> elb.createLoadBalancer(r -> r.name("-bad").subnets("a", "b"))))
        .isEqualTo("ValidationError");
    assertThat(code(() -> elb.describeLoadBalancers(r -> r.names("nope"))))
        .isEqualTo("LoadBalancerNotFound");
    assertThat(code(() -> elb.describeLoadBalancers(r -> r.pageSize(401))))
        .isEqualTo("ValidationError");
    assertThat(
            code(
                () ->
                    elb.createTargetGroup(
                        r ->
                            r.name("nohc")
                                .protocol(ProtocolEnum.HTTP)
                                .port(80)
                                .vpcId("vpc-1")
                                .healthCheckIntervalSeconds(5)
                                .healthCheckTimeoutSeconds(6))))
        .isEqualTo("ValidationError");

    TargetGroup tg = httpGroup("err-tg");
    Listener l = httpListener(lb, tg, 80);
    assertThat(code(() -> httpListener(lb, tg, 80))).isEqualTo("DuplicateListener");
    assertThat(
            code(
                () ->
                    elb.createListener(
                        r ->
                            r.loadBalancerArn(lb.loadBalancerArn())
                                .protocol(ProtocolEnum.HTTPS)
                                .port(443)
                                .defaultActions(fixed("200")))))
        .isEqualTo("CertificateNotFound");
    assertThat(
            code(
                () ->
                    elb.createListener(
                        r ->
                            r.loadBalancerArn(lb.loadBalancerArn())
                                .protocol(ProtocolEnum.TCP)
                                .port(81)
                                .defaultActions(fixed("200")))))
        .isEqualTo("UnsupportedProtocol");
    assertThat(
            code(
                () ->
                    elb.createListener(
                        r ->
                            r.loadBalancerArn(lb.loadBalancerArn())
                                .protocol(ProtocolEnum.HTTPS)
                                .port(443)
                                .sslPolicy("nope")
                                .certificates(
                                    c ->
                                        c.certificateArn(
                                            "arn:aws:acm:us-east-1:000000000000:certificate/x"))
                                .defaultActions(fixed("200")))))
        .isEqualTo("SSLPolicyNotFound");

    elb.createRule(
        r ->
            r.listenerArn(l.listenerArn())
                .priority(1)
                .conditions(path("/a"))
                .actions(fixed("200")));
    assertThat(
            code(
                () ->
                    elb.createRule(
                        r ->
                            r.listenerArn(l.listenerArn())
                                .priority(1)
                                .conditions(path("/b"))
                                .actions(fixed("200")))))
        .isEqualTo("PriorityInUse");
    assertThat(
            code(
                () ->
                    elb.createRule(
                        r ->
                            r.listenerArn(l.listenerArn())
                                .priority(2)
                                .conditions(path("/1", "/2", "/3", "/4", "/5", "/6"))
                                .actions(fixed("200")))))
        .isEqualTo("ValidationError");
    assertThat(
            code(
                () ->
                    elb.createRule(
                        r ->
                            r.listenerArn(l.listenerArn())
                                .priority(3)
                                .conditions(path("/b"))
                                .actions(
                                    Action.builder()
                                        .type(ActionTypeEnum.FORWARD)
                                        .targetGroupArn(
                                            tg.targetGroupArn().replace("err-tg", "gone"))
                                        .build()))))
        .isEqualTo("TargetGroupNotFound");
    String defaultRule =
        elb.describeRules(r -> r.listenerArn(l.listenerArn())).rules().stream()
            .filter(Rule::isDefault)
            .findFirst()
            .orElseThrow()
            .ruleArn();
    assertThat(code(() -> elb.deleteRule(r -> r.ruleArn(defaultRule))))
        .isEqualTo("OperationNotPermitted");

    LoadBalancer second = alb("second");
    assertThat(code(() -> httpListener(second, tg, 80))).isEqualTo("TargetGroupAssociationLimit");

    assertThat(
            code(
                () ->
                    elb.registerTargets(
                        r ->
                            r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("not-an-ip")))))
        .isEqualTo("InvalidTarget");
    TargetGroup fn =
        elb.createTargetGroup(r -> r.name("fn").targetType(TargetTypeEnum.LAMBDA))
            .targetGroups()
            .get(0);
    assertThat(
            code(
                () ->
                    elb.registerTargets(
                        r ->
                            r.targetGroupArn(fn.targetGroupArn())
                                .targets(
                                    t -> t.id("arn:aws:lambda:us-east-1:000000000000:function:a"),
                                    t ->
                                        t.id("arn:aws:lambda:us-east-1:000000000000:function:b")))))
        .isEqualTo("TooManyTargets");
    assertThat(
            code(
                () ->
                    elb.deregisterTargets(
                        r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("10.1.1.1")))))
        .isEqualTo("InvalidTarget");
    assertThat(
            code(
                () ->
                    elb.addTags(
                        r ->
                            r.resourceArns(lb.loadBalancerArn())
                                .tags(
                                    Tag.builder().key("a").value("1").build(),
                                    Tag.builder().key("a").value("2").build()))))
        .isEqualTo("DuplicateTagKeys");
    assertThat(code(() -> elb.describeSSLPolicies(r -> r.names("nope"))))
        .isEqualTo("SSLPolicyNotFound");
    assertThat(
            elb.describeSSLPolicies(r -> r.names("ELBSecurityPolicy-2016-08"))
                .sslPolicies()
                .get(0)
                .sslProtocols())
        .contains("TLSv1.2");
    assertThat(elb.describeAccountLimits(r -> {}).limits())
        .anyMatch(
            x -> x.name().equals("rules-per-application-load-balancer") && x.max().equals("100"));
  }
}
