package io.kecs.protocol;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Operations by name, each a request type and its handler: the table both protocols' services keep,
 * whatever their wire format ({@code I}: a JSON body, a form).
 */
final class OperationTable<I> {
  /** Reads the wire input of one call into the operation's request type. */
  interface Reader<I> {
    <T extends SdkPojo> T read(I input, Class<T> type);
  }

  private final Reader<I> reader;
  private final Map<String, Operation<?, ?>> operations = new TreeMap<>();

  OperationTable(Reader<I> reader) {
    this.reader = reader;
  }

  <Q extends SdkPojo, R extends SdkPojo> void add(
      String name, Class<Q> requestType, OperationHandler<Q, R> handler) {
    if (operations.putIfAbsent(name, new Operation<>(requestType, handler)) != null) {
      throw new IllegalArgumentException("Operation registered twice: " + name);
    }
  }

  Set<String> names() {
    return operations.keySet();
  }

  boolean has(String name) {
    return operations.containsKey(name);
  }

  /** Calls a registered operation ({@link #has} first). */
  SdkPojo call(String name, I input, RequestContext context) {
    return operations.get(name).call(reader, input, context);
  }

  private record Operation<Q extends SdkPojo, R extends SdkPojo>(
      Class<Q> requestType, OperationHandler<Q, R> handler) {
    <I> SdkPojo call(Reader<I> reader, I input, RequestContext context) {
      return handler.handle(context, reader.read(input, requestType));
    }
  }
}
