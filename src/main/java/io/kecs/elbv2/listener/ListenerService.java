package io.kecs.elbv2.listener;

import io.kecs.elbv2.account.SslPolicies;
import io.kecs.elbv2.common.AttributeRules;
import io.kecs.elbv2.common.Elbv2Arns;
import io.kecs.elbv2.common.Elbv2Tables;
import io.kecs.elbv2.common.Limits;
import io.kecs.elbv2.common.Marker;
import io.kecs.elbv2.error.ALPNPolicyNotFound;
import io.kecs.elbv2.error.CertificateNotFound;
import io.kecs.elbv2.error.DuplicateListener;
import io.kecs.elbv2.error.ListenerNotFound;
import io.kecs.elbv2.error.SSLPolicyNotFound;
import io.kecs.elbv2.error.TooManyListeners;
import io.kecs.elbv2.error.TrustStoreNotFound;
import io.kecs.elbv2.error.UnsupportedProtocol;
import io.kecs.elbv2.error.ValidationError;
import io.kecs.elbv2.loadbalancer.LoadBalancerService;
import io.kecs.elbv2.rule.ActionRules;
import io.kecs.elbv2.rule.RuleService;
import io.kecs.elbv2.tag.TagService;
import io.kecs.protocol.AwsQueryService;
import io.kecs.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** The listener aggregate. */
public final class ListenerService {
  private static final int MAX_PAGE = 400;
  private static final Set<String> ALPN =
      Set.of("HTTP1Only", "HTTP2Only", "HTTP2Optional", "HTTP2Preferred", "None");

  private final Elbv2Tables tables;
  private final LoadBalancerService loadBalancers;
  private final RuleService rules;
  private final ActionRules actions;
  private final TagService tags;

  public ListenerService(
      Elbv2Tables tables,
      LoadBalancerService loadBalancers,
      RuleService rules,
      ActionRules actions,
      TagService tags) {
    this.tables = tables;
    this.loadBalancers = loadBalancers;
    this.rules = rules;
    this.actions = actions;
    this.tags = tags;
    tags.registerResourceType("listener", arn -> tables.listeners.get(arn).isPresent());
    loadBalancers.onDelete(lb -> tables.listenersOf(lb).forEach(l -> remove(l.listenerArn())));
  }

  public void bind(AwsQueryService s) {
    s.add("CreateListener", CreateListenerRequest.class, this::create);
    s.add("DescribeListeners", DescribeListenersRequest.class, this::describe);
    s.add("ModifyListener", ModifyListenerRequest.class, this::modify);
    s.add("DeleteListener", DeleteListenerRequest.class, this::delete);
    s.add("DescribeListenerAttributes", DescribeListenerAttributesRequest.class, this::attrs);
    s.add("ModifyListenerAttributes", ModifyListenerAttributesRequest.class, this::modifyAttrs);
    s.add("AddListenerCertificates", AddListenerCertificatesRequest.class, this::addCerts);
    s.add("RemoveListenerCertificates", RemoveListenerCertificatesRequest.class, this::removeCerts);
    s.add("DescribeListenerCertificates", DescribeListenerCertificatesRequest.class, this::certs);
  }

  private Listener require(String arn) {
    return tables
        .listeners
        .get(arn == null ? "" : arn)
        .orElseThrow(() -> new ListenerNotFound("Listener '" + arn + "' not found"));
  }

