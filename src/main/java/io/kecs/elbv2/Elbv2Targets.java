package io.kecs.elbv2;

import io.kecs.elbv2.target.TargetService;
import io.kecs.elbv2.targetgroup.TargetGroupService;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsException;
import io.kecs.registry.LoadBalancerTargets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/** ELBv2 target groups as ECS's load balancer targets. */
final class Elbv2Targets implements LoadBalancerTargets {
  private static final Logger LOG = LoggerFactory.getLogger(Elbv2Targets.class);

  private final TargetGroupService groups;
  private final TargetService targets;

  Elbv2Targets(TargetGroupService groups, TargetService targets) {
    this.groups = groups;
    this.targets = targets;
  }

  @Override
  public Optional<TargetGroup> find(Scope scope, String targetGroupArn) {
    if (targetGroupArn == null
        || !Arn.parse(targetGroupArn).map(a -> a.scope().equals(scope)).orElse(false)) {
      return Optional.empty();
    }
    return groups
        .find(targetGroupArn)
        .map(groups::view)
        .map(
            tg ->
                new TargetGroup(
                    tg.targetGroupArn(),
                    tg.targetTypeAsString(),
                    tg.protocolAsString(),
                    tg.port(),
                    tg.loadBalancerArns(),
                    Integer.parseInt(
                        groups
                            .attributesOf(tg)
                            .getOrDefault("deregistration_delay.timeout_seconds", "300"))));
  }

  @Override
  public void register(Scope scope, String targetGroupArn, String id, int port) {
    if (find(scope, targetGroupArn).isEmpty()) {
      LOG.info("Target group {} is gone; target {}:{} not registered", targetGroupArn, id, port);
      return;
    }
    try {
      targets.register(targetGroupArn, target(id, port));
    } catch (AwsException e) {
      LOG.warn("Target {}:{} not registered in {}: {}", id, port, targetGroupArn, e.getMessage());
    }
  }

  @Override
  public void deregister(Scope scope, String targetGroupArn, String id, int port) {
    if (find(scope, targetGroupArn).isEmpty()) {
      return;
    }
    try {
      targets.deregister(targetGroupArn, target(id, port));
    } catch (AwsException e) {
      // not registered (any more): nothing to do
    }
  }

  @Override
  public Health health(Scope scope, String targetGroupArn, String id, int port) {
    if (find(scope, targetGroupArn).isEmpty()) {
      return new Health("unused", "Target.NotRegistered", "Target group is gone");
    }
    try {
      TargetHealth h = targets.healthOf(targetGroupArn, target(id, port));
      return new Health(h.stateAsString(), h.reasonAsString(), h.description());
    } catch (AwsException e) {
      return new Health("unused", "Target.NotRegistered", e.getMessage());
    }
  }

  private static TargetDescription target(String id, int port) {
    return TargetDescription.builder().id(id).port(port).build();
  }
}
