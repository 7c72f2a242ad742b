package io.kecs.elbv2.loadbalancer;

import io.kecs.clock.Scheduler;
import io.kecs.elbv2.common.AttributeRules;
import io.kecs.elbv2.common.Elbv2Arns;
import io.kecs.elbv2.common.Elbv2Tables;
import io.kecs.elbv2.common.Limits;
import io.kecs.elbv2.common.Marker;
import io.kecs.elbv2.common.Names;
import io.kecs.elbv2.error.DuplicateLoadBalancerName;
import io.kecs.elbv2.error.InvalidConfigurationRequest;
import io.kecs.elbv2.error.LoadBalancerNotFound;
import io.kecs.elbv2.error.OperationNotPermitted;
import io.kecs.elbv2.error.TooManyLoadBalancers;
import io.kecs.elbv2.error.ValidationError;
import io.kecs.elbv2.tag.TagService;
import io.kecs.protocol.AwsQueryService;
import io.kecs.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** The load balancer aggregate; listeners and rules go with their load balancer. */
public final class LoadBalancerService {
  private static final int MAX_PAGE = 400;

  private final Elbv2Tables tables;
  private final TagService tags;
  private final Scheduler clock;
  private final List<Consumer<String>> deleteListeners = new CopyOnWriteArrayList<>();

  public LoadBalancerService(Elbv2Tables tables, TagService tags, Scheduler clock) {
    this.tables = tables;
    this.tags = tags;
    this.clock = clock;
    tags.registerResourceType("loadbalancer", arn -> tables.loadBalancers.get(arn).isPresent());
  }

  public void bind(AwsQueryService s) {
    s.add("CreateLoadBalancer", CreateLoadBalancerRequest.class, this::create);
    s.add("DescribeLoadBalancers", DescribeLoadBalancersRequest.class, this::describe);
    s.add("DeleteLoadBalancer", DeleteLoadBalancerRequest.class, this::delete);
    s.add(
        "DescribeLoadBalancerAttributes", DescribeLoadBalancerAttributesRequest.class, this::attrs);
    s.add("ModifyLoadBalancerAttributes", ModifyLoadBalancerAttributesRequest.class, this::modify);
    s.add("SetSubnets", SetSubnetsRequest.class, this::setSubnets);
    s.add("SetSecurityGroups", SetSecurityGroupsRequest.class, this::setSecurityGroups);
    s.add("SetIpAddressType", SetIpAddressTypeRequest.class, this::setIpAddressType);
  }

  /** Runs with the ARN of each deleted load balancer, under the write lock. */
  public void onDelete(Consumer<String> listener) {
    deleteListeners.add(listener);
  }

  public Optional<LoadBalancer> find(String arn) {
    return arn == null ? Optional.empty() : tables.loadBalancers.get(arn);
  }

  public LoadBalancer require(String arn) {
    return find(arn)
        .orElseThrow(() -> new LoadBalancerNotFound("Load balancer '" + arn + "' not found"));
  }

