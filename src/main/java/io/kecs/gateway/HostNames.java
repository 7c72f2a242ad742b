package io.kecs.gateway;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The service a Host header names, for requests that carry no signature, target or action:
 * virtual-hosted S3 ({@code bucket.s3.localhost.localstack.cloud}, {@code
 * bucket.s3.us-east-1.amazonaws.com}) and regional endpoints ({@code sqs.eu-west-1.amazonaws.com}).
 */
final class HostNames {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");

  private HostNames() {}

  /** The signing name the host names, or null for hosts such as {@code localhost}. */
  static String serviceOf(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    String[] labels = h.split("\\.");
    for (String label : labels) {
      if (label.equals("s3") || label.startsWith("s3-")) {
        return "s3";
      }
    }
    boolean awsEndpoint =
        h.endsWith(".amazonaws.com")
            || h.endsWith(".amazonaws.com.cn")
            || (labels.length > 2 && REGION.matcher(labels[1]).matches());
    if (!awsEndpoint) {
      return null;
    }
    String prefix = labels[0];
    // Endpoint host prefixes (Cloud Map's data plane: data-servicediscovery) sign as the service.
    return prefix.startsWith("data-") ? prefix.substring("data-".length()) : prefix;
  }
}
