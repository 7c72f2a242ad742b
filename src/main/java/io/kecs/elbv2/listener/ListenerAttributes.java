package io.kecs.elbv2.listener;

import io.kecs.elbv2.common.AttributeRules;

/** The attributes of a listener, by protocol, with ELBv2's defaults. */
final class ListenerAttributes {
  private static final String[] RESPONSE_HEADERS = {
    "strict_transport_security",
    "access_control_allow_origin",
    "access_control_allow_methods",
    "access_control_allow_headers",
    "access_control_allow_credentials",
    "access_control_expose_headers",
    "access_control_max_age",
    "content_security_policy",
    "x_content_type_options",
    "x_frame_options"
  };

  private ListenerAttributes() {}

  static AttributeRules of(String protocol) {
    AttributeRules rules = new AttributeRules();
    if ("HTTP".equals(protocol) || "HTTPS".equals(protocol)) {
      rules.bool("routing.http.response.server.enabled", true);
      for (String h : RESPONSE_HEADERS) {
        rules.text("routing.http.response." + h + ".header_value", "");
      }
      if ("HTTPS".equals(protocol)) {
        rules.text("routing.http.request.x_amzn_mtls_clientcert_serial_number.header_name", "");
        rules.text("routing.http.request.x_amzn_mtls_clientcert_issuer.header_name", "");
        rules.text("routing.http.request.x_amzn_mtls_clientcert_subject.header_name", "");
        rules.text("routing.http.request.x_amzn_tls_version.header_name", "");
        rules.text("routing.http.request.x_amzn_tls_cipher_suite.header_name", "");
      }
    } else if ("TCP".equals(protocol)) {
      rules.range("tcp.idle_timeout.seconds", 350, 60, 6000);
    }
    return rules;
  }
}
