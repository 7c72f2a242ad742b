package io.kecs.servicediscovery.dns;

import io.kecs.servicediscovery.DnsView;
import io.kecs.servicediscovery.instance.InstanceRegistry.Registered;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/**
 * The answer inside one zone, as Route 53 gives it for Cloud Map's records: MULTIVALUE returns up
 * to 8 healthy instances, WEIGHTED one at random; when none is healthy both answer as if all were
 * (failing open). A service without instances has no records (NXDOMAIN); a name with records but
 * none of the asked type gets NODATA, with the zone's SOA for negative caching.
 */
final class ZoneAnswer {
  static final int MULTIVALUE_MAX = 8;
  private static final long SOA_MINIMUM = 86400;

  private final DnsAnswerer.Zone zone;
  private final DnsView view;

  ZoneAnswer(DnsAnswerer.Zone zone, DnsView view) {
    this.zone = zone;
    this.view = view;
  }

  void answer(Message response, Name qname, int qtype) throws TextParseException {
    int depth = qname.labels() - zone.origin().labels();
    if (depth == 0) {
      if (qtype == Type.SOA || qtype == Type.ANY) {
        response.addRecord(soa(zone.soaTtl()), Section.ANSWER);
      } else {
        noData(response);
      }
      return;
    }
    String relative = qname.relativize(zone.origin()).toString(true).toLowerCase(Locale.ROOT);
    Optional<Service> service = view.service(zone.namespace(), relative);
    if (service.isPresent()) {
      List<Registered> instances = view.instances(service.get());
      if (!instances.isEmpty()) {
        serviceRecords(response, qname, qtype, service.get(), instances);
        return;
      }
    } else if (depth >= 2) {
      int dot = relative.indexOf('.');
      String instanceId = relative.substring(0, dot);
      Optional<Service> owner = view.service(zone.namespace(), relative.substring(dot + 1));
      if (owner.isPresent()) {
        for (Registered r : view.instances(owner.get())) {
          if (r.instance().id().equalsIgnoreCase(instanceId)) {
            List<org.xbill.DNS.Record> records =
                addresses(qname, r, qtype, ttls(owner.get()), owner.get());
            records.forEach(rec -> response.addRecord(rec, Section.ANSWER));
            if (records.isEmpty()) {
              noData(response);
            }
            return;
          }
        }
      }
    }
    response.getHeader().setRcode(Rcode.NXDOMAIN);
    response.addRecord(soa(negativeTtl()), Section.AUTHORITY);
  }

  private void serviceRecords(
      Message response, Name qname, int qtype, Service service, List<Registered> instances)
      throws TextParseException {
    Map<RecordType, Long> ttls = ttls(service);
    List<Registered> picked = pick(service.dnsConfig().routingPolicy(), instances);
    if (ttls.containsKey(RecordType.CNAME)) {
      String cname = picked.get(0).instance().attributes().get("AWS_INSTANCE_CNAME");
      if (cname != null) {
        Name target = Name.fromString(cname, Name.root);
        response.addRecord(
            new CNAMERecord(qname, DClass.IN, ttls.get(RecordType.CNAME), target), Section.ANSWER);
      }
      return;
    }
    boolean any = qtype == Type.ANY;
    int answers = 0;
    for (Registered r : picked) {
      if (any || qtype == Type.A || qtype == Type.AAAA) {
        for (org.xbill.DNS.Record rec :
            addresses(qname, r, any ? Type.ANY : qtype, ttls, service)) {
          if (ttls.containsKey(rec.getType() == Type.A ? RecordType.A : RecordType.AAAA)) {
            response.addRecord(rec, Section.ANSWER);
            answers++;
          }
        }
      }
      String port = r.instance().attributes().get("AWS_INSTANCE_PORT");
      if ((any || qtype == Type.SRV) && ttls.containsKey(RecordType.SRV) && port != null) {
        Name target = targetOf(r, service);
        if (target == null) {
          continue;
        }
        response.addRecord(
            new SRVRecord(
                qname, DClass.IN, ttls.get(RecordType.SRV), 1, 1, Integer.parseInt(port), target),
            Section.ANSWER);
        answers++;
        for (org.xbill.DNS.Record rec : addresses(target, r, Type.ANY, ttls, service)) {
          response.addRecord(rec, Section.ADDITIONAL);
        }
      }
    }
    if (answers == 0) {
      noData(response);
    }
  }

  /** The A / AAAA records of one instance at {@code name} (type ANY: both). */
  static List<org.xbill.DNS.Record> addresses(
      Name name, Registered r, int qtype, Map<RecordType, Long> ttls, Service service) {
    List<org.xbill.DNS.Record> out = new ArrayList<>();
    long fallback = ttls.values().stream().findFirst().orElse(60L);
    String v4 = r.instance().attributes().get("AWS_INSTANCE_IPV4");
    if (v4 != null && (qtype == Type.A || qtype == Type.ANY)) {
      literal(v4, Address.IPv4)
          .ifPresent(
              a ->
                  out.add(
                      new ARecord(name, DClass.IN, ttls.getOrDefault(RecordType.A, fallback), a)));
    }
    String v6 = r.instance().attributes().get("AWS_INSTANCE_IPV6");
    if (v6 != null && (qtype == Type.AAAA || qtype == Type.ANY)) {
      literal(v6, Address.IPv6)
          .ifPresent(
              a ->
                  out.add(
                      new AAAARecord(
                          name, DClass.IN, ttls.getOrDefault(RecordType.AAAA, fallback), a)));
    }
    return out;
  }

  private static Optional<InetAddress> literal(String text, int family) {
    try {
      return Optional.of(Address.getByAddress(text, family));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** {@code instance-id.service.zone}, or null when the id is no DNS label. */
  private Name targetOf(Registered r, Service service) {
    try {
      return Name.fromString(r.instance().id() + "." + service.name(), zone.origin());
    } catch (TextParseException e) {
      return null;
    }
  }

  static List<Registered> pick(RoutingPolicy policy, List<Registered> instances) {
    List<Registered> healthy = new ArrayList<>();
    for (Registered r : instances) {
      if (r.health() != HealthStatus.UNHEALTHY) {
        healthy.add(r);
      }
    }
    List<Registered> pool = new ArrayList<>(healthy.isEmpty() ? instances : healthy);
    Collections.shuffle(pool, ThreadLocalRandom.current());
    int n = policy == RoutingPolicy.WEIGHTED ? 1 : MULTIVALUE_MAX;
    return pool.subList(0, Math.min(n, pool.size()));
  }

  private static Map<RecordType, Long> ttls(Service service) {
    Map<RecordType, Long> ttls = new EnumMap<>(RecordType.class);
    for (DnsRecord r : service.dnsConfig().dnsRecords()) {
      ttls.put(r.type(), r.ttl());
    }
    return ttls;
  }

  private void noData(Message response) throws TextParseException {
    response.addRecord(soa(negativeTtl()), Section.AUTHORITY);
  }

  private long negativeTtl() {
    return Math.min(zone.soaTtl(), SOA_MINIMUM);
  }

  private SOARecord soa(long ttl) throws TextParseException {
    Name origin = zone.origin();
    return new SOARecord(
        origin,
        DClass.IN,
        ttl,
        Name.fromString("ns1", origin),
        Name.fromString("hostmaster", origin),
        1,
        7200,
        900,
        1209600,
        SOA_MINIMUM);
  }
}
