package io.kecs.ecs.express;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.common.Names;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.error.ResourceNotFoundException;
import io.kecs.ecs.error.ServiceNotActiveException;
import io.kecs.ecs.error.ServiceNotFoundException;
import io.kecs.ecs.service.ServiceDeploymentService;
import io.kecs.ecs.service.ServiceService;
import io.kecs.ecs.service.Services;
import io.kecs.ecs.tag.TagService;
import io.kecs.ecs.taskdef.TaskDefinitionService;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.DeleteExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeleteExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.DeleteServiceRequest;
import software.amazon.awssdk.services.ecs.model.DescribeExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.DescribeExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.ECSExpressGatewayService;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.UpdateExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateExpressGatewayServiceResponse;
import software.amazon.awssdk.services.ecs.model.UpdatedExpressGatewayService;

/**
 * Express gateway services over the service aggregate: each create or update registers the task
 * definition (unless one is given), creates or updates the ECS service with a new deployment, and
 * records the configuration under the service revision it started. Delete deletes the service
 * (force), which drains it.
 */
public final class ExpressService {
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");

  private final ClusterService clusters;
  private final ServiceService serviceApi;
  private final Services services;
  private final TagService tags;
  private final Scheduler clock;
  private final ExpressStore store;
  private final ExpressView view;
  private final ExpressDeployments deployments;

  public ExpressService(
      Database db,
      AwsJsonCodec codec,
      ClusterService clusters,
      TaskDefinitionService taskDefinitions,
      Services services,
      TagService tags,
      Scheduler clock) {
    this.clusters = clusters;
    this.serviceApi = services.api();
    this.services = services;
    this.tags = tags;
    this.clock = clock;
    this.store =
        new ExpressStore(
            new RecordTable<>(db, codec, "express-gateway-service", ECSExpressGatewayService.class),
            new RecordTable<>(
                db, codec, "express-configuration", ExpressGatewayServiceConfiguration.class));
    ServiceDeploymentService serviceDeployments = services.deployments();
    this.view = new ExpressView(serviceApi, serviceDeployments, services, store, tags);
    this.deployments = new ExpressDeployments(taskDefinitions, serviceApi, services, store);
  }

  public synchronized CreateExpressGatewayServiceResponse createExpressGatewayService(
      RequestContext ctx, CreateExpressGatewayServiceRequest r) {
    if (!ROLE_ARN.matcher(r.infrastructureRoleArn()).matches()) {
      throw new InvalidParameterException(
          "infrastructureRoleArn must be the ARN of an IAM role: " + r.infrastructureRoleArn());
    }
    TagService.validate(r.tags());
    Cluster cluster = clusters.requireActiveOrCreateDefault(ctx, r.cluster());
    String name = r.serviceName() != null ? r.serviceName() : generatedName(r);
    Names.requireValidName("Service", name);
    Arn serviceArn = Arn.ecs(ctx.scope(), "service", cluster.clusterName() + "/" + name);
    Optional<Service> existing =
        serviceApi
            .describeServices(
                ctx,
                DescribeServicesRequest.builder()
                    .cluster(cluster.clusterArn())
                    .services(serviceArn.toString())
                    .build())
            .services()
            .stream()
            .filter(s -> !"INACTIVE".equals(s.status()))
            .findFirst();
    if (existing.isPresent()) {
      throw new InvalidParameterException(
          "A service named "
              + name
              + " already exists in cluster "
              + cluster.clusterName()
              + " ("
              + existing.get().status()
              + ").");
    }
    Instant now = clock.now();
    store.forgetConfigurations(ExpressDeployments.revisionPrefix(serviceArn));
    ExpressGatewayServiceConfiguration config =
        deployments.create(ctx, cluster, serviceArn, name, r, now);
    ECSExpressGatewayService express =
        ECSExpressGatewayService.builder()
            .cluster(cluster.clusterArn())
            .serviceName(name)
            .serviceArn(serviceArn.toString())
            .infrastructureRoleArn(r.infrastructureRoleArn())
            .createdAt(now)
            .updatedAt(now)
            .build();
    store.put(express);
    return CreateExpressGatewayServiceResponse.builder()
        .service(view.show(ctx, express, true))
        .build();
  }

