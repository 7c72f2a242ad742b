package io.kecs.elbv2.dataplane;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/**
 * Load balancers, target groups and listeners made through the SDK, and plain HTTP to a load
 * balancer: java.net.http sends requests for {@code http://<DNS name>:<port>/...} to KECS's port as
 * to an HTTP proxy (absolute-form request line, Host the DNS name), so no name is resolved.
 */
final class LoadBalancerFixture implements AutoCloseable {
  final ElasticLoadBalancingV2Client elb;
  final HttpClient http;
  private final URI endpoint;

  LoadBalancerFixture(URI endpoint) {
    this.endpoint = endpoint;
    elb =
        ElasticLoadBalancingV2Client.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x")))
            .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
            .httpClientBuilder(ApacheHttpClient.builder())
            .build();
    http =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", endpoint.getPort())))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  LoadBalancer alb(String name) {
    return elb.createLoadBalancer(r -> r.name(name).subnets("subnet-a", "subnet-b"))
        .loadBalancers()
        .get(0);
  }

  TargetGroup group(
      String name, java.util.function.Consumer<CreateTargetGroupRequest.Builder> more) {
    return elb.createTargetGroup(
            r -> {
              r.name(name)
                  .protocol(ProtocolEnum.HTTP)
                  .port(80)
                  .vpcId("vpc-1")
                  .targetType(TargetTypeEnum.IP)
                  .healthCheckIntervalSeconds(5)
                  .healthCheckTimeoutSeconds(2)
                  .healthyThresholdCount(2)
                  .unhealthyThresholdCount(2);
              more.accept(r);
            })
        .targetGroups()
        .get(0);
  }

  Listener listener(LoadBalancer lb, int port, Action defaultAction) {
    return elb.createListener(
            r ->
                r.loadBalancerArn(lb.loadBalancerArn())
                    .protocol(ProtocolEnum.HTTP)
                    .port(port)
                    .defaultActions(defaultAction))
        .listeners()
        .get(0);
  }

  static Action forward(TargetGroup tg) {
    return Action.builder()
        .type(ActionTypeEnum.FORWARD)
        .targetGroupArn(tg.targetGroupArn())
        .build();
  }

  static Action fixed(int status, String body) {
    return Action.builder()
        .type(ActionTypeEnum.FIXED_RESPONSE)
        .fixedResponseConfig(f -> f.statusCode(Integer.toString(status)).messageBody(body))
        .build();
  }

  void register(TargetGroup tg, String ip, int port) {
    elb.registerTargets(
        r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id(ip).port(port)));
  }

  /** The URI of {@code path} on a load balancer, addressed by DNS name and KECS's port. */
  URI uri(LoadBalancer lb, String pathAndQuery) {
    return URI.create("http://" + lb.dnsName() + ":" + endpoint.getPort() + pathAndQuery);
  }

  HttpResponse<String> get(LoadBalancer lb, String pathAndQuery) throws Exception {
    return send(HttpRequest.newBuilder(uri(lb, pathAndQuery)).GET());
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits (bounded) until the target's health satisfies {@code test}. */
  TargetHealth awaitHealth(TargetGroup tg, String ip, int port, Predicate<TargetHealth> test)
      throws InterruptedException {
    TargetHealth last = null;
    for (int i = 0; i < 300; i++) {
      last =
          elb.describeTargetHealth(
                  r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id(ip).port(port)))
              .targetHealthDescriptions()
              .get(0)
              .targetHealth();
      if (test.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("target " + ip + ":" + port + " stayed " + last);
  }

  static Predicate<TargetHealth> state(String state) {
    return h -> state.equals(h.stateAsString());
  }

  @Override
  public void close() {
    elb.close();
    http.close();
  }
}
