package io.kecs.elbv2.account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Cipher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;

/**
 * The predefined TLS security policies KECS knows, with the protocols and ciphers AWS documents for
 * them (a subset of AWS's list: the default and the ones current templates name). Listeners accept
 * only these names.
 */
public final class SslPolicies {
  public static final String DEFAULT = "ELBSecurityPolicy-2016-08";

  private static final List<String> TLS13 =
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
  private static final List<String> GCM =
      List.of(
          "ECDHE-ECDSA-AES128-GCM-SHA256",
          "ECDHE-RSA-AES128-GCM-SHA256",
          "ECDHE-ECDSA-AES256-GCM-SHA384",
          "ECDHE-RSA-AES256-GCM-SHA384");
  private static final List<String> ECDHE_SHA2 =
      List.of(
          "ECDHE-ECDSA-AES128-GCM-SHA256",
          "ECDHE-RSA-AES128-GCM-SHA256",
          "ECDHE-ECDSA-AES128-SHA256",
          "ECDHE-RSA-AES128-SHA256",
          "ECDHE-ECDSA-AES256-GCM-SHA384",
          "ECDHE-RSA-AES256-GCM-SHA384",
          "ECDHE-ECDSA-AES256-SHA384",
          "ECDHE-RSA-AES256-SHA384");
  private static final List<String> RSA_SHA2 =
      List.of("AES128-GCM-SHA256", "AES128-SHA256", "AES256-GCM-SHA384", "AES256-SHA256");

  private static final Map<String, SslPolicy> POLICIES = new LinkedHashMap<>();

  static {
    List<String> legacy =
        new ArrayList<>(
            List.of(
                "ECDHE-ECDSA-AES128-GCM-SHA256",
                "ECDHE-RSA-AES128-GCM-SHA256",
                "ECDHE-ECDSA-AES128-SHA256",
                "ECDHE-RSA-AES128-SHA256",
                "ECDHE-ECDSA-AES128-SHA",
                "ECDHE-RSA-AES128-SHA",
                "ECDHE-ECDSA-AES256-GCM-SHA384",
                "ECDHE-RSA-AES256-GCM-SHA384",
                "ECDHE-ECDSA-AES256-SHA384",
                "ECDHE-RSA-AES256-SHA384",
                "ECDHE-RSA-AES256-SHA",
                "ECDHE-ECDSA-AES256-SHA",
                "AES128-GCM-SHA256",
                "AES128-SHA256",
                "AES128-SHA",
                "AES256-GCM-SHA384",
                "AES256-SHA256",
                "AES256-SHA"));
    add(DEFAULT, List.of("TLSv1", "TLSv1.1", "TLSv1.2"), legacy);
    add(
        "ELBSecurityPolicy-TLS13-1-2-2021-06",
        List.of("TLSv1.2", "TLSv1.3"),
        concat(TLS13, ECDHE_SHA2));
    add(
        "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
        List.of("TLSv1.2", "TLSv1.3"),
        concat(TLS13, GCM));
    add("ELBSecurityPolicy-TLS13-1-3-2021-06", List.of("TLSv1.3"), TLS13);
    add("ELBSecurityPolicy-TLS-1-2-2017-01", List.of("TLSv1.2"), concat(ECDHE_SHA2, RSA_SHA2));
    add("ELBSecurityPolicy-FS-1-2-Res-2020-10", List.of("TLSv1.2"), GCM);
  }

  private SslPolicies() {}

  public static Optional<SslPolicy> find(String name) {
    return Optional.ofNullable(POLICIES.get(name));
  }

  public static List<SslPolicy> all() {
    return List.copyOf(POLICIES.values());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static void add(String name, List<String> protocols, List<String> ciphers) {
    List<Cipher> list = new ArrayList<>();
    for (int i = 0; i < ciphers.size(); i++) {
      list.add(Cipher.builder().name(ciphers.get(i)).priority(i + 1).build());
    }
    POLICIES.put(
        name,
        SslPolicy.builder()
            .name(name)
            .sslProtocols(protocols)
            .ciphers(list)
            .supportedLoadBalancerTypes("application", "network")
            .build());
  }
}
