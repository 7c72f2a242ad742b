package io.kecs.protocol;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * What the codec needs to know of one SDK model class, computed once per class: its fields by wire
 * name, the required ones, and the allowed values of its enum members. The SDK keeps enum members
 * as strings in {@link SdkField}s; the enum type is only visible on the pojo's typed getter.
 */
final class ShapeInfo {
  private static final Map<Class<?>, ShapeInfo> CACHE = new ConcurrentHashMap<>();

  final Class<?> pojoClass;
  final Supplier<SdkPojo> builder;
  final Map<String, SdkField<?>> fieldsByWireName;
  final List<SdkField<?>> required;
  final Map<String, Set<String>> enumValues;
  final Map<String, Class<?>> enumTypes;

  private ShapeInfo(Class<?> pojoClass, Supplier<SdkPojo> builder) {
    this.pojoClass = pojoClass;
    this.builder = builder;
    SdkPojo sample = builder.get();
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    List<SdkField<?>> req = new ArrayList<>();
    Map<String, Set<String>> enums = new ConcurrentHashMap<>();
    Map<String, Class<?>> types = new ConcurrentHashMap<>();
    List<String> requiredNames = RequiredMembers.of(pojoClass);
    for (SdkField<?> f : sample.sdkFields()) {
      fields.put(f.locationName(), f);
      if (f.containsTrait(RequiredTrait.class) || requiredNames.contains(f.locationName())) {
        req.add(f);
      }
      Class<?> enumType = enumTypeOfMember(pojoClass, f.memberName());
      if (enumType != null) {
        enums.put(f.memberName(), enumValuesOf(enumType));
        types.put(f.memberName(), enumType);
      }
    }
    this.fieldsByWireName = Collections.unmodifiableMap(fields);
    this.required = List.copyOf(req);
    this.enumValues = enums;
    this.enumTypes = types;
  }

  static ShapeInfo forPojoClass(Class<?> pojoClass) {
    return CACHE.computeIfAbsent(pojoClass, c -> new ShapeInfo(c, builderSupplier(c)));
  }

  /** For nested structures the SDK hands us a builder supplier; the pojo is its declaring class. */
  static ShapeInfo forBuilder(Supplier<SdkPojo> supplier) {
    Class<?> builderClass = supplier.get().getClass();
    Class<?> pojo = builderClass.getDeclaringClass();
    return CACHE.computeIfAbsent(pojo, c -> new ShapeInfo(c, supplier));
  }

  SdkPojo newBuilder() {
    return builder.get();
  }

  static Object build(SdkPojo builder) {
    return ((SdkBuilder<?, ?>) builder).build();
  }

  private static Supplier<SdkPojo> builderSupplier(Class<?> pojoClass) {
    try {
      Method m = pojoClass.getMethod("builder");
      return () -> {
        try {
          return (SdkPojo) m.invoke(null);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      };
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(pojoClass + " is not an SDK model class", e);
    }
  }

  private static Class<?> enumTypeOfMember(Class<?> pojoClass, String memberName) {
    String getter = Character.toLowerCase(memberName.charAt(0)) + memberName.substring(1);
    try {
      return enumTypeOf(pojoClass.getMethod(getter).getGenericReturnType());
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Set<String> enumValuesOf(Class<?> enumType) {
    Set<String> values = new TreeSet<>();
    for (Object constant : enumType.getEnumConstants()) {
      if (!((Enum<?>) constant).name().equals("UNKNOWN_TO_SDK_VERSION")) {
        values.add(constant.toString());
      }
    }
    return Collections.unmodifiableSet(values);
  }

  private static Class<?> enumTypeOf(Type type) {
    if (type instanceof Class<?> c && c.isEnum()) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      return enumTypeOf(p.getActualTypeArguments()[0]);
    }
    return null;
  }
}
