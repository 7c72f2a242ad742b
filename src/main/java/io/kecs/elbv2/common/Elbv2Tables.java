package io.kecs.elbv2.common;

import io.kecs.protocol.AwsJsonCodec;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddListenerCertificatesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeCapacityReservationResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreRevocation;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTrustStoreRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RevocationContent;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStore;

/**
 * The ELBv2 module's tables, records typed as the SDK's model classes and kept by ARN (so one
 * account and region, or one load balancer's listeners, is one id range). Attributes are stored
 * only as the user set them, over per-type defaults; targets are kept by {@code <target group
 * ARN>|<id>|<port>}. One lock orders the writes of every aggregate, since most ELBv2 rules span
 * several (a target group used by a listener cannot be deleted, ...); reads take no lock.
 */
public final class Elbv2Tables {
  public final RecordTable<LoadBalancer> loadBalancers;
  public final RecordTable<ModifyLoadBalancerAttributesRequest> loadBalancerAttributes;
  public final RecordTable<TargetGroup> targetGroups;
  public final RecordTable<ModifyTargetGroupAttributesRequest> targetGroupAttributes;
  public final RecordTable<Listener> listeners;
  public final RecordTable<ModifyListenerAttributesRequest> listenerAttributes;
  public final RecordTable<AddListenerCertificatesRequest> listenerCertificates;
  public final RecordTable<Rule> rules;
  public final RecordTable<TargetHealthDescription> targets;
  public final RecordTable<TagDescription> tags;
  public final RecordTable<DescribeCapacityReservationResponse> capacityReservations;
  public final RecordTable<TrustStore> trustStores;
  public final RecordTable<ModifyTrustStoreRequest> trustStoreBundles;
  public final RecordTable<DescribeTrustStoreRevocation> revocations;
  public final RecordTable<RevocationContent> revocationContents;
  private final Object lock = new Object();

  public Elbv2Tables(Database db, AwsJsonCodec codec) {
    loadBalancers = new RecordTable<>(db, codec, "elbv2-load-balancer", LoadBalancer.class);
    loadBalancerAttributes =
        new RecordTable<>(
            db, codec, "elbv2-load-balancer-attributes", ModifyLoadBalancerAttributesRequest.class);
    targetGroups = new RecordTable<>(db, codec, "elbv2-target-group", TargetGroup.class);
    targetGroupAttributes =
        new RecordTable<>(
            db, codec, "elbv2-target-group-attributes", ModifyTargetGroupAttributesRequest.class);
    listeners = new RecordTable<>(db, codec, "elbv2-listener", Listener.class);
    listenerAttributes =
        new RecordTable<>(
            db, codec, "elbv2-listener-attributes", ModifyListenerAttributesRequest.class);
    listenerCertificates =
        new RecordTable<>(
            db, codec, "elbv2-listener-certificates", AddListenerCertificatesRequest.class);
    rules = new RecordTable<>(db, codec, "elbv2-rule", Rule.class);
    targets = new RecordTable<>(db, codec, "elbv2-target", TargetHealthDescription.class);
    tags = new RecordTable<>(db, codec, "elbv2-tag", TagDescription.class);
    capacityReservations =
        new RecordTable<>(
            db, codec, "elbv2-capacity-reservation", DescribeCapacityReservationResponse.class);
    trustStores = new RecordTable<>(db, codec, "elbv2-trust-store", TrustStore.class);
    trustStoreBundles =
        new RecordTable<>(db, codec, "elbv2-trust-store-bundle", ModifyTrustStoreRequest.class);
    revocations =
        new RecordTable<>(db, codec, "elbv2-revocation", DescribeTrustStoreRevocation.class);
    revocationContents =
        new RecordTable<>(db, codec, "elbv2-revocation-content", RevocationContent.class);
  }

  /** The lock every ELBv2 write holds. */
  public Object lock() {
    return lock;
  }

  /** {@code arn:aws:elasticloadbalancing:<region>:<account>:<type>/}: one scope's resources. */
  public static String scopePrefix(io.kecs.identity.Scope scope, String resourceType) {
    return "arn:aws:"
        + Elbv2Arns.SERVICE
        + ":"
        + scope.region()
        + ":"
        + scope.account()
        + ":"
        + resourceType
        + "/";
  }

  /** Listeners of a load balancer, in ARN order. */
  public List<Listener> listenersOf(String loadBalancerArn) {
    return List.copyOf(listeners.range(Elbv2Arns.listener(loadBalancerArn, "")).values());
  }

  /** Rules of a listener, in ARN order. */
  public List<Rule> rulesOf(String listenerArn) {
    return List.copyOf(rules.range(Elbv2Arns.rule(listenerArn, "")).values());
  }

  /** The target key prefix of a target group. */
  public static String targetPrefix(String targetGroupArn) {
    return targetGroupArn + "|";
  }

  public static String targetKey(String targetGroupArn, String id, Integer port) {
    return targetPrefix(targetGroupArn) + id + "|" + (port == null ? "" : port);
  }

  /** The load balancers whose listeners or rules forward to a target group, in ARN order. */
  public List<String> loadBalancersUsing(String targetGroupArn) {
    var scope = io.kecs.identity.Arn.parse(targetGroupArn).orElseThrow().scope();
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (Rule rule : rules.range(scopePrefix(scope, "listener-rule")).values()) {
      if (Actions.targetGroupsOf(rule.actions()).contains(targetGroupArn)) {
        out.add(Elbv2Arns.loadBalancerOfListener(Elbv2Arns.listenerOfRule(rule.ruleArn())));
      }
    }
    return List.copyOf(out);
  }

  public Stream<TargetHealthDescription> targetsOf(String targetGroupArn) {
    return targets.range(targetPrefix(targetGroupArn)).values().stream();
  }
}
