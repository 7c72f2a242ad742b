package io.kecs.ecs.express;

import io.kecs.ecs.service.ServiceDeploymentService;
import io.kecs.ecs.service.ServiceService;
import io.kecs.ecs.service.Services;
import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import io.kecs.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.ECSExpressGatewayService;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceConfiguration;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceStatus;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * An Express service as answered: its status is its ECS service's (ACTIVE, DRAINING, INACTIVE), its
 * current deployment the service's newest deployment, and its active configurations those of the
 * revisions the service's deployments (PRIMARY first) run.
 */
final class ExpressView {
  private final ServiceService serviceApi;
  private final ServiceDeploymentService deployments;
  private final Services services;
  private final ExpressStore store;
  private final TagService tags;

  ExpressView(
      ServiceService serviceApi,
      ServiceDeploymentService deployments,
      Services services,
      ExpressStore store,
      TagService tags) {
    this.serviceApi = serviceApi;
    this.deployments = deployments;
    this.services = services;
    this.store = store;
    this.tags = tags;
  }

  /** The ECS service behind an Express service, if it still exists. */
  Optional<Service> service(RequestContext ctx, ECSExpressGatewayService express) {
    return serviceApi
        .describeServices(
            ctx,
            DescribeServicesRequest.builder()
                .cluster(express.cluster())
                .services(express.serviceArn())
                .build())
        .services()
        .stream()
        .findFirst();
  }

  static ExpressGatewayServiceStatus status(Optional<Service> service) {
    String code = service.map(Service::status).orElse("INACTIVE");
    String reason =
        switch (code) {
          case "DRAINING" -> "The Express service is being deleted.";
          case "INACTIVE" -> "The Express service has been deleted.";
          default -> null;
        };
    return ExpressGatewayServiceStatus.builder().statusCode(code).statusReason(reason).build();
  }

  ECSExpressGatewayService show(
      RequestContext ctx, ECSExpressGatewayService express, boolean withTags) {
    Optional<Service> service = service(ctx, express);
    ECSExpressGatewayService.Builder b =
        express.toBuilder()
            .status(status(service))
            .currentDeployment(currentDeployment(ctx, express).orElse(null))
            .activeConfigurations(activeConfigurations(express.serviceArn()));
    if (withTags) {
      b.tags(tags.tagsOf(Arn.parse(express.serviceArn()).orElseThrow()));
    }
    return b.build();
  }

  List<ExpressGatewayServiceConfiguration> activeConfigurations(String serviceArn) {
    List<ExpressGatewayServiceConfiguration> out = new ArrayList<>();
    for (String revision : services.revisionArnsOf(serviceArn)) {
      store.configuration(revision).ifPresent(out::add);
    }
    return out;
  }

  private Optional<String> currentDeployment(RequestContext ctx, ECSExpressGatewayService e) {
    return deployments
        .listServiceDeployments(
            ctx,
            ListServiceDeploymentsRequest.builder()
                .cluster(e.cluster())
                .service(e.serviceArn())
                .maxResults(1)
                .build())
        .serviceDeployments()
        .stream()
        .findFirst()
        .map(d -> d.serviceDeploymentArn());
  }
}
