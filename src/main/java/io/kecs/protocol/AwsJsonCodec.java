package io.kecs.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * The awsJson 1.1 codec, generic over the AWS SDK for Java v2 model classes: requests are read into
 * the model's builders and responses written from its pojos by walking {@link SdkField} metadata.
 * Timestamps are epoch seconds with millisecond fractions; lists and maps the SDK auto-constructs
 * (never set) are left out, explicitly empty ones are written as {@code []} / {@code {}}.
 */
public final class AwsJsonCodec {
  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();
  private final JsonFactory factory = mapper.getFactory();
  private final WireCache wireCache = new WireCache();

  /** The wire forms of stored records, reused when an answer carries a stored record as is. */
  public WireCache wireCache() {
    return wireCache;
  }

  private final Map<Class<?>, Set<String>> extraEnumValues = new ConcurrentHashMap<>();

  /**
   * Makes requests accept {@code values} for members of {@code enumType} besides the constants the
   * SDK model lists: services accept some values their published model never added (ECS takes the
   * account setting name {@code dualStackIPv6}, absent from {@code SettingName}).
   */
  public void acceptEnumValues(Class<? extends Enum<?>> enumType, String... values) {
    extraEnumValues
        .computeIfAbsent(enumType, t -> ConcurrentHashMap.newKeySet())
        .addAll(List.of(values));
  }

