package io.kecs.ecs.service;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.common.Page;
import io.kecs.ecs.common.Pager;
import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.error.NamespaceNotFoundException;
import io.kecs.ecs.error.ServiceNotActiveException;
import io.kecs.ecs.error.ServiceNotFoundException;
import io.kecs.ecs.tag.TagService;
import io.kecs.ecs.task.CapacityRules;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.store.RecordTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceResponse;
import software.amazon.awssdk.services.ecs.model.DeleteServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeleteServiceResponse;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListServicesByNamespaceRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesByNamespaceResponse;
import software.amazon.awssdk.services.ecs.model.ListServicesRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceResponse;

/** CreateService, UpdateService, DeleteService, DescribeServices, ListServices. */
public final class ServiceService {
  private static final int MAX_DESCRIBE = 10;

  private final ClusterService clusters;
  private final ServiceStore store;
  private final ServiceScheduler scheduler;
  private final DeploymentHistory history;
  private final TagService tags;
  private final Scheduler clock;
  private final ServiceView view;
  private final ServiceConfiguration configuration;
  private final Pager pager = new Pager("services", 10, 100);
  private final Pager namespacePager = new Pager("servicesByNamespace", 10, 100);

  /** The client token each service was created with (only the token member is kept). */
  private final RecordTable<CreateServiceRequest> clientTokens;

  private final RegistryMembership registries;

  ServiceService(
      ClusterService clusters,
      TaskDefinitionSource definitions,
      CapacityRules capacity,
      ServiceStore store,
      ServiceScheduler scheduler,
      DeploymentHistory history,
      TagService tags,
      Scheduler clock,
      RecordTable<CreateServiceRequest> clientTokens,
      RegistryMembership registries,
      LoadBalancerRules loadBalancing) {
    this.registries = registries;
    this.clientTokens = clientTokens;
    this.clusters = clusters;
    this.store = store;
    this.scheduler = scheduler;
    this.history = history;
    this.tags = tags;
    this.clock = clock;
    this.view = new ServiceView(tags);
    this.configuration = new ServiceConfiguration(definitions, capacity, loadBalancing);
    tags.registerResourceType("service", arn -> store.get(arn.toString()).isPresent());
  }

  public CreateServiceResponse createService(RequestContext ctx, CreateServiceRequest r) {
    ServiceRules.name(r.serviceName());
    ServiceRules.desiredCount(r.desiredCount());
    ServiceRules.clientToken(r.clientToken());
    ServiceRules.healthCheckGracePeriod(r.healthCheckGracePeriodSeconds());
    TagService.validate(r.tags());
    Cluster cluster = clusters.requireActiveOrCreateDefault(ctx, r.cluster());
    Arn clusterArn = Arn.parse(cluster.clusterArn()).orElseThrow();
    Arn serviceArn = ServiceStore.serviceArn(clusterArn, r.serviceName());
    synchronized (this) {
      Optional<Service> existing = store.get(serviceArn.toString());
      if (existing.isPresent() && "DRAINING".equals(existing.get().status())) {
        throw new InvalidParameterException("Unable to Start a service that is still Draining.");
      }
      if (existing.isPresent() && "ACTIVE".equals(existing.get().status())) {
        if (r.clientToken() != null
            && r.clientToken()
                .equals(
                    clientTokens
                        .get(serviceArn.toString())
                        .map(CreateServiceRequest::clientToken)
                        .orElse(null))) {
          return CreateServiceResponse.builder().service(view.show(existing.get(), true)).build();
        }
        throw new InvalidParameterException("Creation of service was not idempotent.");
      }
      Instant now = clock.now();
      ServiceConfiguration.Created created = configuration.create(ctx, cluster, serviceArn, r, now);
      registries.check(ctx.scope(), r.serviceRegistries(), created.definition());
      ServiceConnectSetup.Resolved connect =
          registries.serviceConnect(
              ctx.scope(), cluster, r.serviceConnectConfiguration(), created.definition());
      Service service = scheduler.created(created.service());
      history.forget(serviceArn);
      if (TaskSetRules.runsTaskSets(service)) {
        // CODE_DEPLOY starts with a PRIMARY task set of the service's configuration, as ECS does;
        // EXTERNAL services wait for CreateTaskSet.
        if ("CODE_DEPLOY".equals(ServiceScheduler.controllerOf(service))) {
          TaskSetFactory.Spec spec = TaskSetFactory.ofService(service, created.definition());
          service =
              service.toBuilder()
                  .taskSets(TaskSetFactory.create(service, spec, "PRIMARY", now))
                  .build();
        }
      } else if (created.definition() != null) {
        Deployment primary =
            DeploymentFactory.primary(
                service,
                created.definition(),
                now,
                null,
                connect == null ? null : connect.config(),
                r.volumeConfigurations());
        primary = RegistryMembership.withServiceConnect(primary, connect);
        service = DeploymentFactory.roll(service, primary);
        history.started(service, primary, created.definition(), now, null);
      }
      tags.setTags(serviceArn, r.tags());
      if (r.clientToken() != null) {
        clientTokens.put(
            serviceArn.toString(),
            CreateServiceRequest.builder().clientToken(r.clientToken()).build());
      }
      store.put(service);
      scheduler.enqueue(service.serviceArn());
      return CreateServiceResponse.builder().service(view.show(service, true)).build();
    }
  }