  private CreateLoadBalancerResponse create(RequestContext ctx, CreateLoadBalancerRequest r) {
    String name = r.name();
    Names.check(name, "load balancer");
    if (name.startsWith("internal-")) {
      throw new ValidationError("Load balancer names cannot begin with 'internal-'");
    }
    String type = r.typeAsString() == null ? "application" : r.typeAsString();
    String scheme = r.schemeAsString() == null ? "internet-facing" : r.schemeAsString();
    String ipType = r.ipAddressTypeAsString() == null ? "ipv4" : r.ipAddressTypeAsString();
    if (type.equals("gateway") && r.hasSecurityGroups()) {
      throw new ValidationError("Security groups are not supported for Gateway Load Balancers");
    }
    if (type.equals("gateway") && r.schemeAsString() != null) {
      throw new ValidationError("A scheme cannot be specified for Gateway Load Balancers");
    }
    checkIpAddressType(type, ipType);
    List<AvailabilityZone> zones =
        Subnets.zones(type, ctx.region(), r.subnets(), r.subnetMappings());
    tags.check(r.tags());
    synchronized (tables.lock()) {
      String prefix = Elbv2Tables.scopePrefix(ctx.scope(), "loadbalancer");
      Map<String, LoadBalancer> inScope = tables.loadBalancers.range(prefix);
      for (LoadBalancer existing : inScope.values()) {
        if (existing.loadBalancerName().equals(name)) {
          // ELBv2 answers the same load balancer to a repeated identical request.
          if (existing.typeAsString().equals(type) && existing.schemeAsString().equals(scheme)) {
            return CreateLoadBalancerResponse.builder().loadBalancers(existing).build();
          }
          throw new DuplicateLoadBalancerName(
              "A load balancer with the same name '"
                  + name
                  + "' exists, but with different settings");
        }
      }
      long sameType = inScope.values().stream().filter(l -> l.typeAsString().equals(type)).count();
      if (sameType >= Limits.LOAD_BALANCERS) {
        throw new TooManyLoadBalancers(
            "The maximum number of load balancers of type '" + type + "' has been reached");
      }
      String id = Elbv2Arns.newId();
      String arn = Elbv2Arns.loadBalancer(ctx.scope(), type, name, id);
      LoadBalancer.Builder lb =
          LoadBalancer.builder()
              .loadBalancerArn(arn)
              .loadBalancerName(name)
              .type(type)
              .createdTime(clock.now())
              .vpcId(Subnets.defaultVpc(ctx.scope()))
              .state(LoadBalancerState.builder().code(LoadBalancerStateEnum.ACTIVE).build())
              .availabilityZones(zones)
              .ipAddressType(ipType);
      if (!type.equals("gateway")) {
        lb.scheme(scheme)
            .dnsName(Elbv2Arns.dnsName(name, scheme, ctx.region(), id))
            .canonicalHostedZoneId(HostedZones.of(type, ctx.region()));
        if (r.hasSecurityGroups() || type.equals("application")) {
          lb.securityGroups(r.securityGroups());
        }
      } else {
        lb.scheme("internal");
      }
      if (r.customerOwnedIpv4Pool() != null) {
        lb.customerOwnedIpv4Pool(r.customerOwnedIpv4Pool());
      }
      if (r.ipamPools() != null) {
        lb.ipamPools(r.ipamPools());
      }
      LoadBalancer stored = tables.loadBalancers.put(arn, lb.build());
      tags.apply(arn, r.tags());
      return CreateLoadBalancerResponse.builder().loadBalancers(stored).build();
    }
  }

  private DescribeLoadBalancersResponse describe(
      RequestContext ctx, DescribeLoadBalancersRequest r) {
    if (r.hasLoadBalancerArns() && r.hasNames()) {
      throw new ValidationError(
          "Load balancer names and load balancer ARNs cannot be specified at the same time");
    }
    List<LoadBalancer> all =
        new ArrayList<>(
            tables
                .loadBalancers
                .range(Elbv2Tables.scopePrefix(ctx.scope(), "loadbalancer"))
                .values());
    List<LoadBalancer> chosen =
        io.kecs.elbv2.common.Selection.chosen(
            all,
            r.hasLoadBalancerArns() ? r.loadBalancerArns() : null,
            r.hasNames() ? r.names() : null,
            this::require,
            LoadBalancer::loadBalancerName,
            name -> new LoadBalancerNotFound("Load balancers '[" + name + "]' not found"));
    Marker.Page<LoadBalancer> page =
        Marker.page(chosen, LoadBalancer::loadBalancerArn, r.marker(), r.pageSize(), MAX_PAGE);
    return DescribeLoadBalancersResponse.builder()
        .loadBalancers(page.items())
        .nextMarker(page.nextMarker())
        .build();
  }

  private DeleteLoadBalancerResponse delete(RequestContext ctx, DeleteLoadBalancerRequest r) {
    synchronized (tables.lock()) {
      LoadBalancer lb = require(r.loadBalancerArn());
      if ("true".equals(attributesOf(lb).get("deletion_protection.enabled"))) {
        throw new OperationNotPermitted(
            "Load balancer '"
                + lb.loadBalancerArn()
                + "' cannot be deleted because deletion protection is enabled");
      }
      deleteListeners.forEach(l -> l.accept(lb.loadBalancerArn()));
      tables.loadBalancerAttributes.delete(lb.loadBalancerArn());
      tags.forget(lb.loadBalancerArn());
      tables.loadBalancers.delete(lb.loadBalancerArn());
    }
    return DeleteLoadBalancerResponse.builder().build();
  }

  /** The attributes in effect: the type's defaults with what users set over them. */
  public Map<String, String> attributesOf(LoadBalancer lb) {
    List<Map.Entry<String, String>> set =
        tables
            .loadBalancerAttributes
            .get(lb.loadBalancerArn())
            .map(m -> m.attributes().stream().map(a -> Map.entry(a.key(), a.value())).toList())
            .orElse(List.of());
    return LoadBalancerAttributes.of(lb.typeAsString()).merged(set);
  }