  /** Checks a complete listener against its load balancer and the other listeners. */
  private void check(Listener l, LoadBalancer lb) {
    String type = lb.typeAsString();
    String p = l.protocolAsString();
    if (type.equals("gateway")) {
      if (p != null || l.port() != null) {
        throw new ValidationError(
            "Protocol and port cannot be specified for Gateway Load Balancer listeners");
      }
    } else {
      if (p == null) {
        throw new ValidationError("A listener protocol must be specified");
      }
      Set<String> allowed =
          type.equals("application")
              ? Set.of("HTTP", "HTTPS")
              : Set.of("TCP", "TLS", "UDP", "TCP_UDP", "QUIC", "TCP_QUIC");
      if (!allowed.contains(p)) {
        throw new UnsupportedProtocol(
            "Protocol '" + p + "' is not supported for " + type + " load balancers");
      }
      if (l.port() == null || l.port() < 1 || l.port() > 65535) {
        throw new ValidationError("A listener port from 1 to 65535 must be specified");
      }
    }
    boolean secure = "HTTPS".equals(p) || "TLS".equals(p);
    if (secure) {
      if (l.certificates().size() != 1 || l.certificates().get(0).certificateArn() == null) {
        throw new CertificateNotFound("A certificate must be specified for " + p + " listeners");
      }
      if (SslPolicies.find(l.sslPolicy()).isEmpty()) {
        throw new SSLPolicyNotFound("SSL policy '" + l.sslPolicy() + "' not found");
      }
    } else if (l.hasCertificates() && !l.certificates().isEmpty() || l.sslPolicy() != null) {
      throw new ValidationError(
          "Certificates and SSL policies can only be set on HTTPS and TLS listeners");
    }
    if (l.hasAlpnPolicy() && !l.alpnPolicy().isEmpty()) {
      if (!"TLS".equals(p)) {
        throw new ValidationError("An ALPN policy can only be set on TLS listeners");
      }
      for (String a : l.alpnPolicy()) {
        if (!ALPN.contains(a)) {
          throw new ALPNPolicyNotFound("ALPN policy '" + a + "' not found");
        }
      }
    }
    MutualAuthenticationAttributes m = l.mutualAuthentication();
    if (m != null && m.mode() != null && !m.mode().equals("off")) {
      if (!"HTTPS".equals(p)) {
        throw new ValidationError("Mutual authentication is supported only on HTTPS listeners");
      }
      if (m.mode().equals("verify")
          && (m.trustStoreArn() == null || tables.trustStores.get(m.trustStoreArn()).isEmpty())) {
        throw new TrustStoreNotFound("Trust store '" + m.trustStoreArn() + "' not found");
      }
    }
    for (Listener other : tables.listenersOf(lb.loadBalancerArn())) {
      if (!other.listenerArn().equals(l.listenerArn())
          && other.port() != null
          && other.port().equals(l.port())) {
        throw new DuplicateListener("A listener already exists on port " + l.port());
      }
    }
    actions.check(l.defaultActions(), lb, p);
  }

  private CreateListenerResponse create(RequestContext ctx, CreateListenerRequest r) {
    tags.check(r.tags());
    synchronized (tables.lock()) {
      LoadBalancer lb = loadBalancers.require(r.loadBalancerArn());
      String arn = Elbv2Arns.listener(lb.loadBalancerArn(), Elbv2Arns.newId());
      boolean secure = "HTTPS".equals(r.protocolAsString()) || "TLS".equals(r.protocolAsString());
      Listener.Builder b =
          Listener.builder()
              .listenerArn(arn)
              .loadBalancerArn(lb.loadBalancerArn())
              .protocol(r.protocolAsString())
              .port(r.port())
              .defaultActions(r.defaultActions());
      if (r.hasCertificates()) {
        b.certificates(
            r.certificates().stream()
                .map(c -> Certificate.builder().certificateArn(c.certificateArn()).build())
                .toList());
      }
      b.sslPolicy(r.sslPolicy() == null && secure ? SslPolicies.DEFAULT : r.sslPolicy());
      if (r.hasAlpnPolicy()) {
        b.alpnPolicy(r.alpnPolicy());
      }
      if (r.mutualAuthentication() != null) {
        b.mutualAuthentication(r.mutualAuthentication());
      } else if ("HTTPS".equals(r.protocolAsString())) {
        b.mutualAuthentication(MutualAuthenticationAttributes.builder().mode("off").build());
      }
      Listener l = b.build();
      check(l, lb);
      if (tables.listenersOf(lb.loadBalancerArn()).size() >= Limits.LISTENERS_PER_LOAD_BALANCER) {
        throw new TooManyListeners(
            "The load balancer has the maximum number of listeners ("
                + Limits.LISTENERS_PER_LOAD_BALANCER
                + ")");
      }
      tables.listeners.put(arn, l);
      rules.putDefault(arn, l.defaultActions());
      tags.apply(arn, r.tags());
      return CreateListenerResponse.builder().listeners(l).build();
    }
  }

