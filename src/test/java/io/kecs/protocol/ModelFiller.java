package io.kecs.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Builds model objects with every member set (two items per list, two entries per map, nested
 * structures down to a depth), from the SDK's field metadata, so codec tests cover every shape of a
 * service without one hand-written case per shape. Values differ per member and item.
 */
final class ModelFiller {
  private static final int MAX_DEPTH = 4;
  private int counter;

  SdkPojo fill(Class<?> pojoClass) {
    return fill(ShapeInfo.forPojoClass(pojoClass), 0);
  }

  private SdkPojo fill(ShapeInfo shape, int depth) {
    SdkPojo builder = shape.newBuilder();
    for (SdkField<?> field : shape.fieldsByWireName.values()) {
      Set<String> enumValues = shape.enumValues.get(field.memberName());
      Object value = value(field, enumValues, depth);
      if (value != null) {
        field.set(builder, value);
      }
    }
    return (SdkPojo) ShapeInfo.build(builder);
  }

  private Object value(SdkField<?> field, Set<String> enumValues, int depth) {
    int n = ++counter;
    return switch (field.marshallingType().getTargetClass().getSimpleName()) {
      case "String" ->
          enumValues != null
              ? new ArrayList<>(enumValues).get(n % enumValues.size())
              : field.memberName() + "-" + n + " <&\"'>";
      case "Integer" -> n;
      case "Long" -> 10_000_000_000L + n;
      case "Double" -> n + 0.5;
      case "Float" -> n + 0.25f;
      case "BigDecimal" -> BigDecimal.valueOf(n, 2);
      case "Boolean" -> n % 2 == 0;
      case "Instant" -> Instant.ofEpochMilli(1_700_000_000_123L + n * 1000L);
      case "SdkBytes" -> SdkBytes.fromUtf8String("bytes-" + n);
      case "SdkPojo" ->
          depth >= MAX_DEPTH ? null : fill(ShapeInfo.forBuilder(field.constructor()), depth + 1);
      case "List" -> {
        if (depth >= MAX_DEPTH) {
          yield null;
        }
        SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          Object item = value(member, enumValues, depth + 1);
          if (item != null) {
            out.add(item);
          }
        }
        yield out;
      }
      case "Map" -> {
        SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
          out.put("key-" + n + "-" + i, value(valueField, null, depth + 1));
        }
        yield out;
      }
      default -> throw new IllegalStateException("Unknown type of " + field.memberName());
    };
  }
}
