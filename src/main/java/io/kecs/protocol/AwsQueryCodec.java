package io.kecs.protocol;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * The awsQuery codec, generic over the AWS SDK for Java v2 model classes: form parameters ({@code
 * Names.member.1}, {@code Attributes.entry.1.key}, {@code A.B.member.2.C}) are read into the
 * model's builders and responses written as {@code <OpResponse><OpResult>...} XML by walking {@link
 * SdkField} metadata. Timestamps are ISO-8601; an empty list arrives as {@code Name=} and leaves as
 * {@code <Name/>}; lists the SDK auto-constructs (never set) are left out.
 */
public final class AwsQueryCodec {
  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  /** ISO-8601 with milliseconds, as AWS query services write timestamps. */
  private static final java.time.format.DateTimeFormatter TIMESTAMP =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  private final String xmlNamespace;

  /**
   * @param xmlNamespace the service's XML namespace (ELBv2: {@code
   *     http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/})
   */
  public AwsQueryCodec(String xmlNamespace) {
    this.xmlNamespace = xmlNamespace;
  }

  /**
   * Reads form parameters into a model object, checking types, required members and enums.
   *
   * @throws RequestValidationException for a request that breaks the model
   */
  public <T extends SdkPojo> T read(Map<String, String> form, Class<T> type) {
    NavigableMap<String, String> sorted = new TreeMap<>(form);
    return type.cast(readPojo(ShapeInfo.forPojoClass(type), sorted, ""));
  }

  private Object readPojo(ShapeInfo shape, NavigableMap<String, String> form, String prefix) {
    SdkPojo builder = shape.newBuilder();
    for (SdkField<?> field : shape.fieldsByWireName.values()) {
      String key = prefix + field.locationName();
      if (!present(form, key)) {
        if (shape.required.contains(field)) {
          throw invalid("Value null at '" + memberPath(key) + "'", "Member must not be null");
        }
        continue;
      }
      Object value = readValue(field, form, key);
      Set<String> allowed = shape.enumValues.get(field.memberName());
      if (allowed != null) {
        checkEnum(allowed, value, key);
      }
      field.set(builder, value);
    }
    return ShapeInfo.build(builder);
  }

