package io.kecs.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.protocols.query.AwsQueryProtocolFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;

/**
 * The awsQuery codec against the AWS SDK's own query marshaller and XML unmarshaller, over every
 * ELBv2 operation: each request, filled from the model (nested lists, maps, timestamps, booleans,
 * numbers), marshalled by the SDK and read by the codec, comes back equal; each response written by
 * the codec and parsed by the SDK comes back equal. Plus golden XML for one answer.
 */
class AwsQueryCodecTest {
  private static final String NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
  private final AwsQueryCodec codec = new AwsQueryCodec(NS);
  private final AwsQueryProtocolFactory sdk =
      AwsQueryProtocolFactory.builder()
          .clientConfiguration(
              SdkClientConfiguration.builder()
                  .option(SdkClientOption.ENDPOINT, URI.create("http://localhost"))
                  .build())
          .build();

  @Test
  void everyRequestMarshalledByTheSdkReadsBackEqual() throws Exception {
    List<String> checked = new ArrayList<>();
    for (Method op : operations()) {
      Class<?> requestType = op.getParameterTypes()[0];
      SdkPojo request = new ModelFiller().fill(requestType);
      Map<String, String> form = sdkForm(requestType, request);
      assertThat(codec.read(form, requestType.asSubclass(SdkPojo.class)))
          .as(requestType.getSimpleName() + " from " + form)
          .isEqualTo(request);
      checked.add(requestType.getSimpleName());
    }
    assertThat(checked).hasSize(51);
  }

  @Test
  void everyResponseWrittenByTheCodecParsesBackEqualInTheSdk() throws Exception {
    int checked = 0;
    for (Method op : operations()) {
      Class<?> responseType = op.getReturnType();
      SdkPojo response = new ModelFiller().fill(responseType);
      String action = responseType.getSimpleName().replaceFirst("Response$", "");
      byte[] xml = codec.write(action, response, "req-1");
      assertThat(sdkParse(responseType, xml))
          .as(new String(xml, StandardCharsets.UTF_8))
          .isEqualTo(response);
      checked++;
    }
    assertThat(checked).isEqualTo(51);
  }

  @Test
  void emptyListsAndBooleansAndNestedMembers() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("Action", "CreateLoadBalancer");
    form.put("Name", "web");
    form.put("Subnets", "");
    form.put("SubnetMappings.member.2.SubnetId", "subnet-b");
    form.put("SubnetMappings.member.1.SubnetId", "subnet-a");
    form.put("SubnetMappings.member.1.AllocationId", "eipalloc-1");
    form.put("Tags.member.1.Key", "env");
    form.put("Tags.member.1.Value", "dev");
    CreateLoadBalancerRequest r = codec.read(form, CreateLoadBalancerRequest.class);
    assertThat(r.subnets()).isEmpty();
    assertThat(r.hasSubnets()).isTrue();
    assertThat(r.hasSecurityGroups()).isFalse();
    assertThat(r.subnetMappings())
        .extracting(m -> m.subnetId() + "/" + m.allocationId())
        .containsExactly("subnet-a/eipalloc-1", "subnet-b/null");
    assertThat(r.tags().get(0).value()).isEqualTo("dev");

