package io.kecs.servicediscovery.service;

import io.kecs.servicediscovery.common.Checks;
import io.kecs.servicediscovery.error.InvalidInput;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckConfig;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;

/** The rules of a service's DNS and health check settings, as Cloud Map documents them. */
final class ServiceRules {
  private static final Pattern NAME =
      Pattern.compile(
          "((?=^.{1,127}$)^([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9])"
              + "(\\.([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9]))*$)|(^\\.$)");
  private static final List<Set<RecordType>> ALLOWED =
      List.of(
          EnumSet.of(RecordType.A),
          EnumSet.of(RecordType.AAAA),
          EnumSet.of(RecordType.A, RecordType.AAAA),
          EnumSet.of(RecordType.SRV),
          EnumSet.of(RecordType.A, RecordType.SRV),
          EnumSet.of(RecordType.AAAA, RecordType.SRV),
          EnumSet.of(RecordType.A, RecordType.AAAA, RecordType.SRV),
          EnumSet.of(RecordType.CNAME));

  private ServiceRules() {}

  static void name(String name) {
    Checks.matches("Name", name, NAME);
  }

  /** The record types of a DNS config, checked: one record per type, in a combination AWS takes. */
  static Set<RecordType> records(List<DnsRecord> records, RoutingPolicy policy) {
    if (records.isEmpty()) {
      throw new InvalidInput("DnsRecords must contain at least one record.");
    }
    Set<RecordType> types = EnumSet.noneOf(RecordType.class);
    for (DnsRecord r : records) {
      if (r.type() == null || r.type() == RecordType.UNKNOWN_TO_SDK_VERSION) {
        throw new InvalidInput("DnsRecord Type must be one of SRV, A, AAAA, CNAME.");
      }
      Checks.range("DnsRecord TTL", r.ttl(), 0, Integer.MAX_VALUE);
      if (!types.add(r.type())) {
        throw new InvalidInput("DnsRecords can contain only one record of type " + r.type() + ".");
      }
    }
    if (!ALLOWED.contains(types)) {
      throw new InvalidInput("The combination of DNS record types " + types + " is not supported.");
    }
    if (types.contains(RecordType.CNAME) && policy == RoutingPolicy.MULTIVALUE) {
      throw new InvalidInput("A CNAME record requires the WEIGHTED routing policy.");
    }
    return types;
  }

  /** A Route 53 health check config with its defaults filled in. */
  static HealthCheckConfig healthCheck(HealthCheckConfig c) {
    if (c.type() == HealthCheckType.TCP && c.resourcePath() != null) {
      throw new InvalidInput("ResourcePath can't be specified for a TCP health check.");
    }
    Checks.maxLength("ResourcePath", c.resourcePath(), 255);
    Integer threshold = c.failureThreshold() == null ? 1 : c.failureThreshold();
    if (threshold < 1 || threshold > 10) {
      throw new InvalidInput("FailureThreshold must be between 1 and 10.");
    }
    HealthCheckConfig.Builder b = c.toBuilder().failureThreshold(threshold);
    if (c.type() != HealthCheckType.TCP && c.resourcePath() == null) {
      b.resourcePath("/");
    }
    return b.build();
  }
}