  private DescribeListenersResponse describe(RequestContext ctx, DescribeListenersRequest r) {
    if ((r.loadBalancerArn() == null) == (!r.hasListenerArns())) {
      throw new ValidationError("You must specify either listener ARNs or a load balancer ARN");
    }
    List<Listener> chosen = new ArrayList<>();
    if (r.loadBalancerArn() != null) {
      chosen.addAll(
          tables.listenersOf(loadBalancers.require(r.loadBalancerArn()).loadBalancerArn()));
    } else {
      for (String arn : r.listenerArns()) {
        chosen.add(require(arn));
      }
    }
    Marker.Page<Listener> page =
        Marker.page(chosen, Listener::listenerArn, r.marker(), r.pageSize(), MAX_PAGE);
    return DescribeListenersResponse.builder()
        .listeners(page.items())
        .nextMarker(page.nextMarker())
        .build();
  }

  private ModifyListenerResponse modify(RequestContext ctx, ModifyListenerRequest r) {
    synchronized (tables.lock()) {
      Listener l = require(r.listenerArn());
      LoadBalancer lb = loadBalancers.require(l.loadBalancerArn());
      Listener.Builder b = l.toBuilder();
      if (r.port() != null) b.port(r.port());
      if (r.protocol() != null) {
        b.protocol(r.protocolAsString());
        boolean secure = "HTTPS".equals(r.protocolAsString()) || "TLS".equals(r.protocolAsString());
        if (!secure) {
          b.certificates(List.of())
              .sslPolicy(null)
              .mutualAuthentication((MutualAuthenticationAttributes) null);
        } else if (l.sslPolicy() == null && r.sslPolicy() == null) {
          b.sslPolicy(SslPolicies.DEFAULT);
        }
      }
      if (r.sslPolicy() != null) b.sslPolicy(r.sslPolicy());
      if (r.hasCertificates()) {
        b.certificates(
            r.certificates().stream()
                .map(c -> Certificate.builder().certificateArn(c.certificateArn()).build())
                .toList());
      }
      if (r.hasDefaultActions()) b.defaultActions(r.defaultActions());
      if (r.hasAlpnPolicy()) b.alpnPolicy(r.alpnPolicy());
      if (r.mutualAuthentication() != null) b.mutualAuthentication(r.mutualAuthentication());
      Listener updated = b.build();
      check(updated, lb);
      tables.listeners.put(updated.listenerArn(), updated);
      if (r.hasDefaultActions()) {
        rules.putDefault(updated.listenerArn(), updated.defaultActions());
      }
      return ModifyListenerResponse.builder().listeners(updated).build();
    }
  }

  private DeleteListenerResponse delete(RequestContext ctx, DeleteListenerRequest r) {
    synchronized (tables.lock()) {
      remove(require(r.listenerArn()).listenerArn());
    }
    return DeleteListenerResponse.builder().build();
  }

  /** Removes a listener with its rules, settings and tags; the caller holds the lock. */
  private void remove(String arn) {
    rules.deleteAllOf(arn);
    tables.listenerAttributes.delete(arn);
    tables.listenerCertificates.delete(arn);
    tags.forget(arn);
    tables.listeners.delete(arn);
  }

  private Map<String, String> attributesOf(Listener l) {
    List<Map.Entry<String, String>> set =
        tables
            .listenerAttributes
            .get(l.listenerArn())
            .map(m -> m.attributes().stream().map(a -> Map.entry(a.key(), a.value())).toList())
            .orElse(List.of());
    return ListenerAttributes.of(l.protocolAsString()).merged(set);
  }

