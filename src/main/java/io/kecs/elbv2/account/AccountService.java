package io.kecs.elbv2.account;

import io.kecs.elbv2.common.Limits;
import io.kecs.elbv2.common.Marker;
import io.kecs.elbv2.error.SSLPolicyNotFound;
import io.kecs.elbv2.error.ValidationError;
import io.kecs.protocol.AwsQueryService;
import io.kecs.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Limit;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;

/** DescribeAccountLimits and DescribeSSLPolicies. */
public final class AccountService {
  private static final int MAX_PAGE = 400;

  public void bind(AwsQueryService s) {
    s.add("DescribeAccountLimits", DescribeAccountLimitsRequest.class, this::limits);
    s.add("DescribeSSLPolicies", DescribeSslPoliciesRequest.class, this::policies);
  }

  private DescribeAccountLimitsResponse limits(RequestContext ctx, DescribeAccountLimitsRequest r) {
    List<Limit> all =
        Limits.byName().entrySet().stream()
            .map(e -> Limit.builder().name(e.getKey()).max(String.valueOf(e.getValue())).build())
            .toList();
    Marker.Page<Limit> page = Marker.page(all, Limit::name, r.marker(), r.pageSize(), MAX_PAGE);
    return DescribeAccountLimitsResponse.builder()
        .limits(page.items())
        .nextMarker(page.nextMarker())
        .build();
  }

  private DescribeSslPoliciesResponse policies(RequestContext ctx, DescribeSslPoliciesRequest r) {
    List<SslPolicy> chosen = SslPolicies.all();
    if (r.hasNames()) {
      chosen = new ArrayList<>();
      for (String name : r.names()) {
        chosen.add(
            SslPolicies.find(name)
                .orElseThrow(() -> new SSLPolicyNotFound("SSL policy '" + name + "' not found")));
      }
    }
    if (r.loadBalancerTypeAsString() != null) {
      String type = r.loadBalancerTypeAsString();
      if (type.equals("gateway")) {
        throw new ValidationError("Gateway Load Balancers have no SSL policies");
      }
      chosen = chosen.stream().filter(p -> p.supportedLoadBalancerTypes().contains(type)).toList();
    }
    Marker.Page<SslPolicy> page =
        Marker.page(
            chosen.stream().sorted(java.util.Comparator.comparing(SslPolicy::name)).toList(),
            SslPolicy::name,
            r.marker(),
            r.pageSize(),
            MAX_PAGE);
    return DescribeSslPoliciesResponse.builder()
        .sslPolicies(page.items())
        .nextMarker(page.nextMarker())
        .build();
  }
}