  private static List<LoadBalancerAttribute> asList(Map<String, String> attributes) {
    return attributes.entrySet().stream()
        .map(e -> LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  private DescribeLoadBalancerAttributesResponse attrs(
      RequestContext ctx, DescribeLoadBalancerAttributesRequest r) {
    return DescribeLoadBalancerAttributesResponse.builder()
        .attributes(asList(attributesOf(require(r.loadBalancerArn()))))
        .build();
  }

  private ModifyLoadBalancerAttributesResponse modify(
      RequestContext ctx, ModifyLoadBalancerAttributesRequest r) {
    synchronized (tables.lock()) {
      LoadBalancer lb = require(r.loadBalancerArn());
      AttributeRules rules = LoadBalancerAttributes.of(lb.typeAsString());
      if (r.attributes().isEmpty()) {
        throw new ValidationError("At least one attribute must be specified");
      }
      Map<String, String> current = attributesOf(lb);
      for (LoadBalancerAttribute a : r.attributes()) {
        rules.check(a.key(), a.value(), "Load balancer");
        current.put(a.key(), a.value());
      }
      tables.loadBalancerAttributes.put(
          lb.loadBalancerArn(),
          ModifyLoadBalancerAttributesRequest.builder()
              .loadBalancerArn(lb.loadBalancerArn())
              .attributes(asList(current))
              .build());
      return ModifyLoadBalancerAttributesResponse.builder().attributes(asList(current)).build();
    }
  }

  private SetSubnetsResponse setSubnets(RequestContext ctx, SetSubnetsRequest r) {
    synchronized (tables.lock()) {
      LoadBalancer lb = require(r.loadBalancerArn());
      List<AvailabilityZone> zones =
          Subnets.zones(lb.typeAsString(), ctx.region(), r.subnets(), r.subnetMappings());
      LoadBalancer.Builder b = lb.toBuilder().availabilityZones(zones);
      if (r.ipAddressTypeAsString() != null) {
        checkIpAddressType(lb.typeAsString(), r.ipAddressTypeAsString());
        b.ipAddressType(r.ipAddressTypeAsString());
      }
      LoadBalancer updated = tables.loadBalancers.put(lb.loadBalancerArn(), b.build());
      return SetSubnetsResponse.builder()
          .availabilityZones(zones)
          .ipAddressType(updated.ipAddressTypeAsString())
          .build();
    }
  }

  private SetSecurityGroupsResponse setSecurityGroups(
      RequestContext ctx, SetSecurityGroupsRequest r) {
    synchronized (tables.lock()) {
      LoadBalancer lb = require(r.loadBalancerArn());
      if (lb.typeAsString().equals("gateway")) {
        throw new InvalidConfigurationRequest(
            "Security groups are not supported for Gateway Load Balancers");
      }
      if (lb.typeAsString().equals("network") && !lb.hasSecurityGroups()) {
        throw new InvalidConfigurationRequest(
            "Security groups cannot be added to a Network Load Balancer created without them");
      }
      tables.loadBalancers.put(
          lb.loadBalancerArn(), lb.toBuilder().securityGroups(r.securityGroups()).build());
      return SetSecurityGroupsResponse.builder()
          .securityGroupIds(r.securityGroups())
          .enforceSecurityGroupInboundRulesOnPrivateLinkTraffic(
              r.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic())
          .build();
    }
  }

  private SetIpAddressTypeResponse setIpAddressType(RequestContext ctx, SetIpAddressTypeRequest r) {
    synchronized (tables.lock()) {
      LoadBalancer lb = require(r.loadBalancerArn());
      checkIpAddressType(lb.typeAsString(), r.ipAddressTypeAsString());
      tables.loadBalancers.put(
          lb.loadBalancerArn(), lb.toBuilder().ipAddressType(r.ipAddressTypeAsString()).build());
      return SetIpAddressTypeResponse.builder().ipAddressType(r.ipAddressTypeAsString()).build();
    }
  }

  private static void checkIpAddressType(String type, String ipType) {
    if (ipType.equals("dualstack-without-public-ipv4") && !type.equals("application")) {
      throw new ValidationError(
          "IP address type 'dualstack-without-public-ipv4' is only supported by Application Load"
              + " Balancers");
    }
  }
}
