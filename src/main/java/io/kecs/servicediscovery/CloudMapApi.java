package io.kecs.servicediscovery;

import io.kecs.clock.Scheduler;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.AwsJsonModule;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.ServiceModule;
import io.kecs.servicediscovery.instance.DiscoveryService;
import io.kecs.servicediscovery.instance.InstanceRegistry;
import io.kecs.servicediscovery.instance.InstanceService;
import io.kecs.servicediscovery.namespace.NamespaceService;
import io.kecs.servicediscovery.operation.OperationService;
import io.kecs.servicediscovery.service.ServiceAttributeService;
import io.kecs.servicediscovery.service.ServiceService;
import io.kecs.servicediscovery.tag.TagService;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesRevisionResponse;
import software.amazon.awssdk.services.servicediscovery.model.Instance;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.Operation;
import software.amazon.awssdk.services.servicediscovery.model.Service;
import software.amazon.awssdk.services.servicediscovery.model.ServiceAttributes;
import software.amazon.awssdk.services.servicediscovery.model.TagResourceRequest;
import software.amazon.awssdk.services.servicediscovery.model.UpdateInstanceCustomHealthStatusRequest;

/** The Cloud Map API: builds the aggregates over the store and binds every operation to one. */
public final class CloudMapApi {
  public static final String TARGET_PREFIX = "Route53AutoNaming_v20170314";
  public static final String SIGNING_NAME = "servicediscovery";

  private final AwsJsonService service;
  private final ServiceModule module;
  private final NamespaceService namespaces;
  private final ServiceService services;
  private final InstanceRegistry registry;
  private final InstanceService instances;
  private final ClientAliases aliases = new ClientAliases();

  public CloudMapApi(Database db, AwsJsonCodec codec, Scheduler scheduler) {
    OperationService operations =
        new OperationService(
            new RecordTable<>(db, codec, "sd-operation", Operation.class), scheduler);
    TagService tags =
        new TagService(new RecordTable<>(db, codec, "sd-tag", TagResourceRequest.class));
    namespaces =
        new NamespaceService(
            new RecordTable<>(db, codec, "sd-namespace", Namespace.class),
            operations,
            tags,
            scheduler);
    services =
        new ServiceService(
            new RecordTable<>(db, codec, "sd-service", Service.class),
            namespaces,
            operations,
            tags,
            scheduler);
    ServiceAttributeService attributes =
        new ServiceAttributeService(
            new RecordTable<>(db, codec, "sd-service-attributes", ServiceAttributes.class),
            services);
    registry =
        new InstanceRegistry(
            new RecordTable<>(db, codec, "sd-instance", Instance.class),
            new RecordTable<>(
                db, codec, "sd-instance-health", UpdateInstanceCustomHealthStatusRequest.class),
            new RecordTable<>(db, codec, "sd-revision", DiscoverInstancesRevisionResponse.class));
    instances = new InstanceService(registry, services, operations);
    DiscoveryService discovery = new DiscoveryService(namespaces, services, registry);
    db.onReset(aliases::clear);
    tags.connectResources(
        arn ->
            arn.service().equals("servicediscovery")
                && (arn.resourceType().equals("namespace")
                    ? namespaces.exists(arn)
                    : services.exists(arn)));

    service = new AwsJsonService(TARGET_PREFIX, codec, "InvalidInput");
    module = new AwsJsonModule(SIGNING_NAME, service, codec);
    namespaces.bind(service);
    services.bind(service);
    attributes.bind(service);
    instances.bind(service);
    discovery.bind(service);
    operations.bind(service);
    tags.bind(service);
  }

  /** Cloud Map as a gateway module: awsJson 1.1, signing name {@code servicediscovery}. */
  public ServiceModule module() {
    return module;
  }

  public AwsJsonService service() {
    return service;
  }

  /** Cloud Map services as ECS's service registries (the port ECS registers tasks through). */
  public io.kecs.registry.ServiceRegistries registries() {
    return new CloudMapRegistries(namespaces, services, instances, registry, aliases);
  }

  /** What the DNS server answers from. */
  public DnsView dns() {
    return new DnsView(namespaces, services, registry, aliases);
  }
}
