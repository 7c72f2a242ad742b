package io.kecs.elbv2.loadbalancer;

import io.kecs.clock.Scheduler;
import io.kecs.elbv2.common.Elbv2Tables;
import io.kecs.elbv2.error.CapacityDecreaseRequestLimitExceeded;
import io.kecs.elbv2.error.CapacityUnitsLimitExceeded;
import io.kecs.elbv2.error.InvalidConfigurationRequest;
import io.kecs.elbv2.error.OperationNotPermitted;
import io.kecs.elbv2.error.ValidationError;
import io.kecs.protocol.AwsQueryService;
import io.kecs.protocol.RequestContext;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/**
 * Capacity reservations (LCU reservations) and IPAM pools of load balancers, kept as settings: KECS
 * has no capacity to provision, so a reservation is {@code provisioned} in every zone at once,
 * spread evenly. Decreases are limited per day as AWS limits them.
 */
public final class CapacityService {
  static final int MAX_UNITS = 1500;
  static final int DECREASES_PER_DAY = 4;

  private final Elbv2Tables tables;
  private final LoadBalancerService loadBalancers;
  private final Scheduler clock;

  public CapacityService(Elbv2Tables tables, LoadBalancerService loadBalancers, Scheduler clock) {
    this.tables = tables;
    this.loadBalancers = loadBalancers;
    this.clock = clock;
    loadBalancers.onDelete(tables.capacityReservations::delete);
  }

  public void bind(AwsQueryService s) {
    s.add("DescribeCapacityReservation", DescribeCapacityReservationRequest.class, this::describe);
    s.add("ModifyCapacityReservation", ModifyCapacityReservationRequest.class, this::modify);
    s.add("ModifyIpPools", ModifyIpPoolsRequest.class, this::modifyIpPools);
  }

  private DescribeCapacityReservationResponse describe(
      RequestContext ctx, DescribeCapacityReservationRequest r) {
    LoadBalancer lb = loadBalancers.require(r.loadBalancerArn());
    return tables
        .capacityReservations
        .get(lb.loadBalancerArn())
        .orElse(
            DescribeCapacityReservationResponse.builder()
                .decreaseRequestsRemaining(DECREASES_PER_DAY)
                .capacityReservationState(List.of())
                .build());
  }

  private ModifyCapacityReservationResponse modify(
      RequestContext ctx, ModifyCapacityReservationRequest r) {
    boolean reset = Boolean.TRUE.equals(r.resetCapacityReservation());
    if (reset == (r.minimumLoadBalancerCapacity() != null)) {
      throw new ValidationError(
          "Specify either a minimum load balancer capacity or a reset of the reservation");
    }
    synchronized (tables.lock()) {
      LoadBalancer lb = loadBalancers.require(r.loadBalancerArn());
      if (lb.typeAsString().equals("gateway")) {
        throw new OperationNotPermitted("Gateway Load Balancers have no capacity reservations");
      }
      DescribeCapacityReservationResponse current =
          describe(
              ctx,
              DescribeCapacityReservationRequest.builder()
                  .loadBalancerArn(lb.loadBalancerArn())
                  .build());
      Integer before =
          current.minimumLoadBalancerCapacity() == null
              ? null
              : current.minimumLoadBalancerCapacity().capacityUnits();
      Integer units = reset ? null : r.minimumLoadBalancerCapacity().capacityUnits();
      if (units != null && (units < 1 || units > MAX_UNITS)) {
        throw new CapacityUnitsLimitExceeded("Capacity units must be from 1 to " + MAX_UNITS);
      }
      int remaining = current.decreaseRequestsRemaining();
      if (current.lastModifiedTime() != null
          && Duration.between(current.lastModifiedTime(), clock.now()).toHours() >= 24) {
        remaining = DECREASES_PER_DAY;
      }
      boolean decrease = before != null && (units == null || units < before);
      if (decrease) {
        if (remaining == 0) {
          throw new CapacityDecreaseRequestLimitExceeded(
              "The load balancer's capacity can be decreased "
                  + DECREASES_PER_DAY
                  + " times a day");
        }
        remaining--;
      }
      if (units == null && before == null) {
        throw new InvalidConfigurationRequest("The load balancer has no capacity reservation");
      }
      DescribeCapacityReservationResponse.Builder b =
          DescribeCapacityReservationResponse.builder()
              .lastModifiedTime(clock.now())
              .decreaseRequestsRemaining(remaining);
      if (units != null) {
        int zones = lb.availabilityZones().size();
        b.minimumLoadBalancerCapacity(c -> c.capacityUnits(units))
            .capacityReservationState(
                lb.availabilityZones().stream()
                    .map(
                        z ->
                            ZonalCapacityReservationState.builder()
                                .availabilityZone(z.zoneName())
                                .state(s -> s.code(CapacityReservationStateEnum.PROVISIONED))
                                .effectiveCapacityUnits((double) units / zones)
                                .build())
                    .toList());
      } else {
        b.capacityReservationState(List.of());
      }
      DescribeCapacityReservationResponse stored =
          tables.capacityReservations.put(lb.loadBalancerArn(), b.build());
      return ModifyCapacityReservationResponse.builder()
          .lastModifiedTime(stored.lastModifiedTime())
          .decreaseRequestsRemaining(stored.decreaseRequestsRemaining())
          .minimumLoadBalancerCapacity(stored.minimumLoadBalancerCapacity())
          .capacityReservationState(stored.capacityReservationState())
          .build();
    }
  }

  private ModifyIpPoolsResponse modifyIpPools(RequestContext ctx, ModifyIpPoolsRequest r) {
    synchronized (tables.lock()) {
      LoadBalancer lb = loadBalancers.require(r.loadBalancerArn());
      if (!lb.typeAsString().equals("application")) {
        throw new OperationNotPermitted(
            "IPAM pools are supported only by Application Load Balancers");
      }
      if (r.ipamPools() != null && r.hasRemoveIpamPools()) {
        throw new ValidationError("IPAM pools cannot be set and removed in one request");
      }
      IpamPools pools = r.hasRemoveIpamPools() ? null : r.ipamPools();
      tables.loadBalancers.put(lb.loadBalancerArn(), lb.toBuilder().ipamPools(pools).build());
      return ModifyIpPoolsResponse.builder().ipamPools(pools).build();
    }
  }
}
