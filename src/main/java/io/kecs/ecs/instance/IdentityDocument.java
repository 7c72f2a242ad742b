package io.kecs.ecs.instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.InvalidParameterException;

/**
 * The fields KECS uses from an EC2 instance identity document (the JSON the instance metadata
 * service serves at {@code /latest/dynamic/instance-identity/document}). Only {@code instanceId} is
 * required; the others feed the {@code ecs.*} attributes and default resources when present. Other
 * fields (privateIp, accountId, pendingTime, ...) are accepted and not used. KECS holds no AWS
 * signing keys, so the signature that comes with the document is not verified; a document for
 * another region is refused, as an instance there could not reach this region's ECS.
 */
record IdentityDocument(
    String instanceId,
    String instanceType,
    String availabilityZone,
    String region,
    String imageId,
    String architecture) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String INVALID =
      "The identity document and identity document signature were not valid.";

  static IdentityDocument parse(String document, String requestRegion) {
    IdentityDocument doc = parse(document);
    if (doc.region != null && !doc.region.equals(requestRegion)) {
      throw new ClientException(
          INVALID + " The document is for region " + doc.region + ", not " + requestRegion + ".");
    }
    return doc;
  }

  private static IdentityDocument parse(String document) {
    if (document == null || document.isBlank()) {
      throw new InvalidParameterException(
          "instanceIdentityDocument is required to register a container instance.");
    }
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (JsonProcessingException e) {
      throw new ClientException(INVALID + " The document is not valid JSON.");
    }
    if (root == null || !root.isObject()) {
      throw new ClientException(INVALID + " The document must be a JSON object.");
    }
    String instanceId = text(root, "instanceId");
    if (instanceId == null
        || instanceId.isBlank()
        || instanceId.chars().anyMatch(Character::isWhitespace)) {
      throw new ClientException(INVALID + " The document has no instanceId.");
    }
    return new IdentityDocument(
        instanceId,
        text(root, "instanceType"),
        text(root, "availabilityZone"),
        text(root, "region"),
        text(root, "imageId"),
        text(root, "architecture"));
  }

  /** A field's text; null when absent or JSON null; a non-text value makes the document invalid. */
  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new ClientException(INVALID + " The field " + field + " must be a string.");
    }
    return node.asText();
  }
}