    Map<String, String> attrs =
        Map.of(
            "TargetGroupArn", "arn",
            "Attributes.member.1.Key", "stickiness.enabled",
            "Attributes.member.1.Value", "true");
    assertThat(codec.read(attrs, ModifyTargetGroupAttributesRequest.class).attributes()).hasSize(1);
  }

  @Test
  void badInputIsAValidationError() {
    assertThatThrownBy(() -> codec.read(Map.of(), CreateLoadBalancerRequest.class))
        .isInstanceOf(RequestValidationException.class)
        .hasMessageContaining("Value null at 'name'");
    assertThatThrownBy(
            () ->
                codec.read(
                    Map.of("Name", "a", "Scheme", "public"), CreateLoadBalancerRequest.class))
        .hasMessageContaining("Value 'public' at 'scheme'")
        .hasMessageContaining("internet-facing");
    assertThatThrownBy(
            () ->
                codec.read(
                    Map.of("Name", "a", "Subnets.member.x", "s"), CreateLoadBalancerRequest.class))
        .isInstanceOf(RequestValidationException.class);
    assertThatThrownBy(
            () ->
                codec.read(
                    Map.of("TargetGroupArn", "a", "HealthCheckEnabled", "yes"),
                    software.amazon.awssdk.services.elasticloadbalancingv2.model
                        .ModifyTargetGroupRequest.class))
        .hasMessageContaining("must be true or false");
    assertThatThrownBy(
            () ->
                codec.read(
                    Map.of(
                        "TargetGroupArn",
                        "a",
                        "HealthCheckPort",
                        "1",
                        "HealthCheckTimeoutSeconds",
                        "x"),
                    software.amazon.awssdk.services.elasticloadbalancingv2.model
                        .ModifyTargetGroupRequest.class))
        .hasMessageContaining("'healthCheckTimeoutSeconds'");
  }

  @Test
  void goldenDescribeLoadBalancersAnswer() {
    LoadBalancer lb =
        LoadBalancer.builder()
            .loadBalancerName("web")
            .createdTime(Instant.parse("2026-12-04T20:00:00Z"))
            .state(LoadBalancerState.builder().code("active").build())
            .availabilityZones(AvailabilityZone.builder().zoneName("us-east-1a").build())
            .securityGroups(List.of())
            .build();
    String xml =
        new String(
            codec.write(
                "DescribeLoadBalancers",
                DescribeLoadBalancersResponse.builder().loadBalancers(lb).build(),
                "r-1"),
            StandardCharsets.UTF_8);
    assertThat(xml)
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<DescribeLoadBalancersResponse xmlns=\""
                + NS
                + "\"><DescribeLoadBalancersResult><LoadBalancers><member>"
                + "<CreatedTime>2026-12-04T20:00:00.000Z</CreatedTime>"
                + "<LoadBalancerName>web</LoadBalancerName>"
                + "<State><Code>active</Code></State>"
                + "<AvailabilityZones><member><ZoneName>us-east-1a</ZoneName></member>"
                + "</AvailabilityZones><SecurityGroups></SecurityGroups>"
                + "</member></LoadBalancers></DescribeLoadBalancersResult>"
                + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
                + "</DescribeLoadBalancersResponse>");
  }

  @Test
  void errorsAreErrorResponses() {
    String xml =
        new String(
            codec.writeError(new AwsException("PriorityInUse", 400, "Priority '1' is in use"), "r"),
            StandardCharsets.UTF_8);
    assertThat(xml)
        .contains(
            "<ErrorResponse xmlns=\""
                + NS
                + "\"><Error><Type>Sender</Type>"
                + "<Code>PriorityInUse</Code><Message>Priority '1' is in use</Message>"
                + "</Error><RequestId>r</RequestId></ErrorResponse>");
  }

  private static List<Method> operations() {
    List<Method> out = new ArrayList<>();
    for (Method m : ElasticLoadBalancingV2Client.class.getMethods()) {
      if (m.getParameterCount() == 1
          && AwsRequest.class.isAssignableFrom(m.getParameterTypes()[0])
          && !m.getReturnType().getSimpleName().contains("Iterable")) {
        out.add(m);
      }
    }
    return out;
  }

  private Map<String, String> sdkForm(Class<?> requestType, SdkPojo request) throws Exception {
    String marshaller =
        "software.amazon.awssdk.services.elasticloadbalancingv2.transform."
            + requestType.getSimpleName()
            + "Marshaller";
    Object m =
        Class.forName(marshaller).getConstructor(AwsQueryProtocolFactory.class).newInstance(sdk);
    SdkHttpFullRequest http =
        (SdkHttpFullRequest) m.getClass().getMethod("marshall", requestType).invoke(m, request);
    Map<String, String> form = new LinkedHashMap<>();
    http.rawQueryParameters().forEach((k, v) -> form.put(k, v.isEmpty() ? "" : v.get(0)));
    if (http.contentStreamProvider().isPresent()) {
      byte[] body = http.contentStreamProvider().get().newStream().readAllBytes();
      form.putAll(FormBody.decode(body));
    }
    return form;
  }

  private Object sdkParse(Class<?> responseType, byte[] xml) throws Exception {
    Method builder = responseType.getMethod("builder");
    var handler = sdk.createResponseHandler(() -> (SdkPojo) invoke(builder));
    SdkHttpFullResponse http =
        SdkHttpFullResponse.builder()
            .statusCode(200)
            .content(AbortableInputStream.create(new java.io.ByteArrayInputStream(xml)))
            .build();
    Object parsed = handler.handle(http, new ExecutionAttributes());
    // The SDK adds the response metadata; compare the modeled members only.
    Object copy = invoke(builder);
    for (var f : ((SdkPojo) parsed).sdkFields()) {
      f.set(copy, f.getValueOrDefault(parsed));
    }
    return ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) copy).build();
  }

  private static Object invoke(Method m) {
    try {
      return m.invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
