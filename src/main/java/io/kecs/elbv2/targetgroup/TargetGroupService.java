package io.kecs.elbv2.targetgroup;

import io.kecs.elbv2.common.AttributeRules;
import io.kecs.elbv2.common.Elbv2Arns;
import io.kecs.elbv2.common.Elbv2Tables;
import io.kecs.elbv2.common.Limits;
import io.kecs.elbv2.common.Marker;
import io.kecs.elbv2.common.Names;
import io.kecs.elbv2.error.DuplicateTargetGroupName;
import io.kecs.elbv2.error.ResourceInUse;
import io.kecs.elbv2.error.TargetGroupNotFound;
import io.kecs.elbv2.error.TooManyTargetGroups;
import io.kecs.elbv2.error.ValidationError;
import io.kecs.elbv2.tag.TagService;
import io.kecs.protocol.AwsQueryService;
import io.kecs.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** The target group aggregate; its targets live in the target package. */
public final class TargetGroupService {
  private static final int MAX_PAGE = 400;

  private final Elbv2Tables tables;
  private final TagService tags;

  public TargetGroupService(Elbv2Tables tables, TagService tags) {
    this.tables = tables;
    this.tags = tags;
    tags.registerResourceType("targetgroup", arn -> tables.targetGroups.get(arn).isPresent());
  }

  public void bind(AwsQueryService s) {
    s.add("CreateTargetGroup", CreateTargetGroupRequest.class, this::create);
    s.add("DescribeTargetGroups", DescribeTargetGroupsRequest.class, this::describe);
    s.add("ModifyTargetGroup", ModifyTargetGroupRequest.class, this::modify);
    s.add("DeleteTargetGroup", DeleteTargetGroupRequest.class, this::delete);
    s.add("DescribeTargetGroupAttributes", DescribeTargetGroupAttributesRequest.class, this::attrs);
    s.add(
        "ModifyTargetGroupAttributes", ModifyTargetGroupAttributesRequest.class, this::modifyAttrs);
  }

  public Optional<TargetGroup> find(String arn) {
    return arn == null ? Optional.empty() : tables.targetGroups.get(arn);
  }

  public TargetGroup require(String arn) {
    return find(arn)
        .orElseThrow(() -> new TargetGroupNotFound("Target groups '[" + arn + "]' not found"));
  }

  /** A target group as answered: with the load balancers that use it. */
  public TargetGroup view(TargetGroup tg) {
    return tg.toBuilder().loadBalancerArns(tables.loadBalancersUsing(tg.targetGroupArn())).build();
  }

