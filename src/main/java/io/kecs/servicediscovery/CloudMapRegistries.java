package io.kecs.servicediscovery;

import io.kecs.identity.Scope;
import io.kecs.protocol.AwsException;
import io.kecs.registry.ServiceRegistries;
import io.kecs.servicediscovery.instance.InstanceService;
import io.kecs.servicediscovery.service.ServiceService;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/** Cloud Map services as ECS's service registries. */
final class CloudMapRegistries implements ServiceRegistries {
  private static final Logger LOG = LoggerFactory.getLogger(CloudMapRegistries.class);

  private final ServiceService services;
  private final InstanceService instances;

  CloudMapRegistries(ServiceService services, InstanceService instances) {
    this.services = services;
    this.instances = instances;
  }

  @Override
  public Optional<Registry> find(Scope scope, String registryArn) {
    return services
        .find(scope, registryArn)
        .filter(s -> registryArn.equals(s.arn()))
        .map(
            s -> {
              java.util.List<DnsRecord> records =
                  s.dnsConfig() == null ? java.util.List.of() : s.dnsConfig().dnsRecords();
              return new Registry(
                  s.arn(),
                  has(records, RecordType.A),
                  has(records, RecordType.AAAA),
                  has(records, RecordType.SRV));
            });
  }

  @Override
  public void register(
      Scope scope, String registryArn, String instanceId, Map<String, String> attributes) {
    Optional<Service> s = services.find(scope, registryArn);
    if (s.isEmpty()) {
      LOG.info("Registry {} is gone; task {} not registered", registryArn, instanceId);
      return;
    }
    try {
      instances.register(scope, s.get(), instanceId, null, attributes);
    } catch (AwsException e) {
      LOG.warn("Task {} not registered in {}: {}", instanceId, registryArn, e.getMessage());
    }
  }

  @Override
  public void deregister(Scope scope, String registryArn, String instanceId) {
    services
        .find(scope, registryArn)
        .ifPresent(
            s -> {
              try {
                instances.deregister(scope, s, instanceId);
              } catch (AwsException e) {
                // already gone: nothing to do
              }
            });
  }

  private static boolean has(java.util.List<DnsRecord> records, RecordType type) {
    return records.stream().anyMatch(r -> r.type() == type);
  }
}
