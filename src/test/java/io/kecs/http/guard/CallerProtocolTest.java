package io.kecs.http.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Refusals in the protocol the caller speaks. */
class CallerProtocolTest {

  @Test
  void guessesTheProtocolFromTheRequest() {
    assertThat(CallerProtocol.guess("AmazonEC2ContainerServiceV20141113.ListClusters", null, null))
        .isEqualTo(CallerProtocol.AWS_JSON);
    assertThat(CallerProtocol.guess(null, "application/x-www-form-urlencoded; charset=utf-8", null))
        .isEqualTo(CallerProtocol.AWS_QUERY);
    assertThat(CallerProtocol.guess(null, null, "Action=DescribeLoadBalancers&Version=1"))
        .isEqualTo(CallerProtocol.AWS_QUERY);
    assertThat(CallerProtocol.guess(null, "text/plain", null)).isEqualTo(CallerProtocol.PLAIN_JSON);
  }

  @Test
  void rendersAwsJsonAndAwsQueryErrors() {
    CallerProtocol.Rendered json =
        CallerProtocol.AWS_JSON.render(
            403,
            "AccessDeniedException",
            "AccessDenied",
            "no <way>",
            "rid",
            "application/x-amz-json-1.0");
    assertThat(json.contentType()).isEqualTo("application/x-amz-json-1.0");
    assertThat(json.headers()).containsEntry("x-amzn-ErrorType", "AccessDeniedException");
    assertThat(new String(json.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"__type\":\"AccessDeniedException\",\"message\":\"no <way>\"}");

    CallerProtocol.Rendered xml =
        CallerProtocol.AWS_QUERY.render(
            403, "AccessDeniedException", "AccessDenied", "no <way>", "rid", null);
    assertThat(xml.contentType()).isEqualTo("text/xml");
    assertThat(new String(xml.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no"
                + " &lt;way&gt;</Message></Error><RequestId>rid</RequestId></ErrorResponse>");
  }
}