  private CreateTargetGroupResponse create(RequestContext ctx, CreateTargetGroupRequest r) {
    Names.check(r.name(), "target group");
    String targetType = r.targetTypeAsString() == null ? "instance" : r.targetTypeAsString();
    TargetGroup.Builder b =
        TargetGroup.builder()
            .targetGroupName(r.name())
            .targetType(targetType)
            .healthCheckProtocol(r.healthCheckProtocolAsString())
            .healthCheckPort(r.healthCheckPort())
            .healthCheckEnabled(r.healthCheckEnabled())
            .healthCheckPath(r.healthCheckPath())
            .healthCheckIntervalSeconds(r.healthCheckIntervalSeconds())
            .healthCheckTimeoutSeconds(r.healthCheckTimeoutSeconds())
            .healthyThresholdCount(r.healthyThresholdCount())
            .unhealthyThresholdCount(r.unhealthyThresholdCount())
            .matcher(r.matcher())
            .targetControlPort(r.targetControlPort());
    if (targetType.equals("lambda")) {
      if (r.protocol() != null || r.port() != null || r.vpcId() != null) {
        throw new ValidationError(
            "Protocol, port, and VPC ID cannot be specified for target groups with target type"
                + " 'lambda'");
      }
    } else {
      if (r.protocol() == null) {
        throw new ValidationError("A protocol must be specified");
      }
      if (r.port() == null) {
        throw new ValidationError("A port must be specified");
      }
      if (r.port() < 1 || r.port() > 65535) {
        throw new ValidationError("Port '" + r.port() + "' must be from 1 to 65535");
      }
      if (r.vpcId() == null) {
        throw new ValidationError("A VPC ID must be specified");
      }
      String protocol = r.protocolAsString();
      if (targetType.equals("alb") && !protocol.equals("TCP")) {
        throw new ValidationError("Target groups with target type 'alb' must use the TCP protocol");
      }
      if (protocol.equals("GENEVE") && r.port() != 6081) {
        throw new ValidationError("Target groups with the GENEVE protocol must use port 6081");
      }
      b.protocol(protocol).port(r.port()).vpcId(r.vpcId());
      if (protocol.equals("HTTP") || protocol.equals("HTTPS")) {
        b.protocolVersion(r.protocolVersion() == null ? "HTTP1" : r.protocolVersion());
      } else if (r.protocolVersion() != null) {
        throw new ValidationError("A protocol version can only be set for HTTP and HTTPS");
      }
      if (targetType.equals("ip") || targetType.equals("instance")) {
        b.ipAddressType(r.ipAddressTypeAsString() == null ? "ipv4" : r.ipAddressTypeAsString());
      }
    }
    TargetGroup given = b.build();
    TargetGroup filled = HealthCheckDefaults.fill(given.toBuilder(), given).build();
    HealthCheckDefaults.check(filled);
    tags.check(r.tags());
    synchronized (tables.lock()) {
      Map<String, TargetGroup> inScope =
          tables.targetGroups.range(Elbv2Tables.scopePrefix(ctx.scope(), "targetgroup"));
      for (TargetGroup existing : inScope.values()) {
        if (existing.targetGroupName().equals(r.name())) {
          // ELBv2 answers the same target group to a repeated identical request.
          if (sameSettings(existing, filled)) {
            return CreateTargetGroupResponse.builder().targetGroups(view(existing)).build();
          }
          throw new DuplicateTargetGroupName(
              "A target group with the same name '"
                  + r.name()
                  + "' exists, but with different"
                  + " settings");
        }
      }
      if (inScope.size() >= Limits.TARGET_GROUPS) {
        throw new TooManyTargetGroups("The maximum number of target groups has been reached");
      }
      String arn = Elbv2Arns.targetGroup(ctx.scope(), r.name(), Elbv2Arns.newId());
      TargetGroup stored =
          tables.targetGroups.put(arn, filled.toBuilder().targetGroupArn(arn).build());
      tags.apply(arn, r.tags());
      return CreateTargetGroupResponse.builder().targetGroups(view(stored)).build();
    }
  }

  private static boolean sameSettings(TargetGroup a, TargetGroup b) {
    return Objects.equals(a.protocolAsString(), b.protocolAsString())
        && Objects.equals(a.port(), b.port())
        && Objects.equals(a.vpcId(), b.vpcId())
        && Objects.equals(a.targetTypeAsString(), b.targetTypeAsString());
  }

  private DescribeTargetGroupsResponse describe(RequestContext ctx, DescribeTargetGroupsRequest r) {
    int filters =
        (r.loadBalancerArn() != null ? 1 : 0)
            + (r.hasTargetGroupArns() ? 1 : 0)
            + (r.hasNames() ? 1 : 0);
    if (filters > 1) {
      throw new ValidationError(
          "Only one of load balancer ARN, target group ARNs or names can be specified");
    }
    List<TargetGroup> all =
        new ArrayList<>(
            tables
                .targetGroups
                .range(Elbv2Tables.scopePrefix(ctx.scope(), "targetgroup"))
                .values());
    List<TargetGroup> chosen =
        io.kecs.elbv2.common.Selection.chosen(
            all,
            r.hasTargetGroupArns() ? r.targetGroupArns() : null,
            r.hasNames() ? r.names() : null,
            this::require,
            TargetGroup::targetGroupName,
            name -> new TargetGroupNotFound("Target groups '[" + name + "]' not found"));
    if (!r.hasTargetGroupArns() && !r.hasNames() && r.loadBalancerArn() != null) {
      if (tables.loadBalancers.get(r.loadBalancerArn()).isEmpty()) {
        throw new io.kecs.elbv2.error.LoadBalancerNotFound(
            "Load balancer '" + r.loadBalancerArn() + "' not found");
      }
      chosen =
          all.stream()
              .filter(
                  t -> tables.loadBalancersUsing(t.targetGroupArn()).contains(r.loadBalancerArn()))
              .toList();
    }
    Marker.Page<TargetGroup> page =
        Marker.page(chosen, TargetGroup::targetGroupArn, r.marker(), r.pageSize(), MAX_PAGE);
    return DescribeTargetGroupsResponse.builder()
        .targetGroups(page.items().stream().map(this::view).toList())
        .nextMarker(page.nextMarker())
        .build();
  }

