package io.kecs.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.testing.KecsTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Raw awsQuery requests reach the ELBv2 module by Action and Version (unsigned), by the SigV4 scope
 * (signed), in the body or the query string; the classic ELB API (2012-06-01) does not.
 */
class Elbv2RoutingIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(String form, String authorization) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(kecs.endpoint().resolve("/"))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String signedAs(String service) {
    return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/us-east-1/"
        + service
        + "/aws4_request, SignedHeaders=host, Signature=0";
  }

  @Test
  void unsignedFormWithActionAndVersion() throws Exception {
    HttpResponse<String> r =
        post(
            "Action=CreateTargetGroup&Version=2015-12-01&Name=raw"
                + "&Protocol=HTTP&Port=80&VpcId=vpc-1&Matcher.HttpCode=200-299",
            null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/xml"));
    assertThat(r.body())
        .contains(
            "<CreateTargetGroupResponse xmlns=\"http://elasticloadbalancing"
                + ".amazonaws.com/doc/2015-12-01/\"><CreateTargetGroupResult><TargetGroups><member>")
        .contains("<HttpCode>200-299</HttpCode>")
        .contains("<RequestId>");
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        kecs.endpoint()
                            + "/?Action=DescribeTargetGroups&Version=2015-12-01&Names.member.1=raw"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).contains("<TargetGroupName>raw</TargetGroupName>");
  }

  @Test
  void errorsAreAwsQueryXml() throws Exception {
    HttpResponse<String> unknown =
        post("Action=Nope&Version=2015-12-01", signedAs("elasticloadbalancing"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("<Type>Sender</Type><Code>InvalidAction</Code>");
    HttpResponse<String> noVersion = post("Action=DescribeLoadBalancers", null);
    assertThat(noVersion.statusCode()).isEqualTo(400);
    assertThat(noVersion.body()).contains("<Code>MissingParameter</Code>");
    HttpResponse<String> missing =
        post("Action=DeleteLoadBalancer&Version=2015-12-01", signedAs("elasticloadbalancing"));
    assertThat(missing.body())
        .contains("<Code>ValidationError</Code>")
        .contains("Value null at &apos;loadBalancerArn&apos;".replace("&apos;", "'"));
    HttpResponse<String> badEnum =
        post(
            "Action=CreateLoadBalancer&Version=2015-12-01&Name=x"
                + "&Type=classic&Subnets.member.1=a&Subnets.member.2=b",
            null);
    assertThat(badEnum.body()).contains("<Code>ValidationError</Code>").contains("'type'");
  }

  @Test
  void theClassicElbApiIsNotThisModule() throws Exception {
    HttpResponse<String> r =
        post("Action=DescribeLoadBalancers&Version=2012-06-01", signedAs("elasticloadbalancing"));
    // No AWS backend in this test: the gateway's own error, in awsQuery XML.
    assertThat(r.body()).contains("<ErrorResponse>").contains("no AWS backend is configured");
    assertThat(r.body()).doesNotContain("<DescribeLoadBalancersResponse");
  }
}