  public synchronized UpdateExpressGatewayServiceResponse updateExpressGatewayService(
      RequestContext ctx, UpdateExpressGatewayServiceRequest r) {
    ECSExpressGatewayService current = requireActive(ctx, r.serviceArn());
    Instant now = clock.now();
    ExpressGatewayServiceConfiguration target = deployments.update(ctx, current, r, now);
    ECSExpressGatewayService saved = current.toBuilder().updatedAt(now).build();
    store.put(saved);
    return UpdateExpressGatewayServiceResponse.builder()
        .service(
            UpdatedExpressGatewayService.builder()
                .serviceArn(saved.serviceArn())
                .cluster(saved.cluster())
                .serviceName(saved.serviceName())
                .status(ExpressView.status(view.service(ctx, saved)))
                .targetConfiguration(target)
                .createdAt(saved.createdAt())
                .updatedAt(saved.updatedAt())
                .build())
        .build();
  }

  public synchronized DeleteExpressGatewayServiceResponse deleteExpressGatewayService(
      RequestContext ctx, DeleteExpressGatewayServiceRequest r) {
    ECSExpressGatewayService current = requireActive(ctx, r.serviceArn());
    serviceApi.deleteService(
        ctx,
        DeleteServiceRequest.builder()
            .cluster(current.cluster())
            .service(current.serviceArn())
            .force(true)
            .build());
    ECSExpressGatewayService saved = current.toBuilder().updatedAt(clock.now()).build();
    store.put(saved);
    return DeleteExpressGatewayServiceResponse.builder()
        .service(view.show(ctx, saved, false))
        .build();
  }

  public DescribeExpressGatewayServiceResponse describeExpressGatewayService(
      RequestContext ctx, DescribeExpressGatewayServiceRequest r) {
    ECSExpressGatewayService express =
        find(ctx, r.serviceArn())
            .orElseThrow(
                () ->
                    new ResourceNotFoundException(
                        "The Express service " + r.serviceArn() + " was not found."));
    return DescribeExpressGatewayServiceResponse.builder()
        .service(view.show(ctx, express, r.includeAsStrings().contains("TAGS")))
        .build();
  }

  /** The Express service an ARN names (the cluster must exist), or empty. */
  private Optional<ECSExpressGatewayService> find(RequestContext ctx, String serviceArn) {
    Arn arn =
        Arn.parse(serviceArn)
            .filter(a -> a.service().equals("ecs") && a.resourceType().equals("service"))
            .filter(a -> a.resourcePath().split("/", -1).length == 2)
            .orElseThrow(
                () -> new InvalidParameterException("Invalid Express service ARN: " + serviceArn));
    if (!arn.scope().equals(ctx.scope())) {
      return Optional.empty();
    }
    String clusterName = arn.resourcePath().substring(0, arn.resourcePath().indexOf('/'));
    clusters.requireActive(ctx, clusterName);
    return store.get(arn.toString());
  }

  private ECSExpressGatewayService requireActive(RequestContext ctx, String serviceArn) {
    ECSExpressGatewayService e =
        find(ctx, serviceArn)
            .orElseThrow(
                () ->
                    new ServiceNotFoundException(
                        "The Express service " + serviceArn + " was not found."));
    String status = ExpressView.status(view.service(ctx, e)).statusCodeAsString();
    if (!"ACTIVE".equals(status)) {
      throw new ServiceNotActiveException("The Express service is " + status + ".");
    }
    return e;
  }

  /**
   * ECS names a service it is not given a name for; KECS uses the image's repository name and a
   * random suffix, e.g. {@code nginx-3f9a2c1b}.
   */
  private static String generatedName(CreateExpressGatewayServiceRequest r) {
    String base = "express";
    if (r.primaryContainer() != null && r.primaryContainer().image() != null) {
      String image = r.primaryContainer().image();
      String repo = image.replaceAll("[:@].*$", "");
      repo = repo.substring(repo.lastIndexOf('/') + 1).replaceAll("[^a-zA-Z0-9_-]", "-");
      if (!repo.isEmpty() && repo.length() <= 200) {
        base = repo;
      }
    }
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add(
            "CreateExpressGatewayService",
            CreateExpressGatewayServiceRequest.class,
            this::createExpressGatewayService)
        .add(
            "UpdateExpressGatewayService",
            UpdateExpressGatewayServiceRequest.class,
            this::updateExpressGatewayService)
        .add(
            "DeleteExpressGatewayService",
            DeleteExpressGatewayServiceRequest.class,
            this::deleteExpressGatewayService)
        .add(
            "DescribeExpressGatewayService",
            DescribeExpressGatewayServiceRequest.class,
            this::describeExpressGatewayService);
  }
}
