package io.kecs.elbv2.loadbalancer;

import io.kecs.elbv2.error.InvalidConfigurationRequest;
import io.kecs.elbv2.error.ValidationError;
import io.kecs.identity.Scope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAddress;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping;

/**
 * Subnets as KECS sees them without EC2: each subnet a load balancer names is in its own zone of
 * the region ({@code <region>a}, {@code b}, ... in the order given), and every subnet of a scope is
 * in one VPC, the scope's default VPC, whose id is derived from the account and region so it is
 * stable across restarts.
 */
final class Subnets {
  private Subnets() {}

  static String defaultVpc(Scope scope) {
    return "vpc-" + String.format("%08x", (scope.account() + "/" + scope.region()).hashCode());
  }

  /** The zones of the given subnets or subnet mappings (exactly one of them non-empty). */
  static List<AvailabilityZone> zones(
      String type, String region, List<String> subnets, List<SubnetMapping> mappings) {
    if (!subnets.isEmpty() && !mappings.isEmpty()) {
      throw new ValidationError("You can specify subnets or subnet mappings, not both");
    }
    List<SubnetMapping> all = new ArrayList<>(mappings);
    subnets.forEach(s -> all.add(SubnetMapping.builder().subnetId(s).build()));
    Set<String> ids = new LinkedHashSet<>();
    for (SubnetMapping m : all) {
      if (m.subnetId() == null || m.subnetId().isEmpty()) {
        throw new ValidationError("A subnet ID must be specified for each subnet mapping");
      }
      if (!ids.add(m.subnetId())) {
        throw new InvalidConfigurationRequest(
            "Subnet '" + m.subnetId() + "' is specified more than once");
      }
      if (type.equals("application")
          && (m.allocationId() != null || m.privateIPv4Address() != null)) {
        throw new InvalidConfigurationRequest(
            "Elastic IP and private IP addresses are not supported for Application Load Balancers");
      }
    }
    if (type.equals("application") && all.size() < 2) {
      throw new ValidationError(
          "At least two subnets in two different Availability Zones must be specified");
    }
    if (all.isEmpty()) {
      throw new ValidationError("At least one subnet must be specified");
    }
    List<AvailabilityZone> zones = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      SubnetMapping m = all.get(i);
      AvailabilityZone.Builder z =
          AvailabilityZone.builder()
              .zoneName(region + (char) ('a' + i % 26))
              .subnetId(m.subnetId());
      if (m.allocationId() != null || m.privateIPv4Address() != null || m.iPv6Address() != null) {
        z.loadBalancerAddresses(
            LoadBalancerAddress.builder()
                .allocationId(m.allocationId())
                .privateIPv4Address(m.privateIPv4Address())
                .iPv6Address(m.iPv6Address())
                .build());
      }
      zones.add(z.build());
    }
    return zones;
  }
}
