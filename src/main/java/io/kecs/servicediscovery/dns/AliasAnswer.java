package io.kecs.servicediscovery.dns;

import io.kecs.servicediscovery.instance.InstanceRegistry.Registered;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;

/**
 * The answer for a Service Connect client alias: the A / AAAA records of up to 8 healthy instances
 * of its Cloud Map service (all when none is healthy), with a short TTL because tasks come and go.
 * ECS's Service Connect proxy balances each connection itself; a DNS answer is what KECS has.
 */
final class AliasAnswer {
  static final long TTL = 5;

  private AliasAnswer() {}

  static void answer(Message response, Name qname, int qtype, List<Registered> instances) {
    if (instances.isEmpty()) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
      return;
    }
    if (qtype != Type.A && qtype != Type.AAAA && qtype != Type.ANY) {
      return; // NODATA: the name exists, without records of that type
    }
    Map<RecordType, Long> ttls = Map.of(RecordType.A, TTL, RecordType.AAAA, TTL);
    for (Registered r : ZoneAnswer.pick(RoutingPolicy.MULTIVALUE, instances)) {
      for (org.xbill.DNS.Record rec : ZoneAnswer.addresses(qname, r, qtype, ttls, null)) {
        response.addRecord(rec, Section.ANSWER);
      }
    }
  }
}
