package io.kecs.ecs.express;

import io.kecs.store.RecordTable;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.ECSExpressGatewayService;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceConfiguration;

/**
 * Express services by ARN (the ARN of their ECS service), and their configurations by service
 * revision ARN ({@code service-revision/CLUSTER/NAME/ID}), so one service's configurations are one
 * range. Status, current deployment and active configurations are not stored: they are read from
 * the ECS service when answered.
 */
final class ExpressStore {
  private final RecordTable<ECSExpressGatewayService> services;
  private final RecordTable<ExpressGatewayServiceConfiguration> configurations;

  ExpressStore(
      RecordTable<ECSExpressGatewayService> services,
      RecordTable<ExpressGatewayServiceConfiguration> configurations) {
    this.services = services;
    this.configurations = configurations;
  }

  Optional<ECSExpressGatewayService> get(String serviceArn) {
    return services.get(serviceArn);
  }

  void put(ECSExpressGatewayService service) {
    services.put(service.serviceArn(), service);
  }

  Optional<ExpressGatewayServiceConfiguration> configuration(String serviceRevisionArn) {
    return configurations.get(serviceRevisionArn);
  }

  void putConfiguration(ExpressGatewayServiceConfiguration configuration) {
    configurations.put(configuration.serviceRevisionArn(), configuration);
  }

  /** The newest configuration recorded under a revision prefix (one service's revisions). */
  Optional<ExpressGatewayServiceConfiguration> latest(String revisionPrefix) {
    return configurations.range(revisionPrefix).values().stream()
        .max(Comparator.comparing(ExpressGatewayServiceConfiguration::createdAt));
  }

  /** Drops the configurations of an earlier service of the same name. */
  void forgetConfigurations(String revisionPrefix) {
    configurations.deleteAll(List.copyOf(configurations.range(revisionPrefix).keySet()));
  }
}
