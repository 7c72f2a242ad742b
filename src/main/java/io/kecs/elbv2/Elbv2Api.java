package io.kecs.elbv2;

import io.kecs.clock.Scheduler;
import io.kecs.elbv2.account.AccountService;
import io.kecs.elbv2.common.Elbv2Tables;
import io.kecs.elbv2.listener.ListenerService;
import io.kecs.elbv2.loadbalancer.LoadBalancerService;
import io.kecs.elbv2.rule.ActionRules;
import io.kecs.elbv2.rule.RuleService;
import io.kecs.elbv2.tag.TagService;
import io.kecs.elbv2.target.TargetService;
import io.kecs.elbv2.targetgroup.TargetGroupService;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.AwsQueryCodec;
import io.kecs.protocol.AwsQueryModule;
import io.kecs.protocol.AwsQueryService;
import io.kecs.protocol.ServiceModule;
import io.kecs.store.Database;

/** The ELBv2 API: builds the aggregates over the store and binds every operation to one. */
public final class Elbv2Api {
  public static final String SIGNING_NAME = "elasticloadbalancing";
  public static final String VERSION = "2015-12-01";
  public static final String XML_NAMESPACE =
      "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

  private final AwsQueryService service;
  private final ServiceModule module;
  private final TargetService targets;
  private final io.kecs.registry.LoadBalancerTargets ecsTargets;
  private final Elbv2Tables tables;
  private final Scheduler scheduler;

  /**
   * @param codec the store's record codec (records are SDK model objects, as ECS's)
   * @param awsBackend where trust stores read their S3 objects, or null
   */
  public Elbv2Api(Database db, AwsJsonCodec codec, Scheduler scheduler, java.net.URI awsBackend) {
    Elbv2Tables tables = new Elbv2Tables(db, codec);
    this.tables = tables;
    this.scheduler = scheduler;
    TagService tags = new TagService(tables);
    LoadBalancerService loadBalancers = new LoadBalancerService(tables, tags, scheduler);
    TargetGroupService targetGroups = new TargetGroupService(tables, tags);
    ActionRules actions = new ActionRules(tables);
    RuleService rules = new RuleService(tables, tags, actions);
    ListenerService listeners = new ListenerService(tables, loadBalancers, rules, actions, tags);
    targets = new TargetService(tables, targetGroups, scheduler);
    ecsTargets = new Elbv2Targets(targetGroups, targets);

    service = new AwsQueryService(VERSION, new AwsQueryCodec(XML_NAMESPACE), "ValidationError");
    loadBalancers.bind(service);
    targetGroups.bind(service);
    listeners.bind(service);
    rules.bind(service);
    targets.bind(service);
    tags.bind(service);
    new AccountService().bind(service);
    new io.kecs.elbv2.loadbalancer.CapacityService(tables, loadBalancers, scheduler).bind(service);
    new io.kecs.elbv2.truststore.TrustStoreService(tables, tags, awsBackend).bind(service);
    module = new AwsQueryModule(SIGNING_NAME, service);
  }

  /** Resumes work left by the previous run (targets still draining). */
  public void start() {
    targets.start();
  }

  /**
   * The data plane over this module's load balancers; target health comes from its checks from now
   * on.
   *
   * @param second how long one ELBv2 second lasts (health checks, deregistration delay)
   */
  public io.kecs.elbv2.dataplane.DataPlane dataPlane(
      io.kecs.elbv2.dataplane.TargetAddresses addresses, java.time.Duration second) {
    var plane = new io.kecs.elbv2.dataplane.DataPlane(tables, scheduler, addresses, second);
    targets.liveHealth(plane::health, second);
    return plane;
  }

  /** ELBv2 as a gateway module: awsQuery, signing name {@code elasticloadbalancing}. */
  public ServiceModule module() {
    return module;
  }

  /** Target groups as ECS's load balancer targets (the port ECS registers tasks through). */
  public io.kecs.registry.LoadBalancerTargets targets() {
    return ecsTargets;
  }

  public AwsQueryService service() {
    return service;
  }
}
