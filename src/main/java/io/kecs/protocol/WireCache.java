package io.kecs.protocol;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wire form of stored records, by object identity. The store serialises every record it keeps
 * anyway; answers that return a stored record unchanged (DescribeTasks of 100 tasks) copy those
 * bytes instead of walking the model again. Only exact instances are found, so a changed or copied
 * record is always written afresh: the cache cannot serve stale data.
 */
public final class WireCache {
  private final Map<Identity, RawJson> byInstance = new ConcurrentHashMap<>();
  private final Set<Class<?>> types = ConcurrentHashMap.newKeySet();

  /** Declares a record type whose instances may be cached (cheap pre-check on the write path). */
  public void cacheType(Class<?> type) {
    types.add(type);
  }

  public void remember(Object record, String json) {
    byInstance.put(new Identity(record), new RawJson(json));
  }

  public void forget(Object record) {
    if (record != null) {
      byInstance.remove(new Identity(record));
    }
  }

  public void clear() {
    byInstance.clear();
  }

  RawJson lookup(Object pojo) {
    if (!types.contains(pojo.getClass())) {
      return null;
    }
    return byInstance.get(new Identity(pojo));
  }

  private record Identity(Object ref) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity other && other.ref == ref;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(ref);
    }
  }
}