  private static List<ListenerAttribute> asList(Map<String, String> attributes) {
    return attributes.entrySet().stream()
        .map(e -> ListenerAttribute.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  private DescribeListenerAttributesResponse attrs(
      RequestContext ctx, DescribeListenerAttributesRequest r) {
    return DescribeListenerAttributesResponse.builder()
        .attributes(asList(attributesOf(require(r.listenerArn()))))
        .build();
  }

  private ModifyListenerAttributesResponse modifyAttrs(
      RequestContext ctx, ModifyListenerAttributesRequest r) {
    synchronized (tables.lock()) {
      Listener l = require(r.listenerArn());
      if (r.attributes().isEmpty()) {
        throw new ValidationError("At least one attribute must be specified");
      }
      AttributeRules rulesOfKind = ListenerAttributes.of(l.protocolAsString());
      Map<String, String> current = attributesOf(l);
      for (ListenerAttribute a : r.attributes()) {
        rulesOfKind.check(a.key(), a.value(), "Listener");
        current.put(a.key(), a.value());
      }
      tables.listenerAttributes.put(
          l.listenerArn(),
          ModifyListenerAttributesRequest.builder()
              .listenerArn(l.listenerArn())
              .attributes(asList(current))
              .build());
      return ModifyListenerAttributesResponse.builder().attributes(asList(current)).build();
    }
  }

  private List<Certificate> extraCertificates(String listenerArn) {
    return tables
        .listenerCertificates
        .get(listenerArn)
        .map(AddListenerCertificatesRequest::certificates)
        .orElse(List.of());
  }

  private AddListenerCertificatesResponse addCerts(
      RequestContext ctx, AddListenerCertificatesRequest r) {
    synchronized (tables.lock()) {
      Listener l = require(r.listenerArn());
      requireSecure(l);
      List<Certificate> all = new ArrayList<>(extraCertificates(l.listenerArn()));
      for (Certificate c : r.certificates()) {
        if (c.certificateArn() == null) {
          throw new ValidationError("A certificate ARN must be specified");
        }
        if (all.stream().noneMatch(x -> x.certificateArn().equals(c.certificateArn()))) {
          all.add(
              Certificate.builder().certificateArn(c.certificateArn()).isDefault(false).build());
        }
      }
      if (all.size() + 1 > Limits.CERTIFICATES_PER_LOAD_BALANCER) {
        throw new io.kecs.elbv2.error.TooManyCertificates(
            "A listener can have at most "
                + Limits.CERTIFICATES_PER_LOAD_BALANCER
                + " certificates");
      }
      tables.listenerCertificates.put(
          l.listenerArn(),
          AddListenerCertificatesRequest.builder()
              .listenerArn(l.listenerArn())
              .certificates(all)
              .build());
      return AddListenerCertificatesResponse.builder().certificates(all).build();
    }
  }

  private RemoveListenerCertificatesResponse removeCerts(
      RequestContext ctx, RemoveListenerCertificatesRequest r) {
    synchronized (tables.lock()) {
      Listener l = require(r.listenerArn());
      requireSecure(l);
      Set<String> gone = new java.util.HashSet<>();
      for (Certificate c : r.certificates()) {
        if (l.certificates().stream()
            .anyMatch(d -> d.certificateArn().equals(c.certificateArn()))) {
          throw new io.kecs.elbv2.error.OperationNotPermitted(
              "The default certificate of a listener cannot be removed; use ModifyListener");
        }
        gone.add(c.certificateArn());
      }
      List<Certificate> kept =
          extraCertificates(l.listenerArn()).stream()
              .filter(c -> !gone.contains(c.certificateArn()))
              .toList();
      tables.listenerCertificates.put(
          l.listenerArn(),
          AddListenerCertificatesRequest.builder()
              .listenerArn(l.listenerArn())
              .certificates(kept)
              .build());
      return RemoveListenerCertificatesResponse.builder().build();
    }
  }

  private DescribeListenerCertificatesResponse certs(
      RequestContext ctx, DescribeListenerCertificatesRequest r) {
    Listener l = require(r.listenerArn());
    List<Certificate> all = new ArrayList<>();
    l.certificates().forEach(c -> all.add(c.toBuilder().isDefault(true).build()));
    all.addAll(extraCertificates(l.listenerArn()));
    Marker.Page<Certificate> page =
        Marker.page(all, c -> String.format("%05d", all.indexOf(c)), r.marker(), r.pageSize(), 400);
    return DescribeListenerCertificatesResponse.builder()
        .certificates(page.items())
        .nextMarker(page.nextMarker())
        .build();
  }

  private static void requireSecure(Listener l) {
    if (!"HTTPS".equals(l.protocolAsString()) && !"TLS".equals(l.protocolAsString())) {
      throw new ValidationError("Certificates can only be added to HTTPS and TLS listeners");
    }
  }
}
