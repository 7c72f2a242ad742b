package io.kecs.servicediscovery.dns;

import io.kecs.servicediscovery.DnsView;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;

/**
 * Answers one DNS query from Cloud Map's DNS namespaces, authoritatively: A / AAAA / SRV / CNAME of
 * a service name, A / AAAA of an SRV target ({@code instance-id.service.zone}), SOA of the zone,
 * NXDOMAIN for names that do not exist, REFUSED outside every zone (KECS does not recurse).
 * Malformed queries get FORMERR, other opcodes NOTIMP; what cannot even carry an id is dropped.
 */
public final class DnsAnswerer {
  private static final Logger LOG = LoggerFactory.getLogger(DnsAnswerer.class);
  static final int UDP_PLAIN = 512;
  static final int UDP_MAX = 4096;

  private final DnsView view;

  public DnsAnswerer(DnsView view) {
    this.view = view;
  }

  /**
   * The wire answer to {@code query}, or null to drop it.
   *
   * @param udp whether the answer goes back over UDP: then it is cut at 512 bytes (or the query's
   *     EDNS payload size, up to 4096) and flagged TC, so the client retries over TCP
   */
  public byte[] answer(byte[] query, boolean udp) {
    if (query.length < Header.LENGTH) {
      return null;
    }
    Message request;
    try {
      request = new Message(query);
    } catch (IOException | RuntimeException e) {
      return error(query, Rcode.FORMERR);
    }
    Header h = request.getHeader();
    if (h.getFlag(Flags.QR)) {
      return null; // an answer sent to us: never answer answers
    }
    if (h.getOpcode() != Opcode.QUERY) {
      return error(query, Rcode.NOTIMP);
    }
    Record question = request.getQuestion();
    if (question == null || h.getCount(Section.QUESTION) != 1) {
      return error(query, Rcode.FORMERR);
    }
    Message response = new Message(h.getID());
    response.getHeader().setFlag(Flags.QR);
    if (h.getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    response.addRecord(question, Section.QUESTION);
    OPTRecord opt = request.getOPT();
    int max = udp ? UDP_PLAIN : 65535;
    if (opt != null) {
      response.addRecord(new OPTRecord(UDP_MAX, 0, 0), Section.ADDITIONAL);
      if (udp) {
        max = Math.max(UDP_PLAIN, Math.min(UDP_MAX, opt.getPayloadSize()));
      }
    }
    try {
      fill(response, question);
    } catch (RuntimeException | TextParseException e) {
      LOG.warn("DNS query for {} failed: {}", question.getName(), e.toString());
      response.getHeader().setRcode(Rcode.SERVFAIL);
    }
    return response.toWire(max);
  }

  private void fill(Message response, Record question) throws TextParseException {
    Name qname = question.getName();
    int qclass = question.getDClass();
    if (qclass != DClass.IN && qclass != DClass.ANY) {
      response.getHeader().setRcode(Rcode.REFUSED);
      return;
    }
    Optional<software.amazon.awssdk.services.servicediscovery.model.Service> alias =
        view.alias(qname.toString(true));
    if (alias.isPresent()) {
      response.getHeader().setFlag(Flags.AA);
      AliasAnswer.answer(response, qname, question.getType(), view.instances(alias.get()));
      return;
    }
    Optional<Zone> zone = zoneOf(qname);
    if (zone.isEmpty()) {
      response.getHeader().setRcode(Rcode.REFUSED);
      return;
    }
    response.getHeader().setFlag(Flags.AA);
    new ZoneAnswer(zone.get(), view).answer(response, qname, question.getType());
  }

  /** The DNS namespace that holds {@code qname}: the longest zone name it ends with. */
  private Optional<Zone> zoneOf(Name qname) throws TextParseException {
    Zone best = null;
    for (Namespace ns : view.zones()) {
      Name origin = Name.fromString(ns.name().toLowerCase(Locale.ROOT), Name.root);
      if (qname.subdomain(origin) && (best == null || origin.labels() > best.origin().labels())) {
        best = new Zone(origin, ns);
      }
    }
    return Optional.ofNullable(best);
  }

  /** A header-only error answer carrying the query's id (and its opcode and RD flag). */
  private static byte[] error(byte[] query, int rcode) {
    int id = ((query[0] & 0xff) << 8) | (query[1] & 0xff);
    Message m = new Message(id);
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setOpcode((query[2] >> 3) & 0xf);
    if ((query[2] & 0x1) != 0) {
      m.getHeader().setFlag(Flags.RD);
    }
    m.getHeader().setRcode(rcode);
    return m.toWire();
  }

  /** A DNS namespace as a zone: its origin name and namespace. */
  record Zone(Name origin, Namespace namespace) {
    long soaTtl() {
      return namespace.properties().dnsProperties().soa().ttl();
    }
  }
}
