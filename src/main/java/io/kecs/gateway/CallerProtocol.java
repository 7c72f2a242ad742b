package io.kecs.gateway;

import io.kecs.protocol.ApiAnswer;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The protocol a caller speaks, guessed from the request, for errors the gateway itself answers (no
 * backend configured, backend down) to requests no KECS module serves: clients parse an error only
 * in the protocol they sent.
 */
public enum CallerProtocol {
  AWS_JSON,
  AWS_QUERY,
  REST_XML,
  REST_JSON;

  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  public static CallerProtocol of(RoutingRequest request, String contentType, String service) {
    if (request.target() != null) {
      return AWS_JSON;
    }
    if (request.queryParameter("Action") != null
        || (contentType != null && contentType.startsWith("application/x-www-form-urlencoded"))) {
      return AWS_QUERY;
    }
    if ("s3".equals(service) || "s3".equals(HostNames.serviceOf(request.host()))) {
      return REST_XML;
    }
    return REST_JSON;
  }

  /**
   * The protocol of a request before its body is read (the guards in front of the gateway): no
   * form, so only the content type says awsQuery.
   */
  public static CallerProtocol guess(
      String target, String contentType, String rawQuery, String host) {
    Map<String, String> query;
    try {
      query = io.kecs.protocol.FormBody.decode(rawQuery);
    } catch (IllegalArgumentException e) {
      query = Map.of();
    }
    return of(new RoutingRequest("", host, null, target, query, Map.of()), contentType, null);
  }

  /**
   * An error whose code differs by protocol family, as AWS names them: {@code
   * AccessDeniedException} in JSON protocols, {@code AccessDenied} in XML ones.
   */
  public ApiAnswer error(
      int status, String jsonCode, String xmlCode, String message, String requestId) {
    boolean xml = this == AWS_QUERY || this == REST_XML;
    return error(xml ? xmlCode : jsonCode, status, message, requestId);
  }

  public ApiAnswer error(String code, int status, String message, String requestId) {
    return switch (this) {
      case AWS_JSON ->
          json("application/x-amz-json-1.1", code, status, message, requestId, "__type");
      case REST_JSON -> json("application/json", code, status, message, requestId, "code");
      case AWS_QUERY -> xml(code, status, message, requestId, true);
      case REST_XML -> xml(code, status, message, requestId, false);
    };
  }

  private static ApiAnswer json(
      String contentType,
      String code,
      int status,
      String message,
      String requestId,
      String codeField) {
    var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    node.put(codeField, code);
    node.put("message", message);
    return new ApiAnswer(
        status,
        contentType,
        Map.of("x-amzn-ErrorType", code, "x-amzn-RequestId", requestId),
        node.toString().getBytes(StandardCharsets.UTF_8),
        "unknown");
  }

  /** awsQuery: {@code <ErrorResponse><Error>..}; REST XML (S3): a bare {@code <Error>}. */
  private static ApiAnswer xml(
      String code, int status, String message, String requestId, boolean query) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      if (query) {
        w.writeStartElement("ErrorResponse");
      }
      w.writeStartElement("Error");
      if (query) {
        element(w, "Type", status >= 500 ? "Receiver" : "Sender");
      }
      element(w, "Code", code);
      element(w, "Message", message);
      if (!query) {
        element(w, "RequestId", requestId);
      }
      w.writeEndElement();
      if (query) {
        element(w, "RequestId", requestId);
        w.writeEndElement();
      }
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return new ApiAnswer(
        status,
        "text/xml",
        Map.of("x-amzn-RequestId", requestId),
        out.toString().getBytes(StandardCharsets.UTF_8),
        "unknown");
  }

  private static void element(XMLStreamWriter w, String name, String text)
      throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(text);
    w.writeEndElement();
  }
}
