package io.kecs.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.protocol.ApiAnswer;
import io.kecs.protocol.ApiCall;
import io.kecs.protocol.AwsException;
import io.kecs.protocol.ServiceModule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real request shapes, as the AWS CLI v2, the SDK for Java v2 and boto3 send them (headers captured
 * from those clients against a local endpoint), and the service the router picks for each.
 */
class ServiceRouterTest {
  private static final ServiceModule ECS =
      new FakeModule("ecs", Set.of("AmazonEC2ContainerServiceV20141113"), null, Set.of());
  private static final ServiceModule ELBV2 =
      new FakeModule(
          "elasticloadbalancing",
          Set.of(),
          "2015-12-01",
          Set.of("DescribeLoadBalancers", "CreateLoadBalancer"));
  private static final ServiceModule CLOUD_MAP =
      new FakeModule("servicediscovery", Set.of("Route53AutoNaming_v20170314"), null, Set.of());
  private static final ServiceRouter ROUTER = new ServiceRouter(List.of(ECS, ELBV2, CLOUD_MAP));

  private static String auth(String service) {
    return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/us-east-1/"
        + service
        + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd";
  }

  private static RoutingRequest req(
      String method,
      String host,
      String authorization,
      String target,
      Map<String, String> query,
      Map<String, String> form) {
    return new RoutingRequest(method, host, authorization, target, query, form);
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(
            "ECS, CLI v2",
            req(
                "POST",
                "localhost",
                auth("ecs"),
                "AmazonEC2ContainerServiceV20141113.ListClusters",
                Map.of(),
                Map.of()),
            "module:ecs"),
        Arguments.of(
            "ECS, unsigned (curl, browser dashboard)",
            req(
                "POST",
                "127.0.0.1",
                null,
                "AmazonEC2ContainerServiceV20141113.ListClusters",
                Map.of(),
                Map.of()),
            "module:ecs"),
        Arguments.of(
            "ELBv2, SDK v2 (awsQuery form)",
            req(
                "POST",
                "localhost",
                auth("elasticloadbalancing"),
                null,
                Map.of(),
                Map.of("Action", "DescribeLoadBalancers", "Version", "2015-12-01")),
            "module:elasticloadbalancing"),
        Arguments.of(
            "classic ELB shares the signing name, not the Version",
            req(
                "POST",
                "localhost",
                auth("elasticloadbalancing"),
                null,
                Map.of(),
                Map.of("Action", "DescribeLoadBalancers", "Version", "2012-06-01")),
            "backend:elasticloadbalancing"),
        Arguments.of(
            "ELBv2, unsigned form",
            req(
                "POST",
                "localhost",
                null,
                null,
                Map.of(),
                Map.of("Action", "CreateLoadBalancer", "Version", "2015-12-01")),
            "module:elasticloadbalancing"),
        Arguments.of(
            "ELBv2 action without Version: the module reports it",
            req("POST", "localhost", null, null, Map.of(), Map.of("Action", "CreateLoadBalancer")),
            "module:elasticloadbalancing"),
        Arguments.of(
            "Cloud Map, boto3",
            req(
                "POST",
                "localhost",
                auth("servicediscovery"),
                "Route53AutoNaming_v20170314.ListNamespaces",
                Map.of(),
                Map.of()),
            "module:servicediscovery"),
        Arguments.of(
            "Cloud Map data plane host prefix, unsigned",
            req(
                "POST",
                "data-servicediscovery.us-east-1.amazonaws.com",
                null,
                null,
                Map.of(),
                Map.of()),
            "module:servicediscovery"),
        Arguments.of(
            "S3 path style, CLI v2 (ls)",
            req("GET", "localhost", auth("s3"), null, Map.of("list-type", "2"), Map.of()),
            "backend:s3"),
        Arguments.of(
            "S3 virtual host, unsigned",
            req("GET", "mybucket.s3.localhost.localstack.cloud", null, null, Map.of(), Map.of()),
            "backend:s3"),
        Arguments.of(
            "S3 regional virtual host",
            req("PUT", "mybucket.s3.us-east-1.amazonaws.com", null, null, Map.of(), Map.of()),
            "backend:s3"),
        Arguments.of(
            "S3 presigned GET",
            req(
                "GET",
                "localhost",
                null,
                null,
                Map.of(
                    "X-Amz-Algorithm", "AWS4-HMAC-SHA256",
                    "X-Amz-Credential", "AKIDEXAMPLE/20261204/us-east-1/s3/aws4_request",
                    "X-Amz-Signature", "abc"),
                Map.of()),
            "backend:s3"),
        Arguments.of(
            "SQS query protocol (boto3 < 1.34)",
            req(
                "POST",
                "localhost",
                auth("sqs"),
                null,
                Map.of(),
                Map.of("Action", "SendMessage", "Version", "2012-11-05")),
            "backend:sqs"),
        Arguments.of(
            "SQS JSON protocol (CLI v2, SDK v2)",
            req("POST", "localhost", auth("sqs"), "AmazonSQS.SendMessage", Map.of(), Map.of()),
            "backend:sqs"),
        Arguments.of(
            "SQS unsigned query, by Action and Version",
            req(
                "POST",
                "localhost",
                null,
                null,
                Map.of(),
                Map.of("Action", "SendMessage", "Version", "2012-11-05")),
            "backend:null"),
        Arguments.of(
            "STS GetCallerIdentity",
            req(
                "POST",
                "localhost",
                auth("sts"),
                null,
                Map.of(),
                Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15")),
            "backend:sts"),
        Arguments.of(
            "CloudWatch Logs (awsJson 1.1)",
            req(
                "POST",
                "localhost",
                auth("logs"),
                "Logs_20140328.PutLogEvents",
                Map.of(),
                Map.of()),
            "backend:logs"),
        Arguments.of(
            "unknown awsJson target, unsigned",
            req("POST", "localhost", null, "DynamoDB_20120810.GetItem", Map.of(), Map.of()),
            "backend:null"),
        Arguments.of(
            "regional endpoint host",
            req("POST", "sqs.eu-west-1.amazonaws.com", null, null, Map.of(), Map.of()),
            "backend:sqs"),
        Arguments.of(
            "nothing names a service",
            req("GET", "localhost", null, null, Map.of(), Map.of()),
            "backend:null"),
        Arguments.of(
            "SigV2 header is no SigV4 scope: falls through to the target",
            req(
                "POST",
                "localhost",
                "AWS AKIDEXAMPLE:signature",
                "AmazonEC2ContainerServiceV20141113.ListClusters",
                Map.of(),
                Map.of()),
            "module:ecs"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void picksTheServiceClientsAddress(String name, RoutingRequest request, String expected) {
    Route route = ROUTER.route(request);
    String actual =
        switch (route) {
          case Route.ToModule m -> "module:" + m.module().signingName();
          case Route.ToBackend b -> "backend:" + b.service();
        };
    assertThat(actual).as(name + " (rule: " + route.rule() + ")").isEqualTo(expected);
  }

  private record FakeModule(
      String signingName, Set<String> targetPrefixes, String version, Set<String> operationNames)
      implements ServiceModule {
    @Override
    public Optional<String> queryVersion() {
      return Optional.ofNullable(version);
    }

    @Override
    public ApiAnswer serve(ApiCall call) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ApiAnswer error(AwsException error, String requestId) {
      throw new UnsupportedOperationException();
    }
  }
}
