package io.kecs.elbv2.common;

import io.kecs.elbv2.error.ValidationError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * ELBv2's {@code Marker} / {@code NextMarker} pagination over a list in a stable order: the marker
 * names the last item of the previous page, so items added or removed meanwhile neither repeat nor
 * hide the rest.
 */
public final class Marker {
  private Marker() {}

  public record Page<T>(List<T> items, String nextMarker) {}

  /**
   * @param items in a stable order of {@code key}
   * @param pageSize the client's PageSize, or null for {@code max}
   */
  public static <T> Page<T> page(
      List<T> items, Function<T, String> key, String marker, Integer pageSize, int max) {
    int size = pageSize == null ? max : pageSize;
    if (size < 1 || size > max) {
      throw new ValidationError(
          "1 validation error detected: Value '"
              + size
              + "' at 'pageSize' failed to satisfy constraint: Member must have value between 1"
              + " and "
              + max);
    }
    int start = 0;
    if (marker != null && !marker.isEmpty()) {
      String after;
      try {
        after = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new ValidationError("Invalid value for parameter marker: '" + marker + "'");
      }
      while (start < items.size() && key.apply(items.get(start)).compareTo(after) <= 0) {
        start++;
      }
    }
    int end = Math.min(items.size(), start + size);
    String next =
        end < items.size()
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(key.apply(items.get(end - 1)).getBytes(StandardCharsets.UTF_8))
            : null;
    return new Page<>(List.copyOf(items.subList(start, end)), next);
  }
}