  private Object readValue(SdkField<?> field, NavigableMap<String, String> form, String key) {
    String text = form.get(key);
    String type = field.marshallingType().getTargetClass().getSimpleName();
    try {
      return switch (type) {
        case "String" -> text;
        case "Integer" -> Integer.valueOf(scalar(text, key).trim());
        case "Long" -> Long.valueOf(scalar(text, key).trim());
        case "Double" -> Double.valueOf(scalar(text, key).trim());
        case "Float" -> Float.valueOf(scalar(text, key).trim());
        case "BigDecimal" -> new java.math.BigDecimal(scalar(text, key).trim());
        case "Boolean" -> readBoolean(scalar(text, key), key);
        case "Instant" -> Instant.parse(scalar(text, key).trim());
        case "SdkBytes" -> SdkBytes.fromByteArray(Base64.getDecoder().decode(scalar(text, key)));
        case "SdkPojo" -> readPojo(ShapeInfo.forBuilder(field.constructor()), form, key + ".");
        case "List" -> readList(field, form, key);
        case "Map" -> readMap(field, form, key);
        default -> throw invalid("Unsupported member at '" + memberPath(key) + "'", type);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw invalid(
          "Value '" + text + "' at '" + memberPath(key) + "'",
          "Member must be a valid " + type.toLowerCase());
    } catch (IllegalArgumentException e) {
      throw invalid("Value at '" + memberPath(key) + "'", "Member must be valid base64");
    }
  }

  private static String scalar(String text, String key) {
    if (text == null) {
      throw invalid("Value at '" + memberPath(key) + "'", "Member must be a scalar value");
    }
    return text;
  }

  private static Boolean readBoolean(String text, String key) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default ->
          throw invalid(
              "Value '" + text + "' at '" + memberPath(key) + "'", "Member must be true or false");
    };
  }

  private List<Object> readList(SdkField<?> field, NavigableMap<String, String> form, String key) {
    ListTrait trait = field.getRequiredTrait(ListTrait.class);
    String itemPrefix =
        trait.isFlattened() ? key + "." : key + "." + nameOr(trait.memberLocationName(), "member");
    itemPrefix = trait.isFlattened() ? itemPrefix : itemPrefix + ".";
    SdkField<?> member = trait.memberFieldInfo();
    List<Object> out = new java.util.ArrayList<>();
    for (int index : indexes(form, itemPrefix)) {
      out.add(readValue(member, form, itemPrefix + index));
    }
    return out;
  }

  private Map<String, Object> readMap(
      SdkField<?> field, NavigableMap<String, String> form, String key) {
    MapTrait trait = field.getRequiredTrait(MapTrait.class);
    String entryPrefix = trait.isFlattened() ? key + "." : key + ".entry.";
    String keyName = nameOr(trait.keyLocationName(), "key");
    String valueName = nameOr(trait.valueLocationName(), "value");
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (int index : indexes(form, entryPrefix)) {
      String entry = entryPrefix + index + ".";
      String k = form.get(entry + keyName);
      if (k == null) {
        throw invalid("Value null at '" + memberPath(entry + keyName) + "'", "Key must be set");
      }
      String valueKey = entry + valueName;
      if (present(form, valueKey)) {
        out.put(k, readValue(trait.valueFieldInfo(), form, valueKey));
      }
    }
    return out;
  }

  /** The item numbers under {@code prefix} ({@code prefix1}, {@code prefix2.X}, ...) in order. */
  private static Set<Integer> indexes(NavigableMap<String, String> form, String prefix) {
    Set<Integer> out = new TreeSet<>();
    for (String k : form.subMap(prefix, true, prefix + Character.MAX_VALUE, false).keySet()) {
      String rest = k.substring(prefix.length());
      int dot = rest.indexOf('.');
      String number = dot < 0 ? rest : rest.substring(0, dot);
      try {
        int n = Integer.parseInt(number);
        if (n < 1) {
          throw new NumberFormatException();
        }
        out.add(n);
      } catch (NumberFormatException e) {
        throw invalid("Parameter '" + k + "'", "List and map items are numbered from 1");
      }
    }
    return out;
  }

  /** A member is present when its own key or a key below it is in the form. */
  private static boolean present(NavigableMap<String, String> form, String key) {
    if (form.containsKey(key)) {
      return true;
    }
    String below = form.ceilingKey(key + ".");
    return below != null && below.startsWith(key + ".");
  }

  private static void checkEnum(Set<String> allowed, Object value, String key) {
    if (value instanceof String s && !allowed.contains(s)) {
      throw invalid(
          "Value '" + s + "' at '" + memberPath(key) + "'",
          "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
    }
    if (value instanceof List<?> list) {
      for (Object element : list) {
        checkEnum(allowed, element, key);
      }
    }
  }

  private static String nameOr(String name, String fallback) {
    return name == null || name.isEmpty() ? fallback : name;
  }

  /** AWS names members in validation messages in camel case: {@code loadBalancerArn}. */
  private static String memberPath(String key) {
    StringBuilder out = new StringBuilder();
    for (String part : key.split("\\.")) {
      if (!out.isEmpty()) {
        out.append('.');
      }
      out.append(Character.toLowerCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }

  private static RequestValidationException invalid(String what, String constraint) {
    return new RequestValidationException(
        "1 validation error detected: " + what + " failed to satisfy constraint: " + constraint);
  }

  /** Writes {@code <OpResponse><OpResult>...</OpResult><ResponseMetadata>...}. */
  public byte[] write(String operation, SdkPojo result, String requestId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement(operation + "Response");
      w.writeDefaultNamespace(xmlNamespace);
      w.writeStartElement(operation + "Result");
      writeMembers(w, result);
      w.writeEndElement();
      w.writeStartElement("ResponseMetadata");
      text(w, "RequestId", requestId);
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** The awsQuery error: {@code <ErrorResponse><Error><Type/><Code/><Message/>..}. */
  public byte[] writeError(AwsException error, String requestId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("ErrorResponse");
      w.writeDefaultNamespace(xmlNamespace);
      w.writeStartElement("Error");
      text(w, "Type", error.httpStatus() >= 500 ? "Receiver" : "Sender");
      text(w, "Code", error.errorCode());
      text(w, "Message", error.getMessage() == null ? "" : error.getMessage());
      w.writeEndElement();
      text(w, "RequestId", requestId);
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private void writeMembers(XMLStreamWriter w, SdkPojo pojo) throws XMLStreamException {
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (value == null
          || value instanceof SdkAutoConstructList<?>
          || value instanceof SdkAutoConstructMap<?, ?>) {
        continue;
      }
      String name = nameOr(field.unmarshallLocationName(), field.locationName());
      writeValue(w, field, name, value);
    }
  }

  private void writeValue(XMLStreamWriter w, SdkField<?> field, String name, Object value)
      throws XMLStreamException {
    switch (value) {
      case SdkPojo p -> {
        w.writeStartElement(name);
        writeMembers(w, p);
        w.writeEndElement();
      }
      case List<?> list -> {
        ListTrait trait = field.getRequiredTrait(ListTrait.class);
        String item = nameOr(trait.memberLocationName(), "member");
        if (!trait.isFlattened()) {
          w.writeStartElement(name);
        }
        for (Object element : list) {
          writeValue(w, trait.memberFieldInfo(), trait.isFlattened() ? name : item, element);
        }
        if (!trait.isFlattened()) {
          w.writeEndElement();
        }
      }
      case Map<?, ?> map -> {
        MapTrait trait = field.getRequiredTrait(MapTrait.class);
        if (!trait.isFlattened()) {
          w.writeStartElement(name);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
          w.writeStartElement(trait.isFlattened() ? name : "entry");
          text(w, nameOr(trait.keyLocationName(), "key"), String.valueOf(e.getKey()));
          if (e.getValue() != null) {
            writeValue(
                w,
                trait.valueFieldInfo(),
                nameOr(trait.valueLocationName(), "value"),
                e.getValue());
          }
          w.writeEndElement();
        }
        if (!trait.isFlattened()) {
          w.writeEndElement();
        }
      }
      case SdkBytes b -> text(w, name, Base64.getEncoder().encodeToString(b.asByteArray()));
      case Instant t -> text(w, name, TIMESTAMP.format(t));
      default -> text(w, name, value.toString());
    }
  }

  private static void text(XMLStreamWriter w, String name, String text) throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(text);
    w.writeEndElement();
  }
}
