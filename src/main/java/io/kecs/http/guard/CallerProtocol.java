package io.kecs.http.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The protocol a caller speaks, guessed from the request before any service is chosen, so that a
 * refusal reaches an AWS SDK or CLI as an error it can parse: awsJson when {@code X-Amz-Target} is
 * there, awsQuery for form-encoded bodies and {@code Action=} queries, plain JSON otherwise.
 */
public enum CallerProtocol {
  AWS_JSON,
  AWS_QUERY,
  PLAIN_JSON;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A refusal as bytes on the wire. */
  public record Rendered(
      int status, String contentType, Map<String, String> headers, byte[] body) {}

  public static CallerProtocol guess(String target, String contentType, String query) {
    if (target != null) {
      return AWS_JSON;
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded")
        || (query != null && ("&" + query).contains("&Action="))) {
      return AWS_QUERY;
    }
    return PLAIN_JSON;
  }

  /**
   * @param jsonCode the error code as awsJson services name it ({@code AccessDeniedException})
   * @param queryCode the code as awsQuery services name it ({@code AccessDenied})
   */
  public Rendered render(
      int status,
      String jsonCode,
      String queryCode,
      String message,
      String requestId,
      String requestContentType) {
    return switch (this) {
      case AWS_JSON -> {
        ObjectNode body = JSON.createObjectNode().put("__type", jsonCode).put("message", message);
        String type =
            requestContentType != null && requestContentType.startsWith("application/x-amz-json")
                ? requestContentType
                : "application/x-amz-json-1.1";
        yield new Rendered(
            status,
            type,
            Map.of("x-amzn-ErrorType", jsonCode, "x-amzn-RequestId", requestId),
            bytes(body));
      }
      case AWS_QUERY ->
          new Rendered(
              status,
              "text/xml",
              Map.of("x-amzn-RequestId", requestId),
              ("<ErrorResponse><Error><Type>Sender</Type><Code>"
                      + xml(queryCode)
                      + "</Code><Message>"
                      + xml(message)
                      + "</Message></Error><RequestId>"
                      + xml(requestId)
                      + "</RequestId></ErrorResponse>")
                  .getBytes(StandardCharsets.UTF_8));
      case PLAIN_JSON ->
          new Rendered(
              status,
              "application/json",
              Map.of("x-amzn-RequestId", requestId),
              bytes(JSON.createObjectNode().put("code", queryCode).put("message", message)));
    };
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
