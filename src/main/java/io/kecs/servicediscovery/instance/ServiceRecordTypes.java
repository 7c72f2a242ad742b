package io.kecs.servicediscovery.instance;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;

/** The record types a service's DNS config defines. */
final class ServiceRecordTypes {
  private ServiceRecordTypes() {}

  static Set<RecordType> of(List<DnsRecord> records) {
    Set<RecordType> types = EnumSet.noneOf(RecordType.class);
    records.forEach(r -> types.add(r.type()));
    return types;
  }
}
