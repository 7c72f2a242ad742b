package io.kecs.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * ELBv2 set-up for ECS tests: target groups behind a load balancer's listener, as ECS requires of a
 * service's {@code loadBalancers}.
 */
public final class LoadBalancers implements AutoCloseable {
  private final ElasticLoadBalancingV2Client elb;

  public LoadBalancers(URI endpoint) {
    this.elb =
        ElasticLoadBalancingV2Client.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
            .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
            .httpClientBuilder(ApacheHttpClient.builder())
            .build();
  }

  public ElasticLoadBalancingV2Client client() {
    return elb;
  }

  /** An HTTP target group of {@code type} on port 80, not yet used by any load balancer. */
  public String group(String name, TargetTypeEnum type) {
    return elb.createTargetGroup(
            r -> r.name(name).protocol(ProtocolEnum.HTTP).port(80).vpcId("vpc-1").targetType(type))
        .targetGroups()
        .get(0)
        .targetGroupArn();
  }

  /** An application load balancer named {@code name} whose listener on {@code port} forwards. */
  public String forwardTo(String name, int port, String targetGroupArn) {
    String lb =
        elb.createLoadBalancer(r -> r.name(name).subnets("subnet-a", "subnet-b"))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    elb.createListener(
        r ->
            r.loadBalancerArn(lb)
                .protocol(ProtocolEnum.HTTP)
                .port(port)
                .defaultActions(
                    Action.builder()
                        .type(ActionTypeEnum.FORWARD)
                        .targetGroupArn(targetGroupArn)
                        .build()));
    return lb;
  }

  /** A target group of {@code type} behind a new load balancer's listener on port 80. */
  public String servedGroup(String name, TargetTypeEnum type) {
    String tg = group(name, type);
    forwardTo(name + "-lb", 80, tg);
    return tg;
  }

  /** Sets how long deregistered targets of a group drain. */
  public void deregistrationDelay(String targetGroupArn, int seconds) {
    elb.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(targetGroupArn)
                .attributes(
                    a -> a.key("deregistration_delay.timeout_seconds").value("" + seconds)));
  }

  @Override
  public void close() {
    elb.close();
  }
}
