package io.kecs.elbv2.rule;

import io.kecs.elbv2.common.Elbv2Arns;
import io.kecs.elbv2.common.Elbv2Tables;
import io.kecs.elbv2.common.Limits;
import io.kecs.elbv2.common.Marker;
import io.kecs.elbv2.error.ListenerNotFound;
import io.kecs.elbv2.error.OperationNotPermitted;
import io.kecs.elbv2.error.PriorityInUse;
import io.kecs.elbv2.error.RuleNotFound;
import io.kecs.elbv2.error.TooManyRules;
import io.kecs.elbv2.error.ValidationError;
import io.kecs.elbv2.tag.TagService;
import io.kecs.protocol.AwsQueryService;
import io.kecs.protocol.RequestContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** The rule aggregate, rules kept by ARN under their listener's. */
public final class RuleService {
  private static final int MAX_PAGE = 400;

  /** Sorts after every priority (1 to 50000), as ELBv2 lists the default rule last. */
  private static final String DEFAULT_KEY = "99999";

  private final Elbv2Tables tables;
  private final TagService tags;
  private final ActionRules actions;

  public RuleService(Elbv2Tables tables, TagService tags, ActionRules actions) {
    this.tables = tables;
    this.tags = tags;
    this.actions = actions;
    tags.registerResourceType("listener-rule", arn -> tables.rules.get(arn).isPresent());
  }

  public void bind(AwsQueryService s) {
    s.add("CreateRule", CreateRuleRequest.class, this::create);
    s.add("DescribeRules", DescribeRulesRequest.class, this::describe);
    s.add("ModifyRule", ModifyRuleRequest.class, this::modify);
    s.add("DeleteRule", DeleteRuleRequest.class, this::delete);
    s.add("SetRulePriorities", SetRulePrioritiesRequest.class, this::setPriorities);
  }

  /** Keeps the listener's default rule in step with its default actions; caller holds the lock. */
  public void putDefault(String listenerArn, List<Action> defaultActions) {
    Rule existing =
        tables.rulesOf(listenerArn).stream().filter(Rule::isDefault).findFirst().orElse(null);
    String arn =
        existing != null ? existing.ruleArn() : Elbv2Arns.rule(listenerArn, Elbv2Arns.newId());
    tables.rules.put(
        arn,
        Rule.builder()
            .ruleArn(arn)
            .priority("default")
            .conditions(List.of())
            .actions(defaultActions)
            .isDefault(true)
            .build());
  }

  /** Removes a listener's rules and their tags; caller holds the lock. */
  public void deleteAllOf(String listenerArn) {
    List<String> arns = tables.rulesOf(listenerArn).stream().map(Rule::ruleArn).toList();
    arns.forEach(tags::forget);
    tables.rules.deleteAll(arns);
  }

  private Listener listener(String arn) {
    return tables
        .listeners
        .get(arn == null ? "" : arn)
        .orElseThrow(() -> new ListenerNotFound("Listener '" + arn + "' not found"));
  }

  private Rule rule(String arn) {
    return tables
        .rules
        .get(arn == null ? "" : arn)
        .orElseThrow(() -> new RuleNotFound("One or more rules not found: '" + arn + "'"));
  }

  private static void checkPriority(Integer priority) {
    if (priority == null || priority < 1 || priority > 50000) {
      throw new ValidationError(
          "1 validation error detected: Value '"
              + priority
              + "' at 'priority' failed to satisfy constraint: Member must have value between 1 and"
              + " 50000");
    }
  }

  private CreateRuleResponse create(RequestContext ctx, CreateRuleRequest r) {
    checkPriority(r.priority());
    ConditionRules.check(r.conditions());
    tags.check(r.tags());
    synchronized (tables.lock()) {
      Listener l = listener(r.listenerArn());
      LoadBalancer lb = tables.loadBalancers.get(l.loadBalancerArn()).orElseThrow();
      if (!lb.typeAsString().equals("application")) {
        throw new ValidationError(
            "Rules are supported only by listeners of Application Load Balancers");
      }
      actions.check(r.actions(), lb, l.protocolAsString());
      List<Rule> rules = tables.rulesOf(l.listenerArn());
      String priority = String.valueOf(r.priority());
      if (rules.stream().anyMatch(x -> priority.equals(x.priority()))) {
        throw new PriorityInUse("Priority '" + priority + "' is currently in use");
      }
      long onLoadBalancer =
          tables.listenersOf(lb.loadBalancerArn()).stream()
              .mapToLong(
                  x -> tables.rulesOf(x.listenerArn()).stream().filter(y -> !y.isDefault()).count())
              .sum();
      if (onLoadBalancer >= Limits.RULES_PER_APPLICATION_LOAD_BALANCER) {
        throw new TooManyRules(
            "The load balancer has the maximum number of rules ("
                + Limits.RULES_PER_APPLICATION_LOAD_BALANCER
                + ")");
      }
      String arn = Elbv2Arns.rule(l.listenerArn(), Elbv2Arns.newId());
      Rule rule =
          tables.rules.put(
              arn,
              Rule.builder()
                  .ruleArn(arn)
                  .priority(priority)
                  .conditions(r.conditions())
                  .actions(r.actions())
                  .transforms(r.hasTransforms() ? r.transforms() : null)
                  .isDefault(false)
                  .build());
      tags.apply(arn, r.tags());
      return CreateRuleResponse.builder().rules(rule).build();
    }
  }