  public UpdateServiceResponse updateService(RequestContext ctx, UpdateServiceRequest r) {
    ServiceRules.desiredCount(r.desiredCount());
    ServiceRules.healthCheckGracePeriod(r.healthCheckGracePeriodSeconds());
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    Service current = requireActive(cluster, r.service());
    TaskSetRules.serviceUpdate(current, r);
    Instant now = clock.now();
    ServiceConfiguration.Updated updated = configuration.update(ctx, cluster, current, r);
    if (r.hasServiceRegistries()) {
      registries.check(ctx.scope(), r.serviceRegistries(), updated.definition());
    }
    ServiceConnectSetup.Resolved connect =
        registries.serviceConnect(
            ctx.scope(), cluster, r.serviceConnectConfiguration(), updated.definition());
    Service saved =
        store
            .update(
                current.serviceArn(),
                latest -> {
                  Service next = updated.apply().apply(latest);
                  if (TaskSetRules.runsTaskSets(next)) {
                    next = TaskSetStatus.withDesiredCounts(next, now);
                  }
                  if (updated.newDeployment()) {
                    Deployment primary =
                        DeploymentFactory.primary(
                            next,
                            updated.definition(),
                            now,
                            Rollout.primary(latest),
                            connect == null ? null : connect.config(),
                            r.hasVolumeConfigurations() ? r.volumeConfigurations() : null);
                    primary = RegistryMembership.withServiceConnect(primary, connect);
                    next = DeploymentFactory.roll(next, primary);
                    history.started(next, primary, updated.definition(), now, null);
                  }
                  return next;
                })
            .orElseThrow(() -> new ServiceNotFoundException(EcsMessages.SERVICE_NOT_FOUND));
    scheduler.enqueue(saved.serviceArn());
    return UpdateServiceResponse.builder().service(view.show(saved, false)).build();
  }

  public DeleteServiceResponse deleteService(RequestContext ctx, DeleteServiceRequest r) {
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    Service current = requireActive(cluster, r.service());
    boolean force = Boolean.TRUE.equals(r.force());
    if (!force
        && "REPLICA".equals(current.schedulingStrategyAsString())
        && current.desiredCount() != null
        && current.desiredCount() > 0) {
      throw new InvalidParameterException(
          "The service cannot be stopped while it is scaled above 0.");
    }
    Service saved =
        store
            .update(
                current.serviceArn(),
                latest -> latest.toBuilder().status("DRAINING").desiredCount(0).build())
            .orElseThrow(() -> new ServiceNotFoundException(EcsMessages.SERVICE_NOT_FOUND));
    scheduler.enqueue(saved.serviceArn());
    return DeleteServiceResponse.builder().service(view.show(saved, false)).build();
  }