  /** Reads a request body into a model object, checking JSON types, required members and enums. */
  public <T extends SdkPojo> T read(byte[] body, Class<T> type) {
    JsonNode root;
    if (body.length == 0) {
      root = mapper.createObjectNode();
    } else {
      try {
        root = mapper.readTree(body);
      } catch (JsonProcessingException e) {
        throw new SerializationException("Malformed JSON request body: " + e.getOriginalMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (root == null || root.isMissingNode()) {
      root = mapper.createObjectNode();
    }
    return type.cast(readPojo(ShapeInfo.forPojoClass(type), root, ""));
  }

  /** Writes a model object as a JSON document. */
  public byte[] write(SdkPojo pojo) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator gen = factory.createGenerator(out)) {
      writePojo(gen, pojo);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes the AWS error body: {@code {"__type": code, "message": text}}. */
  public byte[] writeError(AwsException error) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator gen = factory.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeStringField("__type", error.errorCode());
      gen.writeStringField("message", error.getMessage());
      for (Map.Entry<String, String> detail : new java.util.TreeMap<>(error.details()).entrySet()) {
        gen.writeStringField(detail.getKey(), detail.getValue());
      }
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private Object readPojo(ShapeInfo shape, JsonNode node, String path) {
    if (!node.isObject()) {
      throw typeError(path, "structure", node);
    }
    SdkPojo builder = shape.newBuilder();
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      SdkField<?> field = shape.fieldsByWireName.get(member.getKey());
      JsonNode value = member.getValue();
      if (field == null || value.isNull()) {
        continue; // AWS services ignore members they do not know
      }
      String memberPath = path.isEmpty() ? field.locationName() : path + "." + field.locationName();
      Object parsed = readValue(field, value, memberPath);
      Set<String> allowed = shape.enumValues.get(field.memberName());
      if (allowed != null) {
        Set<String> extra =
            extraEnumValues.getOrDefault(shape.enumTypes.get(field.memberName()), Set.of());
        checkEnum(allowed, extra, parsed, memberPath);
      }
      field.set(builder, parsed);
    }
    for (SdkField<?> field : shape.required) {
      JsonNode value = node.get(field.locationName());
      if (value == null || value.isNull()) {
        String memberPath =
            path.isEmpty() ? field.locationName() : path + "." + field.locationName();
        throw new RequestValidationException("Missing required parameter: " + memberPath);
      }
    }
    return ShapeInfo.build(builder);
  }

  private Object readValue(SdkField<?> field, JsonNode node, String path) {
    return switch (field.marshallingType().getTargetClass().getSimpleName()) {
      case "String" -> {
        if (!node.isTextual()) throw typeError(path, "string", node);
        yield node.textValue();
      }
      case "Integer" -> {
        if (!node.isIntegralNumber()) throw typeError(path, "integer", node);
        if (!node.canConvertToInt()) throw rangeError(path, node);
        yield node.intValue();
      }
      case "Long" -> {
        if (!node.isIntegralNumber()) throw typeError(path, "long", node);
        if (!node.canConvertToLong()) throw rangeError(path, node);
        yield node.longValue();
      }
      case "Double" -> {
        if (!node.isNumber()) throw typeError(path, "double", node);
        yield node.doubleValue();
      }
      case "Float" -> {
        if (!node.isNumber()) throw typeError(path, "float", node);
        yield node.floatValue();
      }
      case "BigDecimal" -> {
        if (!node.isNumber()) throw typeError(path, "number", node);
        yield node.decimalValue();
      }
      case "Boolean" -> {
        if (!node.isBoolean()) throw typeError(path, "boolean", node);
        yield node.booleanValue();
      }
      case "Instant" -> readInstant(node, path);
      case "SdkBytes" -> {
        if (!node.isTextual()) throw typeError(path, "blob", node);
        try {
          yield SdkBytes.fromByteArray(Base64.getDecoder().decode(node.textValue()));
        } catch (IllegalArgumentException e) {
          throw new SerializationException("Invalid base64 value for " + path);
        }
      }
      case "SdkPojo" -> readPojo(ShapeInfo.forBuilder(field.constructor()), node, path);
      case "List" -> readList(field, node, path);
      case "Map" -> readMap(field, node, path);
      default -> throw new SerializationException("Unsupported member type at " + path);
    };
  }

  private Instant readInstant(JsonNode node, String path) {
    if (!node.isNumber()) {
      throw typeError(path, "timestamp (epoch seconds)", node);
    }
    BigDecimal seconds = node.decimalValue();
    try {
      long millis = seconds.movePointRight(3).longValueExact();
      return Instant.ofEpochMilli(millis);
    } catch (ArithmeticException e) {
      long millis = seconds.movePointRight(3).longValue();
      return Instant.ofEpochMilli(millis);
    }
  }

  private List<Object> readList(SdkField<?> field, JsonNode node, String path) {
    if (!node.isArray()) {
      throw typeError(path, "list", node);
    }
    SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
    List<Object> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      if (element.isNull()) {
        throw new SerializationException("Null element in list " + path);
      }
      out.add(readValue(member, element, path + "[" + i + "]"));
    }
    return out;
  }

  private Map<String, Object> readMap(SdkField<?> field, JsonNode node, String path) {
    if (!node.isObject()) {
      throw typeError(path, "map", node);
    }
    SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isNull()) {
        out.put(e.getKey(), readValue(valueField, e.getValue(), path + "." + e.getKey()));
      }
    }
    return out;
  }

  private static void checkEnum(
      Set<String> allowed, Set<String> extra, Object parsed, String path) {
    if (parsed instanceof String s && !allowed.contains(s) && !extra.contains(s)) {
      throw new RequestValidationException(
          "Invalid value '"
              + s
              + "' for "
              + path
              + ". Valid values: "
              + String.join(", ", allowed));
    }
    if (parsed instanceof List<?> list) {
      for (Object element : list) {
        checkEnum(allowed, extra, element, path);
      }
    }
  }

  private static SerializationException typeError(String path, String expected, JsonNode node) {
    return new SerializationException(
        "Expected "
            + expected
            + " for "
            + (path.isEmpty() ? "request body" : path)
            + " but found "
            + node.getNodeType().name().toLowerCase());
  }

  private static SerializationException rangeError(String path, JsonNode node) {
    return new SerializationException("Number out of range for " + path + ": " + node.asText());
  }

  private void writePojo(JsonGenerator gen, SdkPojo pojo) throws IOException {
    RawJson cached = wireCache.lookup(pojo);
    if (cached != null) {
      gen.writeRawValue(cached);
      return;
    }
    gen.writeStartObject();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (value == null
          || value instanceof SdkAutoConstructList<?>
          || value instanceof SdkAutoConstructMap<?, ?>) {
        continue;
      }
      gen.writeFieldName(field.locationName());
      writeValue(gen, field, value);
    }
    gen.writeEndObject();
  }

  private void writeValue(JsonGenerator gen, SdkField<?> field, Object value) throws IOException {
    switch (value) {
      case String s -> gen.writeString(s);
      case Integer i -> gen.writeNumber(i);
      case Long l -> gen.writeNumber(l);
      case Double d -> gen.writeNumber(d);
      case Float f -> gen.writeNumber(f);
      case BigDecimal b -> gen.writeNumber(b);
      case Boolean b -> gen.writeBoolean(b);
      case Instant t -> gen.writeNumber(epochSeconds(t));
      case SdkBytes b -> gen.writeString(Base64.getEncoder().encodeToString(b.asByteArray()));
      case SdkPojo p -> writePojo(gen, p);
      case List<?> list -> {
        SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        gen.writeStartArray();
        for (Object element : list) {
          writeValue(gen, member, element);
        }
        gen.writeEndArray();
      }
      case Map<?, ?> map -> {
        SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
        gen.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          gen.writeFieldName(String.valueOf(e.getKey()));
          if (e.getValue() == null) {
            gen.writeNull();
          } else {
            writeValue(gen, valueField, e.getValue());
          }
        }
        gen.writeEndObject();
      }
      default -> throw new IllegalStateException("Unsupported value " + value.getClass());
    }
  }

  /** Epoch seconds with a millisecond fraction, as every AWS JSON service sends timestamps. */
  static BigDecimal epochSeconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli(), 3);
  }
}