  private ModifyTargetGroupResponse modify(RequestContext ctx, ModifyTargetGroupRequest r) {
    synchronized (tables.lock()) {
      TargetGroup tg = require(r.targetGroupArn());
      TargetGroup.Builder b = tg.toBuilder();
      if (r.healthCheckProtocol() != null) b.healthCheckProtocol(r.healthCheckProtocolAsString());
      if (r.healthCheckPort() != null) b.healthCheckPort(r.healthCheckPort());
      if (r.healthCheckPath() != null) b.healthCheckPath(r.healthCheckPath());
      if (r.healthCheckEnabled() != null) b.healthCheckEnabled(r.healthCheckEnabled());
      if (r.healthCheckIntervalSeconds() != null) {
        b.healthCheckIntervalSeconds(r.healthCheckIntervalSeconds());
      }
      if (r.healthCheckTimeoutSeconds() != null) {
        b.healthCheckTimeoutSeconds(r.healthCheckTimeoutSeconds());
      }
      if (r.healthyThresholdCount() != null) b.healthyThresholdCount(r.healthyThresholdCount());
      if (r.unhealthyThresholdCount() != null) {
        b.unhealthyThresholdCount(r.unhealthyThresholdCount());
      }
      if (r.matcher() != null) b.matcher(r.matcher());
      TargetGroup updated = b.build();
      HealthCheckDefaults.check(updated);
      tables.targetGroups.put(tg.targetGroupArn(), updated);
      return ModifyTargetGroupResponse.builder().targetGroups(view(updated)).build();
    }
  }

  private DeleteTargetGroupResponse delete(RequestContext ctx, DeleteTargetGroupRequest r) {
    synchronized (tables.lock()) {
      TargetGroup tg = require(r.targetGroupArn());
      if (!tables.loadBalancersUsing(tg.targetGroupArn()).isEmpty()) {
        throw new ResourceInUse(
            "Target group '"
                + tg.targetGroupArn()
                + "' is currently in use by a listener or a rule");
      }
      tables.targets.deleteAll(
          tables.targets.range(Elbv2Tables.targetPrefix(tg.targetGroupArn())).keySet());
      tables.targetGroupAttributes.delete(tg.targetGroupArn());
      tags.forget(tg.targetGroupArn());
      tables.targetGroups.delete(tg.targetGroupArn());
    }
    return DeleteTargetGroupResponse.builder().build();
  }

  /** The attributes in effect: the defaults of its kind with what users set over them. */
  public Map<String, String> attributesOf(TargetGroup tg) {
    List<Map.Entry<String, String>> set =
        tables
            .targetGroupAttributes
            .get(tg.targetGroupArn())
            .map(m -> m.attributes().stream().map(a -> Map.entry(a.key(), a.value())).toList())
            .orElse(List.of());
    return TargetGroupAttributes.of(tg).merged(set);
  }

  private static List<TargetGroupAttribute> asList(Map<String, String> attributes) {
    return attributes.entrySet().stream()
        .map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  private DescribeTargetGroupAttributesResponse attrs(
      RequestContext ctx, DescribeTargetGroupAttributesRequest r) {
    return DescribeTargetGroupAttributesResponse.builder()
        .attributes(asList(attributesOf(require(r.targetGroupArn()))))
        .build();
  }

  private ModifyTargetGroupAttributesResponse modifyAttrs(
      RequestContext ctx, ModifyTargetGroupAttributesRequest r) {
    synchronized (tables.lock()) {
      TargetGroup tg = require(r.targetGroupArn());
      if (r.attributes().isEmpty()) {
        throw new ValidationError("At least one attribute must be specified");
      }
      AttributeRules rules = TargetGroupAttributes.of(tg);
      Map<String, String> current = attributesOf(tg);
      for (TargetGroupAttribute a : r.attributes()) {
        rules.check(a.key(), a.value(), "Target group");
        current.put(a.key(), a.value());
      }
      tables.targetGroupAttributes.put(
          tg.targetGroupArn(),
          ModifyTargetGroupAttributesRequest.builder()
              .targetGroupArn(tg.targetGroupArn())
              .attributes(asList(current))
              .build());
      return ModifyTargetGroupAttributesResponse.builder().attributes(asList(current)).build();
    }
  }
}
