package io.kecs.elbv2.rule;

import io.kecs.elbv2.common.Actions;
import io.kecs.elbv2.common.Elbv2Tables;
import io.kecs.elbv2.common.Limits;
import io.kecs.elbv2.error.IncompatibleProtocols;
import io.kecs.elbv2.error.InvalidLoadBalancerAction;
import io.kecs.elbv2.error.TargetGroupAssociationLimit;
import io.kecs.elbv2.error.TargetGroupNotFound;
import io.kecs.elbv2.error.TooManyTargetGroups;
import io.kecs.elbv2.error.ValidationError;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** ELBv2's rules for the actions of a listener or rule on a load balancer of a given type. */
public final class ActionRules {
  private static final Set<String> TERMINAL = Set.of("forward", "redirect", "fixed-response");
  private static final Pattern STATUS = Pattern.compile("[245]\\d\\d");
  private static final Set<String> CONTENT_TYPES =
      Set.of("text/plain", "text/css", "text/html", "application/javascript", "application/json");

  private final Elbv2Tables tables;

  public ActionRules(Elbv2Tables tables) {
    this.tables = tables;
  }

  /**
   * @param listenerProtocol the protocol of the listener the actions are for
   */
  public void check(List<Action> actions, LoadBalancer lb, String listenerProtocol) {
    if (actions.isEmpty()) {
      throw new ValidationError("At least one action must be specified");
    }
    String type = lb.typeAsString();
    Set<Integer> orders = new HashSet<>();
    int terminal = 0;
    Action last = null;
    for (Action a : actions) {
      if (actions.size() > 1 && a.order() == null) {
        throw new ValidationError(
            "An action order must be specified when there is more than one action");
      }
      if (a.order() != null && (a.order() < 1 || a.order() > 50000 || !orders.add(a.order()))) {
        throw new ValidationError("Action orders must be unique and from 1 to 50000");
      }
      if (last == null || (a.order() != null && last.order() != null && a.order() > last.order())) {
        last = a;
      }
      String kind = a.typeAsString();
      if (!type.equals("application") && !kind.equals("forward")) {
        throw new InvalidLoadBalancerAction(
            "Action type '" + kind + "' is not supported for " + type + " load balancers");
      }
      if (TERMINAL.contains(kind)) {
        terminal++;
      }
      switch (kind) {
        case "forward" -> checkForward(a, lb);
        case "redirect" -> {
          if (a.redirectConfig() == null) {
            throw new ValidationError(
                "A redirect configuration must be specified for redirect actions");
          }
        }
        case "fixed-response" -> checkFixedResponse(a.fixedResponseConfig());
        case "authenticate-oidc", "authenticate-cognito" -> {
          if (!"HTTPS".equals(listenerProtocol)) {
            throw new InvalidLoadBalancerAction(
                "Authenticate actions are supported only on HTTPS listeners");
          }
          if (kind.equals("authenticate-oidc")
              ? a.authenticateOidcConfig() == null
              : a.authenticateCognitoConfig() == null) {
            throw new ValidationError("A configuration must be specified for " + kind + " actions");
          }
        }
        default -> {
          // jwt-validation and later types are stored as given
        }
      }
    }
    if (terminal != 1) {
      throw new InvalidLoadBalancerAction(
          "Exactly one forward, redirect or fixed-response action must be specified");
    }
    if (last != null && !TERMINAL.contains(last.typeAsString())) {
      throw new InvalidLoadBalancerAction(
          "The forward, redirect or fixed-response action must be the last action");
    }
  }

  private void checkForward(Action a, LoadBalancer lb) {
    Set<String> groups = Actions.targetGroupsOf(List.of(a));
    if (groups.isEmpty()) {
      throw new ValidationError("A target group ARN must be specified for forward actions");
    }
    if (a.targetGroupArn() != null
        && a.forwardConfig() != null
        && (groups.size() != 1 || a.forwardConfig().targetGroups().size() > 1)) {
      throw new ValidationError(
          "You cannot specify both a target group ARN and a forward configuration with several"
              + " target groups");
    }
    int max = lb.typeAsString().equals("application") ? Limits.TARGET_GROUPS_PER_ACTION : 1;
    if (groups.size() > max) {
      throw new TooManyTargetGroups("A forward action can have at most " + max + " target groups");
    }
    if (a.forwardConfig() != null) {
      for (TargetGroupTuple t : a.forwardConfig().targetGroups()) {
        if (t.weight() != null && (t.weight() < 0 || t.weight() > 999)) {
          throw new ValidationError("Target group weights must be from 0 to 999");
        }
      }
    }
    for (String arn : groups) {
      TargetGroup tg =
          tables
              .targetGroups
              .get(arn)
              .orElseThrow(
                  () -> new TargetGroupNotFound("Target groups '[" + arn + "]' not found"));
      checkProtocol(tg, lb);
      for (String user : tables.loadBalancersUsing(arn)) {
        if (!user.equals(lb.loadBalancerArn())) {
          throw new TargetGroupAssociationLimit(
              "The following target groups cannot be associated with more than one load balancer: "
                  + arn);
        }
      }
    }
  }

  private static void checkProtocol(TargetGroup tg, LoadBalancer lb) {
    String p = tg.protocolAsString();
    boolean ok =
        switch (lb.typeAsString()) {
          case "application" -> p == null || p.equals("HTTP") || p.equals("HTTPS");
          case "network" ->
              p != null && Set.of("TCP", "UDP", "TLS", "TCP_UDP", "QUIC", "TCP_QUIC").contains(p);
          default -> "GENEVE".equals(p);
        };
    if (!ok) {
      throw new IncompatibleProtocols(
          "The protocol of target group '"
              + tg.targetGroupArn()
              + "' ("
              + p
              + ") is not supported by "
              + lb.typeAsString()
              + " load balancers");
    }
  }

  private static void checkFixedResponse(FixedResponseActionConfig c) {
    if (c == null) {
      throw new ValidationError(
          "A fixed-response configuration must be specified for fixed-response actions");
    }
    if (!STATUS.matcher(c.statusCode()).matches()) {
      throw new ValidationError(
          "Fixed-response status code '" + c.statusCode() + "' must be a 2XX, 4XX or 5XX code");
    }
    if (c.contentType() != null && !CONTENT_TYPES.contains(c.contentType())) {
      throw new ValidationError(
          "Fixed-response content type '"
              + c.contentType()
              + "' must be one of "
              + String.join(", ", CONTENT_TYPES));
    }
    if (c.messageBody() != null && c.messageBody().length() > 1024) {
      throw new ValidationError("A fixed-response message body can have at most 1024 characters");
    }
  }
}
