package io.kecs.servicediscovery.common;

import io.kecs.servicediscovery.error.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Pages over records kept in key order. A token names the last key returned and the listing it
 * belongs to, so the next page resumes strictly after it, whatever was added or removed since.
 */
public final class Pages {
  private Pages() {}

  /** One page and the token of the next one (null on the last page). */
  public record Page<R>(List<R> items, String nextToken) {}

  /** The page size for {@code maxResults} (1..{@code upper}), {@code fallback} when absent. */
  public static int limit(Integer maxResults, int fallback, int upper) {
    if (maxResults == null) {
      return fallback;
    }
    if (maxResults < 1 || maxResults > upper) {
      throw new InvalidInput("MaxResults must be between 1 and " + upper + ".");
    }
    return maxResults;
  }

  public static <T, R> Page<R> page(
      String listing,
      NavigableMap<String, T> sorted,
      Predicate<? super T> filter,
      Function<? super T, R> map,
      int limit,
      String nextToken) {
    NavigableMap<String, T> rest = sorted;
    if (nextToken != null && !nextToken.isEmpty()) {
      String key = decode(listing, nextToken);
      try {
        rest = sorted.tailMap(key, false);
      } catch (IllegalArgumentException e) {
        throw new InvalidInput("The NextToken is not valid for this request.");
      }
    }
    List<R> items = new ArrayList<>();
    String lastKey = null;
    for (Map.Entry<String, T> e : rest.entrySet()) {
      if (!filter.test(e.getValue())) {
        continue;
      }
      if (items.size() == limit) {
        return new Page<>(items, encode(listing, lastKey));
      }
      items.add(map.apply(e.getValue()));
      lastKey = e.getKey();
    }
    return new Page<>(items, null);
  }

  private static String encode(String listing, String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((listing + "\n" + key).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String listing, String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith(listing + "\n")) {
        return text.substring(listing.length() + 1);
      }
    } catch (IllegalArgumentException e) {
      // falls through: not one of ours
    }
    throw new InvalidInput("The NextToken is not valid for this request.");
  }
}