  public DescribeServicesResponse describeServices(RequestContext ctx, DescribeServicesRequest r) {
    if (r.services().isEmpty() || r.services().size() > MAX_DESCRIBE) {
      throw new InvalidParameterException(
          "services must have between 1 and " + MAX_DESCRIBE + " items.");
    }
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    boolean withTags = r.includeAsStrings().contains("TAGS");
    List<Service> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : r.services()) {
      String arn = serviceArn(cluster, ref);
      Optional<Service> s = store.get(arn).filter(x -> x.clusterArn().equals(cluster.clusterArn()));
      if (s.isPresent()) {
        found.add(view.show(s.get(), withTags));
      } else {
        // ECS reports a missing name as a service ARN without the cluster part.
        String reported =
            Arn.looksLikeArn(ref) ? ref : Arn.ecs(ctx.scope(), "service", ref).toString();
        failures.add(Failure.builder().arn(reported).reason("MISSING").build());
      }
    }
    return DescribeServicesResponse.builder().services(found).failures(failures).build();
  }

  public ListServicesResponse listServices(RequestContext ctx, ListServicesRequest r) {
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    Arn clusterArn = Arn.parse(cluster.clusterArn()).orElseThrow();
    String launchType = r.launchTypeAsString();
    String strategy = r.schedulingStrategyAsString();
    Page<String> page =
        pager.page(
            store.inCluster(clusterArn),
            s ->
                !"INACTIVE".equals(s.status())
                    && (launchType == null || launchType.equals(s.launchTypeAsString()))
                    && (strategy == null || strategy.equals(s.schedulingStrategyAsString())),
            Service::serviceArn,
            r.maxResults(),
            r.nextToken());
    return ListServicesResponse.builder()
        .serviceArns(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /**
   * Services using a Service Connect namespace (name or ARN): those whose Service Connect
   * configuration names it (deployments carry the namespace's ARN once Cloud Map resolved it). A
   * namespace is known when Cloud Map has it or a service or cluster names it.
   */
  public ListServicesByNamespaceResponse listServicesByNamespace(
      RequestContext ctx, ListServicesByNamespaceRequest r) {
    String namespace = registries.namespaceArn(ctx.scope(), r.namespace()).orElse(r.namespace());
    String prefix = Arn.ecs(ctx.scope(), "service", "").toString();
    java.util.NavigableMap<String, Service> inScope = new java.util.TreeMap<>();
    store.all().stream()
        .filter(s -> s.serviceArn().startsWith(prefix) && usesNamespace(s, namespace))
        .forEach(s -> inScope.put(s.serviceArn(), s));
    boolean known =
        !inScope.isEmpty()
            || Arn.looksLikeArn(namespace)
                && registries.namespaceArn(ctx.scope(), namespace).isPresent()
            || clusters.activeClusters(ctx.scope()).stream()
                .anyMatch(
                    c ->
                        c.serviceConnectDefaults() != null
                            && (namespace.equals(c.serviceConnectDefaults().namespace())
                                || c.serviceConnectDefaults()
                                    .namespace()
                                    .endsWith("/" + namespace)));
    if (!known) {
      throw new NamespaceNotFoundException("Namespace " + namespace + " was not found.");
    }
    Page<String> page =
        namespacePager.page(
            inScope,
            s -> !"INACTIVE".equals(s.status()),
            Service::serviceArn,
            r.maxResults(),
            r.nextToken());
    return ListServicesByNamespaceResponse.builder()
        .serviceArns(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private static boolean usesNamespace(Service s, String namespace) {
    for (Deployment d : s.deployments()) {
      var sc = d.serviceConnectConfiguration();
      if (sc != null && Boolean.TRUE.equals(sc.enabled()) && namespace.equals(sc.namespace())) {
        return true;
      }
    }
    return false;
  }

  /** The ACTIVE service a request names, or the ECS error. */
  Service requireActive(Cluster cluster, String ref) {
    Service s =
        store
            .get(serviceArn(cluster, ref))
            .filter(x -> x.clusterArn().equals(cluster.clusterArn()))
            .orElseThrow(() -> new ServiceNotFoundException(EcsMessages.SERVICE_NOT_FOUND));
    if (!"ACTIVE".equals(s.status())) {
      throw new ServiceNotActiveException("Service was not ACTIVE.");
    }
    return s;
  }

  static String serviceArn(Cluster cluster, String ref) {
    if (ref == null || ref.isEmpty()) {
      throw new InvalidParameterException("The service must be given.");
    }
    if (Arn.looksLikeArn(ref)) {
      Arn arn =
          Arn.parse(ref)
              .orElseThrow(() -> new InvalidParameterException("Invalid service ARN: " + ref));
      if (!"service".equals(arn.resourceType())) {
        throw new InvalidParameterException("Invalid service ARN: " + ref);
      }
      // Short ARNs (service/NAME) still name a service of this cluster.
      return arn.resourcePath().contains("/")
          ? ref
          : ServiceStore.serviceArn(
                  Arn.parse(cluster.clusterArn()).orElseThrow(), arn.resourcePath())
              .toString();
    }
    return ServiceStore.serviceArn(Arn.parse(cluster.clusterArn()).orElseThrow(), ref).toString();
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add("CreateService", CreateServiceRequest.class, this::createService)
        .add("UpdateService", UpdateServiceRequest.class, this::updateService)
        .add("DeleteService", DeleteServiceRequest.class, this::deleteService)
        .add("DescribeServices", DescribeServicesRequest.class, this::describeServices)
        .add("ListServices", ListServicesRequest.class, this::listServices)
        .add(
            "ListServicesByNamespace",
            ListServicesByNamespaceRequest.class,
            this::listServicesByNamespace);
  }
}