  private DescribeRulesResponse describe(RequestContext ctx, DescribeRulesRequest r) {
    if ((r.listenerArn() == null) == (!r.hasRuleArns())) {
      throw new ValidationError("Either a listener ARN or rule ARNs must be specified, not both");
    }
    List<Rule> chosen = new ArrayList<>();
    if (r.listenerArn() != null) {
      chosen.addAll(tables.rulesOf(listener(r.listenerArn()).listenerArn()));
    } else {
      for (String arn : r.ruleArns()) {
        chosen.add(rule(arn));
      }
    }
    chosen.sort(Comparator.comparing(RuleService::sortKey).thenComparing(Rule::ruleArn));
    Marker.Page<Rule> page =
        Marker.page(chosen, x -> sortKey(x) + x.ruleArn(), r.marker(), r.pageSize(), MAX_PAGE);
    return DescribeRulesResponse.builder()
        .rules(page.items())
        .nextMarker(page.nextMarker())
        .build();
  }

  private static String sortKey(Rule r) {
    return r.isDefault() ? DEFAULT_KEY : String.format("%05d", Integer.parseInt(r.priority()));
  }

  private ModifyRuleResponse modify(RequestContext ctx, ModifyRuleRequest r) {
    synchronized (tables.lock()) {
      Rule rule = rule(r.ruleArn());
      Listener l = listener(Elbv2Arns.listenerOfRule(rule.ruleArn()));
      LoadBalancer lb = tables.loadBalancers.get(l.loadBalancerArn()).orElseThrow();
      Rule.Builder b = rule.toBuilder();
      if (r.hasConditions()) {
        if (rule.isDefault()) {
          throw new OperationNotPermitted("The conditions of a default rule cannot be modified");
        }
        ConditionRules.check(r.conditions());
        b.conditions(r.conditions());
      }
      if (r.hasTransforms()) {
        b.transforms(r.transforms());
      } else if (Boolean.TRUE.equals(r.resetTransforms())) {
        b.transforms(List.of());
      }
      if (r.hasActions()) {
        actions.check(r.actions(), lb, l.protocolAsString());
        b.actions(r.actions());
        if (rule.isDefault()) {
          tables.listeners.put(l.listenerArn(), l.toBuilder().defaultActions(r.actions()).build());
        }
      }
      Rule updated = tables.rules.put(rule.ruleArn(), b.build());
      return ModifyRuleResponse.builder().rules(updated).build();
    }
  }

  private DeleteRuleResponse delete(RequestContext ctx, DeleteRuleRequest r) {
    synchronized (tables.lock()) {
      Rule rule = rule(r.ruleArn());
      if (rule.isDefault()) {
        throw new OperationNotPermitted("Default rule '" + rule.ruleArn() + "' cannot be deleted");
      }
      tags.forget(rule.ruleArn());
      tables.rules.delete(rule.ruleArn());
    }
    return DeleteRuleResponse.builder().build();
  }

  private SetRulePrioritiesResponse setPriorities(RequestContext ctx, SetRulePrioritiesRequest r) {
    synchronized (tables.lock()) {
      Map<String, Rule> changed = new HashMap<>();
      for (RulePriorityPair p : r.rulePriorities()) {
        checkPriority(p.priority());
        Rule rule = rule(p.ruleArn());
        if (rule.isDefault()) {
          throw new OperationNotPermitted("The priority of a default rule cannot be changed");
        }
        changed.put(
            rule.ruleArn(), rule.toBuilder().priority(String.valueOf(p.priority())).build());
      }
      for (String listenerArn :
          changed.keySet().stream().map(Elbv2Arns::listenerOfRule).distinct().toList()) {
        Map<String, String> used = new HashMap<>();
        for (Rule x : tables.rulesOf(listenerArn)) {
          Rule after = changed.getOrDefault(x.ruleArn(), x);
          if (!after.isDefault() && used.put(after.priority(), after.ruleArn()) != null) {
            throw new PriorityInUse("Priority '" + after.priority() + "' is currently in use");
          }
        }
      }
      tables.rules.putAll(changed);
      List<Rule> out = new ArrayList<>(changed.values());
      out.sort(Comparator.comparing(RuleService::sortKey));
      return SetRulePrioritiesResponse.builder().rules(out).build();
    }
  }
}
