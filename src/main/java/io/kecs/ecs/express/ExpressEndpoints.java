package io.kecs.ecs.express;

import io.kecs.identity.Arn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.ecs.model.IngressPathSummary;

/**
 * The endpoint an Express service is given, shaped as ECS gives them: {@code
 * NAME-HASH.ecs.REGION.on.aws}, NAME the service name made a DNS label (lowercase, {@code _} to
 * {@code -}, at most 54 characters) and HASH the first 8 hex digits of the SHA-256 of the service
 * ARN, so services of the same name in other clusters or accounts get their own. Until KECS has
 * load balancers nothing serves it; it is PUBLIC as ECS makes endpoints in the default VPC.
 */
final class ExpressEndpoints {
  private static final int MAX_NAME = 54;

  private ExpressEndpoints() {}

  static String endpoint(Arn service, String serviceName) {
    String label = serviceName.toLowerCase(Locale.ROOT).replace('_', '-');
    if (label.length() > MAX_NAME) {
      label = label.substring(0, MAX_NAME);
    }
    label = label.replaceAll("-+$", "");
    return label + "-" + hash(service.toString()) + ".ecs." + service.region() + ".on.aws";
  }

  static List<IngressPathSummary> ingress(Arn service, String serviceName) {
    return List.of(
        IngressPathSummary.builder()
            .accessType("PUBLIC")
            .endpoint(endpoint(service, serviceName))
            .build());
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
